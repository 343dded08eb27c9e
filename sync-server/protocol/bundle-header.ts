/**
 * The bundle: binary, `application/octet-stream`, big-endian integers.
 *
 * FROZEN v1 — never change an offset, a size or a meaning; a new layout is a new version.
 *
 *   offset  size  field
 *   0       1     version = 0x01
 *   1       1     flags (bit 0 = snapshot; other bits 0)
 *   2       16    bundle id
 *   18      16    vault id
 *   34      16    device id (the author)
 *   50      8     device sequence number, u64 BE, starts at 1, +1 per bundle of that device
 *   58      32    prev hash: SHA-256 of the author's previous bundle (all bytes incl.
 *                 signature); 32 zero bytes for seq 1
 *   90      4     key epoch, u32 BE
 *   94      4     payload length n, u32 BE
 *   98      n     payload: Envelope v1 (app/crypto), opaque to the relay
 *   98+n    64    Ed25519 signature by the author's device key over bytes [0, 98+n)
 *
 * Whole bundle ≤ MAX_BODY_BYTES; bundleHash = SHA-256(all bytes).
 */
import { decodeBase64UrlOfLength, encodeBase64Url } from './base64url';
import { ED25519_SIGNATURE_BYTES, ID_BYTES, MAX_BODY_BYTES, SHA256_BYTES } from './constants';
import { ProtocolError } from './errors';
import type { BundleId, DeviceId, VaultId } from './ids';

export const BUNDLE_VERSION = 0x01;
export const BUNDLE_FLAG_SNAPSHOT = 0x01;
export const BUNDLE_OFFSET_VERSION = 0;
export const BUNDLE_OFFSET_FLAGS = 1;
export const BUNDLE_OFFSET_BUNDLE_ID = 2;
export const BUNDLE_OFFSET_VAULT_ID = 18;
export const BUNDLE_OFFSET_DEVICE_ID = 34;
export const BUNDLE_OFFSET_DEVICE_SEQ = 50;
export const BUNDLE_OFFSET_PREV_HASH = 58;
export const BUNDLE_OFFSET_KEY_EPOCH = 90;
export const BUNDLE_OFFSET_PAYLOAD_LENGTH = 94;
/** Header size; the payload starts here. */
export const BUNDLE_HEADER_BYTES = 98;
/** Largest payload that keeps the whole bundle within MAX_BODY_BYTES. */
export const MAX_BUNDLE_PAYLOAD_BYTES =
  MAX_BODY_BYTES - BUNDLE_HEADER_BYTES - ED25519_SIGNATURE_BYTES;

/** The clear header of a bundle (ids as base64url text). */
export interface BundleHeader {
  readonly snapshot: boolean;
  readonly bundleId: BundleId;
  readonly vaultId: VaultId;
  readonly deviceId: DeviceId;
  /** Device sequence number, 1-based (≤ Number.MAX_SAFE_INTEGER). */
  readonly deviceSeq: number;
  /** SHA-256 of the author's previous bundle; 32 zero bytes when deviceSeq is 1. */
  readonly prevHash: Uint8Array;
  readonly keyEpoch: number;
  readonly payloadLength: number;
}

