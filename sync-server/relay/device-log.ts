/**
 * The relay's side of the device log: fold what it stored (already verified), check a new
 * entry with the shared rules (sync-server/protocol/device-log-rules.ts) on Node crypto, and
 * map it to the store's record.
 */
import { HTTPException } from 'hono/http-exception';
import {
  applyDeviceLogEntry,
  canonicalJson,
  decodeBase64UrlOfLength,
  ED25519_PUBLIC_KEY_BYTES,
  foldDeviceLogEntry,
  ProtocolError,
  toJson,
  type DeviceLogEntry,
  type DeviceLogState,
} from '../protocol';
import type { StoredDeviceEntry } from '../store/bundle-store';
import { NODE_DEVICE_LOG_CRYPTO } from './node-crypto';

/** The state of a stored log (null when empty); stored entries are trusted. */
export function foldStoredLog(entries: readonly StoredDeviceEntry[]): DeviceLogState | null {
  let state: DeviceLogState | null = null;
  for (const stored of entries) {
    state = foldDeviceLogEntry(state, JSON.parse(stored.json) as DeviceLogEntry, stored.hash);
  }
  return state;
}

/**
 * Checks `entry` on top of `state` and returns the record to store.
 * @throws {HTTPException} 409 when built on another head, 400 on any broken rule.
 */
export async function checkEntry(
  state: DeviceLogState | null,
  entry: DeviceLogEntry,
): Promise<StoredDeviceEntry> {
  let next: DeviceLogState;
  try {
    next = await applyDeviceLogEntry(state, entry, NODE_DEVICE_LOG_CRYPTO);
  } catch (err) {
    if (err instanceof ProtocolError) {
      throw new HTTPException(err.code === 'log_conflict' ? 409 : 400, { cause: err });
    }
    throw err;
  }
  const signPublicKey = decodeBase64UrlOfLength(entry.device.sign, ED25519_PUBLIC_KEY_BYTES);
  if (!signPublicKey) throw new HTTPException(400);
  return {
    vaultId: entry.vault,
    seq: entry.seq,
    deviceId: entry.device.id,
    kind: entry.kind,
    signPublicKey,
    hash: next.hash,
    json: canonicalJson(toJson(entry)),
  };
}

/**
 * Parses with a protocol parser, mapping its error to 400.
 * @throws {HTTPException} 400.
 */
export function parseOr400<T>(parse: (value: unknown) => T, value: unknown): T {
  try {
    return parse(value);
  } catch (err) {
    if (err instanceof ProtocolError) throw new HTTPException(400, { cause: err });
    throw err;
  }
}
