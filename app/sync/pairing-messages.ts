/**
 * Plaintexts of the two pairing mailbox messages (encrypted under K by
 * `sealPairingMessage`; FROZEN v1, a change takes a new version):
 *
 * B→A "join-request": UTF-8 canonical JSON
 *   `{"box":<X25519 pk b64url>,"id":<device id>,"name":<≤ 64 chars>,"sign":<Ed25519 pk b64url>,"v":1}`
 *
 * A→B "keyring" (binary, integers big-endian):
 * ```
 * offset  size  field
 * 0       1     version = 0x01
 * 1       4     seq of the device-log 'add' entry naming B, u32
 * 5       32    entryHash of that entry (raw SHA-256)
 * 37      n     sealToDevice(B's X25519 pk, exportSharedKeyring(A's keyring))
 * ```
 * The pin lets B check that the log the relay serves is the one A extended (a relay cannot
 * substitute a forged log of the same vault id).
 */
import {
  ED25519_PUBLIC_KEY_BYTES,
  MAX_DEVICE_NAME_CHARS,
  SHA256_BYTES,
  X25519_PUBLIC_KEY_BYTES,
  canonicalJson,
  decodeBase64UrlOfLength,
  encodeBase64Url,
  encodeHex,
  parseDeviceId,
} from '../../sync-server/protocol';
import { PairingError } from './pairing-errors';
import type { DeviceLogPin, Joiner } from './pairing-session';

/** Version of both pairing plaintexts. */
export const PAIRING_PLAINTEXT_V1 = 1;
const PIN_HEADER_BYTES = 1 + 4 + SHA256_BYTES;
// Control characters would let a name hide or fake text on A's confirmation screen.
const CONTROL = /\p{Cc}/u;

function integrity(detail: string, cause?: unknown): PairingError {
  return new PairingError('integrity', undefined, { cause: cause ?? new Error(detail) });
}

/** Encodes B's join request. */
export function encodeJoinRequest(joiner: Joiner): Uint8Array {
  const json = canonicalJson({
    v: PAIRING_PLAINTEXT_V1,
    id: joiner.deviceId,
    sign: encodeBase64Url(joiner.signPk),
    box: encodeBase64Url(joiner.boxPk),
    name: joiner.name,
  });
  return new TextEncoder().encode(json);
}

/**
 * True for a device name staff can read: 1 to 64 code points after trimming, no control
 * characters.
 */
export function isDeviceName(name: string): boolean {
  const length = [...name.trim()].length;
  return length > 0 && length <= MAX_DEVICE_NAME_CHARS && !CONTROL.test(name);
}

/**
 * Parses a decrypted join request (authentic, but validated like any input).
 * @throws PairingError 'integrity' on any other shape
 */
export function parseJoinRequest(bytes: Uint8Array): Joiner {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw integrity('join request is not JSON', cause);
  }
  if (typeof value !== 'object' || value === null) throw integrity('join request shape');
  const r = value as Record<string, unknown>;
  const deviceId = parseDeviceId(r.id);
  const signPk = decodeBase64UrlOfLength(r.sign, ED25519_PUBLIC_KEY_BYTES);
  const boxPk = decodeBase64UrlOfLength(r.box, X25519_PUBLIC_KEY_BYTES);
  const ok =
    Object.keys(r).length === 5 &&
    r.v === PAIRING_PLAINTEXT_V1 &&
    typeof r.name === 'string' &&
    isDeviceName(r.name);
  if (!ok || deviceId === null || signPk === null || boxPk === null) {
    throw integrity('join request fields');
  }
  return { deviceId, signPk, boxPk, name: (r.name as string).trim() };
}

/** Encodes A's answer: the pin of the 'add' entry, then the keyring sealed to B. */
export function encodeKeyringAnswer(pin: DeviceLogPin, sealed: Uint8Array): Uint8Array {
  const out = new Uint8Array(PIN_HEADER_BYTES + sealed.length);
  const hash = decodeHexSha256(pin.hash);
  out[0] = PAIRING_PLAINTEXT_V1;
  new DataView(out.buffer).setUint32(1, pin.seq);
  out.set(hash, 5);
  out.set(sealed, PIN_HEADER_BYTES);
  return out;
}

/**
 * Parses A's answer.
 * @throws PairingError 'integrity' when truncated or of another version
 */
export function parseKeyringAnswer(bytes: Uint8Array): { pin: DeviceLogPin; sealed: Uint8Array } {
  if (bytes.length <= PIN_HEADER_BYTES || bytes[0] !== PAIRING_PLAINTEXT_V1) {
    throw integrity('keyring answer header');
  }
  const seq = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
  return {
    pin: { seq, hash: encodeHex(bytes.subarray(5, PIN_HEADER_BYTES)) },
    sealed: bytes.subarray(PIN_HEADER_BYTES),
  };
}

function decodeHexSha256(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError('pin hash must be hex SHA-256');
  return Uint8Array.from({ length: SHA256_BYTES }, (_, i) =>
    Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16),
  );
}