/** A parsed bundle: views into the original bytes (not copies). */
export interface ParsedBundle {
  readonly header: BundleHeader;
  readonly payload: Uint8Array;
  /** Bytes [0, 98+n): what the signature covers. */
  readonly signed: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Encodes a header (98 bytes). Append the payload, sign bytes [0, 98+n), append the signature.
 * @throws {ProtocolError} `malformed_bundle` on an out-of-range field.
 */
export function encodeBundleHeader(header: BundleHeader): Uint8Array {
  const out = new Uint8Array(BUNDLE_HEADER_BYTES);
  const view = new DataView(out.buffer);
  checkFields(header);
  out[BUNDLE_OFFSET_VERSION] = BUNDLE_VERSION;
  out[BUNDLE_OFFSET_FLAGS] = header.snapshot ? BUNDLE_FLAG_SNAPSHOT : 0;
  out.set(idBytes(header.bundleId), BUNDLE_OFFSET_BUNDLE_ID);
  out.set(idBytes(header.vaultId), BUNDLE_OFFSET_VAULT_ID);
  out.set(idBytes(header.deviceId), BUNDLE_OFFSET_DEVICE_ID);
  view.setBigUint64(BUNDLE_OFFSET_DEVICE_SEQ, BigInt(header.deviceSeq));
  out.set(header.prevHash, BUNDLE_OFFSET_PREV_HASH);
  view.setUint32(BUNDLE_OFFSET_KEY_EPOCH, header.keyEpoch);
  view.setUint32(BUNDLE_OFFSET_PAYLOAD_LENGTH, header.payloadLength);
  return out;
}

/**
 * Parses a whole bundle: header, payload and signature (the signature is NOT verified).
 * @throws {ProtocolError} `malformed_bundle` on a wrong version, flags, length or field.
 */
export function parseBundle(bytes: Uint8Array): ParsedBundle {
  if (bytes.length < BUNDLE_HEADER_BYTES + ED25519_SIGNATURE_BYTES) fail('too short');
  if (bytes.length > MAX_BODY_BYTES) fail('too large');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[BUNDLE_OFFSET_VERSION] !== BUNDLE_VERSION) fail('unknown version');
  const flags = bytes[BUNDLE_OFFSET_FLAGS] ?? 0;
  if ((flags & ~BUNDLE_FLAG_SNAPSHOT) !== 0) fail('unknown flags');
  const seq = view.getBigUint64(BUNDLE_OFFSET_DEVICE_SEQ);
  if (seq > BigInt(Number.MAX_SAFE_INTEGER)) fail('device seq out of range');
  const payloadLength = view.getUint32(BUNDLE_OFFSET_PAYLOAD_LENGTH);
  const end = BUNDLE_HEADER_BYTES + payloadLength;
  if (bytes.length !== end + ED25519_SIGNATURE_BYTES) fail('length mismatch');
  const header: BundleHeader = {
    snapshot: (flags & BUNDLE_FLAG_SNAPSHOT) !== 0,
    bundleId: idText(bytes, BUNDLE_OFFSET_BUNDLE_ID) as BundleId,
    vaultId: idText(bytes, BUNDLE_OFFSET_VAULT_ID) as VaultId,
    deviceId: idText(bytes, BUNDLE_OFFSET_DEVICE_ID) as DeviceId,
    deviceSeq: Number(seq),
    prevHash: bytes.subarray(BUNDLE_OFFSET_PREV_HASH, BUNDLE_OFFSET_PREV_HASH + SHA256_BYTES),
    keyEpoch: view.getUint32(BUNDLE_OFFSET_KEY_EPOCH),
    payloadLength,
  };
  checkFields(header);
  return {
    header,
    payload: bytes.subarray(BUNDLE_HEADER_BYTES, end),
    signed: bytes.subarray(0, end),
    signature: bytes.subarray(end),
  };
}

function checkFields(h: BundleHeader): void {
  if (!Number.isSafeInteger(h.deviceSeq) || h.deviceSeq < 1) fail('device seq must be ≥ 1');
  if (h.prevHash.length !== SHA256_BYTES) fail('prev hash must be 32 bytes');
  if (h.deviceSeq === 1 && h.prevHash.some((b) => b !== 0)) fail('seq 1 needs a zero prev hash');
  if (!isU32(h.keyEpoch)) fail('key epoch out of range');
  if (!isU32(h.payloadLength) || h.payloadLength > MAX_BUNDLE_PAYLOAD_BYTES) {
    fail('payload length out of range');
  }
}

function isU32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

function idBytes(id: string): Uint8Array {
  const bytes = decodeBase64UrlOfLength(id, ID_BYTES);
  if (!bytes) fail('id is not 16 bytes of base64url');
  return bytes;
}

function idText(bytes: Uint8Array, offset: number): string {
  return encodeBase64Url(bytes.subarray(offset, offset + ID_BYTES));
}

function fail(message: string): never {
  throw new ProtocolError('malformed_bundle', `bundle: ${message}`);
}
