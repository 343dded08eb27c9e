/**
 * Byte/text conversions and small primitives shared by the crypto core.
 * Key material is never converted to text with these helpers (only ids, digests and test
 * vectors); the one exception is the recovery code, which is text by nature.
 */
import { IntegrityError, InvalidInputError } from './errors';
import { getSodium } from './sodium';

/** Length in bytes of {@link randomId}'s entropy (128 bits). */
export const RANDOM_ID_BYTES = 16;
/** Length in bytes of {@link hash}'s output (BLAKE2b-256). */
export const HASH_BYTES = 32;

/**
 * Base64url without padding (RFC 4648 §5).
 * @param bytes - any bytes (never key material)
 * @throws CryptoNotReadyError before initCrypto()
 */
export function toBase64Url(bytes: Uint8Array): string {
  const s = getSodium();
  return s.to_base64(bytes, s.base64_variants.URLSAFE_NO_PADDING);
}

/**
 * Parses base64url without padding (RFC 4648 §5).
 * @param text - base64url text
 * @throws InvalidInputError when `text` is not valid unpadded base64url
 */
export function fromBase64Url(text: string): Uint8Array {
  const s = getSodium();
  try {
    return s.from_base64(text, s.base64_variants.URLSAFE_NO_PADDING);
  } catch (cause) {
    throw new InvalidInputError('Invalid base64url text.', { cause });
  }
}

/** Lower-case hex of `bytes` (digests, test vectors; never key material in production). */
export function toHex(bytes: Uint8Array): string {
  return getSodium().to_hex(bytes);
}

/**
 * Parses hex text (case-insensitive, even length).
 * @throws InvalidInputError when `text` is not valid hex
 */
export function fromHex(text: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) throw new InvalidInputError('Invalid hex text.');
  return getSodium().from_hex(text);
}

const UTF8_ENCODER = new TextEncoder();
// One decoder serves every call: `decode` without `{ stream: true }` keeps no state between
// calls (https://encoding.spec.whatwg.org/#dom-textdecoder-decode).
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of `text` (WHATWG Encoding, available in browsers and Node). */
export function utf8Encode(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

/**
 * Decodes UTF-8 strictly: a byte order mark is kept, malformed input is rejected.
 * @throws IntegrityError on invalid UTF-8 (the bytes came from a damaged ciphertext or format)
 */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return UTF8_DECODER.decode(bytes);
  } catch (cause) {
    throw new IntegrityError('Invalid UTF-8 bytes.', { cause });
  }
}

/** Most bytes one `getRandomValues` call may fill (Web Crypto's quota). */
const RANDOM_CHUNK_BYTES = 65536;
/** Requests up to this size are served from a pool refilled 4 KiB at a time. */
const POOLED_MAX_BYTES = 64;
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolAt = POOL_BYTES;

function fill(out: Uint8Array): void {
  for (let at = 0; at < out.length; at += RANDOM_CHUNK_BYTES) {
    globalThis.crypto.getRandomValues(
      out.subarray(at, Math.min(out.length, at + RANDOM_CHUNK_BYTES)),
    );
  }
}

/**
 * Cryptographically secure random bytes from the platform CSPRNG (Web Crypto
 * `getRandomValues`, the source libsodium.js itself draws from in browsers and Node).
 * Called directly because libsodium.js's `randombytes_buf` asks the platform for 4 bytes
 * at a time: 6 calls per nonce, ~50 µs against ~2 µs (`npm run bench`, 10,000-visit sync:
 * it was the first cost of sealing records). Small requests (nonces, ids, keys) come from
 * a pool filled 4 KiB at a time; each byte is handed out once and zeroed in the pool.
 * @param n - count, a non-negative integer
 * @throws InvalidInputError for a negative or non-integer count
 * @see https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues
 */
export function randomBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidInputError('Bad random byte count.');
  const out = new Uint8Array(n);
  if (n > POOLED_MAX_BYTES) {
    fill(out);
    return out;
  }
  if (poolAt + n > POOL_BYTES) {
    fill(pool);
    poolAt = 0;
  }
  out.set(pool.subarray(poolAt, poolAt + n));
  pool.fill(0, poolAt, poolAt + n);
  poolAt += n;
  return out;
}

/** A fresh random identifier: 16 random bytes as base64url, 22 characters. */
export function randomId(): string {
  return toBase64Url(randomBytes(RANDOM_ID_BYTES));
}

/**
 * Unkeyed BLAKE2b-256 (`crypto_generichash` with a 32-byte output).
 * @see https://doc.libsodium.org/hashing/generic_hashing
 */
export function hash(bytes: Uint8Array): Uint8Array {
  return getSodium().crypto_generichash(HASH_BYTES, bytes, null);
}

/**
 * Overwrites `bytes` with zeros. For a JS array, libsodium-wrappers' `memzero` is a plain
 * JavaScript loop over it (the C `sodium_memzero` only reaches the WebAssembly heap); a
 * typed array's `fill(0)` does the same writes natively, ~20× faster on the 3.5 KiB
 * padded plaintexts every envelope zeroes.
 * @see https://doc.libsodium.org/memory_management#zeroing-memory
 */
export function memzero(bytes: Uint8Array): void {
  bytes.fill(0);
}

/**
 * Constant-time equality of two byte arrays (`sodium_memcmp`). Lengths are not secret:
 * arrays of different lengths are simply unequal.
 * @see https://doc.libsodium.org/helpers#constant-time-test-for-equality
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return getSodium().memcmp(a, b);
}
