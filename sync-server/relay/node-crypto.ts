/**
 * The relay's crypto, on Node's own `node:crypto` (no libsodium on the server): SHA-256 and
 * Ed25519 verification (RFC 8032) of raw 32-byte public keys.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { DeviceLogCrypto } from '../protocol';

/**
 * DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): SEQUENCE { SEQUENCE { OID
 * 1.3.101.112 }, BIT STRING (33 bytes) }; the raw key follows.
 */
export const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Lowercase hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Parsed public keys by raw key (hex): every request and bundle is verified with one. */
const KEY_CACHE = new Map<string, KeyObject>();
/** Bound of the cache (devices of every vault served by this process). */
const KEY_CACHE_MAX = 10_000;

/** The KeyObject of a raw 32-byte Ed25519 public key, parsed once (a DER import is costly). */
function publicKeyObject(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString('hex');
  let key = KEY_CACHE.get(id);
  if (key === undefined) {
    key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
      format: 'der',
      type: 'spki',
    });
    if (KEY_CACHE.size >= KEY_CACHE_MAX) KEY_CACHE.clear();
    KEY_CACHE.set(id, key);
  }
  return key;
}

/**
 * True when `signature` is a valid Ed25519 signature of `message` by the raw `publicKey`.
 * A malformed key or signature is a failed verification, never a throw.
 */
export function verifyEd25519(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    // An invalid point is a bad signature: the caller answers 401/400, nothing to log.
    return false;
  }
}

/** The device-log rules' crypto on Node. */
export const NODE_DEVICE_LOG_CRYPTO: DeviceLogCrypto = { sha256Hex, verifyEd25519 };
