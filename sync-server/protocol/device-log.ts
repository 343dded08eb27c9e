/**
 * Device-log entries (protocol v1 "Device log"): per vault, append-only, hash-chained and
 * signed. The JSON shape is FROZEN v1:
 *
 *   { v: 1, vault, seq, prev, kind: "genesis" | "add" | "revoke",
 *     device: { id, sign, box, name }, signer, at, sig }
 *
 * `sig` signs the UTF-8 canonical JSON of the entry without `sig`; entryHash is the hex
 * SHA-256 of the canonical JSON with `sig`; `prev` is the previous entry's hash ("" at seq 0).
 */
import { decodeBase64UrlOfLength } from './base64url';
import type { JsonValue } from './canonical-json';
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  MAX_DEVICE_NAME_CHARS,
  PROTOCOL_VERSION,
  X25519_PUBLIC_KEY_BYTES,
} from './constants';
import { ProtocolError } from './errors';
import { isSha256Hex } from './hex';
import { isId, type DeviceId, type VaultId } from './ids';

export type DeviceLogKind = 'genesis' | 'add' | 'revoke';

/** The device an entry is about. */
export interface DeviceLogDevice {
  readonly id: DeviceId;
  /** Ed25519 public key, base64url (32 bytes). */
  readonly sign: string;
  /** X25519 public key, base64url (32 bytes). */
  readonly box: string;
  /** Display name, ≤ 64 code points. */
  readonly name: string;
}

/** A signed device-log entry. */
export interface DeviceLogEntry {
  readonly v: 1;
  readonly vault: VaultId;
  readonly seq: number;
  /** hex SHA-256 of the previous entry's canonical JSON, "" for genesis. */
  readonly prev: string;
  readonly kind: DeviceLogKind;
  readonly device: DeviceLogDevice;
  readonly signer: DeviceId;
  /** Unix ms when the signer wrote the entry. */
  readonly at: number;
  /** Ed25519 signature, base64url (64 bytes). */
  readonly sig: string;
}

/** An entry before signing: what `sig` covers. */
export type UnsignedDeviceLogEntry = Omit<DeviceLogEntry, 'sig'>;

const ENTRY_KEYS = ['at', 'device', 'kind', 'prev', 'seq', 'signer', 'sig', 'v', 'vault'];
const DEVICE_KEYS = ['box', 'id', 'name', 'sign'];
const KINDS: readonly string[] = ['genesis', 'add', 'revoke'];

/**
 * Checks the shape of an entry received as JSON (not its signature or chain rules).
 * @throws {ProtocolError} `invalid_entry` naming the first bad field.
 */
export function parseDeviceLogEntry(value: unknown): DeviceLogEntry {
  const e = asRecord(value, ENTRY_KEYS, 'entry');
  if (e.v !== PROTOCOL_VERSION) fail('v');
  if (!isId(e.vault)) fail('vault');
  if (!isCounter(e.seq)) fail('seq');
  if (!(e.prev === '' || isSha256Hex(e.prev))) fail('prev');
  if (typeof e.kind !== 'string' || !KINDS.includes(e.kind)) fail('kind');
  const d = asRecord(e.device, DEVICE_KEYS, 'device');
  if (!isId(d.id)) fail('device.id');
  if (!decodeBase64UrlOfLength(d.sign, ED25519_PUBLIC_KEY_BYTES)) fail('device.sign');
  if (!decodeBase64UrlOfLength(d.box, X25519_PUBLIC_KEY_BYTES)) fail('device.box');
  if (typeof d.name !== 'string' || [...d.name].length > MAX_DEVICE_NAME_CHARS) {
    fail('device.name');
  }
  if (!isId(e.signer)) fail('signer');
  if (!isCounter(e.at)) fail('at');
  if (!decodeBase64UrlOfLength(e.sig, ED25519_SIGNATURE_BYTES)) fail('sig');
  return value as DeviceLogEntry;
}

/** The entry without `sig`, as a JSON value for canonical JSON. */
export function unsignedEntry(entry: DeviceLogEntry): JsonValue {
  const { sig: _sig, ...rest } = entry;
  return toJson(rest);
}

/** The entry as a JSON value for canonical JSON. */
export function toJson(entry: DeviceLogEntry | UnsignedDeviceLogEntry): JsonValue {
  return { ...entry, device: { ...entry.device } };
}

function asRecord(value: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(what);
  const own = Object.keys(value);
  // Exactly the v1 keys: an extra field would be signed but ignored by other readers.
  if (own.length !== keys.length || !own.every((k) => keys.includes(k))) fail(`${what} keys`);
  return value as Record<string, unknown>;
}

function isCounter(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function fail(field: string): never {
  throw new ProtocolError('invalid_entry', `device-log entry: bad ${field}`);
}
