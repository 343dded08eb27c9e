/**
 * Verifies a vault's device log as received from the relay (protocol v1 "Device log"): every
 * rule of the wire contract, then the anti-rollback check against the log this device
 * verified before — a relay must not swap keys, drop entries or fork the history.
 */
import { fromBase64Url, sha256, toHex, verifyDetached } from '../crypto';
import {
  canonicalJson,
  parseDeviceLogEntry,
  toJson,
  verifyDeviceLog as verifyLogRules,
  type DeviceLogCrypto,
  type DeviceLogEntry,
} from '../../sync-server/protocol';
import { SyncError } from './errors';

/** A device named by the log. Revoked devices stay (their old bundles remain readable). */
export interface DeviceMember {
  /** Ed25519 public key (32 bytes). */
  readonly sign: Uint8Array;
  /** X25519 public key (32 bytes). */
  readonly box: Uint8Array;
  readonly name: string;
  readonly revoked: boolean;
}

/** A log that passed every rule. */
export interface VerifiedDeviceLog {
  /** Every device the log named, by device id. */
  readonly members: ReadonlyMap<string, DeviceMember>;
  /** entryHash of the last entry. */
  readonly head: string;
  /** seq of the last entry. */
  readonly seq: number;
  /** The entries, parsed, in order. */
  readonly entries: readonly DeviceLogEntry[];
}

/** The crypto the wire contract's rules need, from the app's crypto core. */
export const DEVICE_LOG_CRYPTO: DeviceLogCrypto = {
  sha256Hex: (bytes) => toHex(sha256(bytes)),
  verifyEd25519: verifyDetached,
};

function integrity(cause: unknown): SyncError {
  return new SyncError(
    'integrity',
    "La liste des appareils de la pharmacie reçue du serveur n'est pas authentique. La synchronisation est suspendue : prévenez le responsable.",
    { cause },
  );
}

function foldMembers(entries: readonly DeviceLogEntry[]): Map<string, DeviceMember> {
  const members = new Map<string, DeviceMember>();
  for (const e of entries) {
    const previous = members.get(e.device.id);
    if (e.kind === 'revoke' && previous) members.set(e.device.id, { ...previous, revoked: true });
    else {
      members.set(e.device.id, {
        sign: fromBase64Url(e.device.sign),
        box: fromBase64Url(e.device.box),
        name: e.device.name,
        revoked: false,
      });
    }
  }
  return members;
}

/**
 * Verifies a whole device log from its genesis.
 * @param entries - untrusted JSON entries, in order
 * @param vaultId - the vault they must belong to
 * @returns members (with keys), head hash, last seq and the parsed entries
 * @throws SyncError 'integrity' on a malformed entry, a broken chain or signature rule, an
 *   empty log, or another vault
 */
export async function verifyDeviceLog(
  entries: readonly unknown[],
  vaultId: string,
): Promise<VerifiedDeviceLog> {
  let parsed: DeviceLogEntry[];
  let head: string;
  let seq: number;
  try {
    parsed = entries.map(parseDeviceLogEntry);
    const state = await verifyLogRules(parsed, DEVICE_LOG_CRYPTO);
    if (state.vault !== vaultId) throw new Error('device log of another vault');
    head = state.hash;
    seq = state.seq;
  } catch (cause) {
    throw integrity(cause);
  }
  return { members: foldMembers(parsed), head, seq, entries: parsed };
}

/** How a freshly verified log relates to the one this device verified before. */
export type LogRelation = 'same' | 'extends' | 'rollback' | 'fork';

/**
 * Compares a new log with the locally verified one: it must equal it or extend it
 * (prefix check on the canonical JSON of every entry).
 * @returns 'same', 'extends', 'rollback' (shorter: entries vanished) or 'fork' (an earlier
 *   entry differs: the relay or a member rewrote history)
 */
export function compareDeviceLogs(
  local: readonly DeviceLogEntry[],
  remote: readonly DeviceLogEntry[],
): LogRelation {
  const common = Math.min(local.length, remote.length);
  for (let i = 0; i < common; i += 1) {
    const a = local[i];
    const b = remote[i];
    if (!a || !b || canonicalJson(toJson(a)) !== canonicalJson(toJson(b))) return 'fork';
  }
  if (remote.length < local.length) return 'rollback';
  return remote.length === local.length ? 'same' : 'extends';
}
