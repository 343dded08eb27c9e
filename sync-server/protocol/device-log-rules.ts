/**
 * The device-log rules (protocol v1), checked by the relay on append AND by every device on
 * read. Pure: the caller injects SHA-256 and Ed25519 (Node crypto on the relay, the app's
 * crypto core in the browser), sync or async.
 *
 * genesis: seq 0, prev "", kind genesis, signer == device.id, signed by device.sign.
 * add/revoke: seq = last + 1, prev = hash(last), signer a current member, signed by the
 * signer's key; add: the device id never appeared in the log; revoke: the device is a current
 * member (a device may revoke itself) and `device.sign` is its registered key.
 */
import { decodeBase64UrlOfLength } from './base64url';
import { canonicalJson } from './canonical-json';
import { ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES } from './constants';
import type { DeviceLogEntry } from './device-log';
import { toJson, unsignedEntry } from './device-log';
import { ProtocolError } from './errors';

/** Crypto the rules need, injected so this module stays platform-free. */
export interface DeviceLogCrypto {
  sha256Hex(bytes: Uint8Array): string | Promise<string>;
  verifyEd25519(
    publicKey: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>;
}

/** The log folded so far: its head and who may sign. */
export interface DeviceLogState {
  readonly vault: string;
  /** seq of the last entry. */
  readonly seq: number;
  /** entryHash of the last entry. */
  readonly hash: string;
  /** Current (non-revoked) members: device id → Ed25519 key (base64url). */
  readonly members: ReadonlyMap<string, string>;
  /** Every device id the log ever named (an id is never added twice). */
  readonly seen: ReadonlySet<string>;
}

const utf8 = new TextEncoder();

/** hex SHA-256 of the entry's canonical JSON including `sig`. */
export async function deviceLogEntryHash(
  entry: DeviceLogEntry,
  crypto: DeviceLogCrypto,
): Promise<string> {
  return crypto.sha256Hex(utf8.encode(canonicalJson(toJson(entry))));
}

/**
 * Checks `entry` against `state` (null before genesis) and returns the new state.
 * @throws {ProtocolError} `log_conflict` when seq is not last + 1 (built on another head),
 *   `invalid_entry` on any other broken rule or a bad signature.
 */
export async function applyDeviceLogEntry(
  state: DeviceLogState | null,
  entry: DeviceLogEntry,
  crypto: DeviceLogCrypto,
): Promise<DeviceLogState> {
  const signerKey = signerKeyFor(state, entry);
  const message = utf8.encode(canonicalJson(unsignedEntry(entry)));
  const signature = decodeBase64UrlOfLength(entry.sig, ED25519_SIGNATURE_BYTES);
  const key = decodeBase64UrlOfLength(signerKey, ED25519_PUBLIC_KEY_BYTES);
  if (!signature || !key || !(await crypto.verifyEd25519(key, message, signature))) {
    fail('bad signature');
  }
  return foldDeviceLogEntry(state, entry, await deviceLogEntryHash(entry, crypto));
}

/**
 * Applies an entry already verified (e.g. read back from the relay's own store) without
 * checking its signature or chain again.
 */
export function foldDeviceLogEntry(
  state: DeviceLogState | null,
  entry: DeviceLogEntry,
  hash: string,
): DeviceLogState {
  const members = new Map(state?.members);
  if (entry.kind === 'revoke') members.delete(entry.device.id);
  else members.set(entry.device.id, entry.device.sign);
  const seen = new Set(state?.seen);
  seen.add(entry.device.id);
  return { vault: entry.vault, seq: entry.seq, hash, members, seen };
}

/** Verifies a whole log from genesis; returns its final state. */
export async function verifyDeviceLog(
  entries: readonly DeviceLogEntry[],
  crypto: DeviceLogCrypto,
): Promise<DeviceLogState> {
  let state: DeviceLogState | null = null;
  for (const entry of entries) state = await applyDeviceLogEntry(state, entry, crypto);
  if (!state) fail('empty log');
  return state;
}

/** Checks the chain rules; returns the key that must have signed `entry`. */
function signerKeyFor(state: DeviceLogState | null, entry: DeviceLogEntry): string {
  if (state === null) {
    const ok =
      entry.seq === 0 &&
      entry.prev === '' &&
      entry.kind === 'genesis' &&
      entry.signer === entry.device.id;
    if (!ok) fail('genesis rules');
    return entry.device.sign;
  }
  if (entry.seq !== state.seq + 1) {
    throw new ProtocolError('log_conflict', 'device-log entry: seq is not last + 1');
  }
  if (entry.vault !== state.vault) fail('vault differs from the log');
  if (entry.prev !== state.hash) fail('prev is not the hash of the last entry');
  const signerKey = state.members.get(entry.signer);
  if (signerKey === undefined) fail('signer is not a current member');
  if (entry.kind === 'add' && state.seen.has(entry.device.id)) fail('device already present');
  if (entry.kind === 'revoke' && state.members.get(entry.device.id) !== entry.device.sign) {
    fail('revoked device is not a current member with that key');
  }
  if (entry.kind === 'genesis') fail('second genesis');
  return signerKey;
}

function fail(message: string): never {
  throw new ProtocolError('invalid_entry', `device-log entry: ${message}`);
}
