/**
 * The one wrapper around XChaCha20-Poly1305-IETF used by envelopes and slots, plus the
 * 256-byte padding that hides plaintext lengths. Known-answer tested against
 * draft-irtf-cfrg-xchacha-03 §A.3.1.
 * @see https://doc.libsodium.org/secret-key_cryptography/aead/chacha20-poly1305/xchacha20-poly1305_construction
 */
import { wasmAead } from './aead-wasm';
import { randomBytes } from './encoding';
import { IntegrityError, InvalidInputError } from './errors';
import { getSodium } from './sodium';

/** Key length of XChaCha20-Poly1305-IETF (`crypto_aead_xchacha20poly1305_ietf_KEYBYTES`). */
export const AEAD_KEY_BYTES = 32;
/** Nonce length (`crypto_aead_xchacha20poly1305_ietf_NPUBBYTES`): 192 bits, safe at random. */
export const AEAD_NONCE_BYTES = 24;
/** Authentication tag length (`crypto_aead_xchacha20poly1305_ietf_ABYTES`). */
export const AEAD_TAG_BYTES = 16;
/** Padding bucket of every padded plaintext, in bytes (ISO/IEC 7816-4 via `sodium_pad`). */
export const PAD_BLOCK_BYTES = 256;

function assertLength(name: string, bytes: Uint8Array, expected: number): void {
  if (bytes.length !== expected) {
    throw new InvalidInputError(`${name} must be ${expected} bytes, got ${bytes.length}.`);
  }
}

function assertKeyAndNonce(key: Uint8Array, nonce: Uint8Array): void {
  assertLength('AEAD key', key, AEAD_KEY_BYTES);
  assertLength('AEAD nonce', nonce, AEAD_NONCE_BYTES);
}

/**
 * Encrypts and authenticates `plaintext` and `ad` (detached nothing: output is ct || tag).
 * @param key - 32-byte key
 * @param nonce - 24-byte nonce, never reused with the same key (use random nonces)
 * @param plaintext - message bytes
 * @param ad - associated data, authenticated but not encrypted
 * @throws InvalidInputError on a wrong key or nonce length
 */
export function aeadEncrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  assertKeyAndNonce(key, nonce);
  const direct = wasmAead();
  if (direct) return direct.seal(key, nonce, plaintext, ad, false);
  // libsodium: crypto_aead_xchacha20poly1305_ietf_encrypt(m, ad, nsec = null, npub, k).
  return getSodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

/**
 * `prefix ‖ aeadEncrypt(key, nonce, padBlock(plaintext), ad)` in one array, without the
 * padded copy: what an envelope is made of.
 * @throws InvalidInputError on a wrong key or nonce length
 */
export function aeadEncryptPadded(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  ad: Uint8Array,
  prefix: Uint8Array,
): Uint8Array {
  assertKeyAndNonce(key, nonce);
  const direct = wasmAead();
  if (direct) return direct.seal(key, nonce, plaintext, ad, true, prefix);
  const padded = padBlock(plaintext);
  try {
    const sealed = aeadEncrypt(key, nonce, padded, ad);
    const out = new Uint8Array(prefix.length + sealed.length);
    out.set(prefix);
    out.set(sealed, prefix.length);
    return out;
  } finally {
    padded.fill(0);
  }
}

/**
 * `unpadBlock(aeadDecrypt(key, nonce, ciphertext, ad))`, the padded copy never leaving the
 * WebAssembly heap (zeroed there).
 * @throws InvalidInputError on a wrong key or nonce length
 * @throws IntegrityError when authentication fails or the padding is invalid
 */
export function aeadDecryptPadded(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  const direct = wasmAead();
  if (!direct) {
    const padded = aeadDecrypt(key, nonce, ciphertext, ad);
    try {
      return unpadBlock(padded);
    } finally {
      padded.fill(0);
    }
  }
  assertKeyAndNonce(key, nonce);
  if (ciphertext.length < AEAD_TAG_BYTES) throw new IntegrityError('Ciphertext is truncated.');
  const plaintext = direct.open(key, nonce, ciphertext, ad, true);
  if (plaintext === null) throw new IntegrityError('Ciphertext failed authentication.');
  if (plaintext === undefined) throw new IntegrityError('Invalid padding.');
  return plaintext;
}

/**
 * Verifies and decrypts `ciphertext` (ct || tag).
 * @throws InvalidInputError on a wrong key or nonce length
 * @throws IntegrityError when authentication fails (wrong key, nonce, AD or tampered bytes)
 */
export function aeadDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  assertKeyAndNonce(key, nonce);
  if (ciphertext.length < AEAD_TAG_BYTES) throw new IntegrityError('Ciphertext is truncated.');
  const direct = wasmAead();
  if (direct) {
    const plaintext = direct.open(key, nonce, ciphertext, ad, false);
    if (!plaintext) throw new IntegrityError('Ciphertext failed authentication.');
    return plaintext;
  }
  try {
    return getSodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
  } catch (cause) {
    throw new IntegrityError('Ciphertext failed authentication.', { cause });
  }
}

/**
 * `version u8 ‖ nonce (24, random) ‖ XChaCha20-Poly1305(key, plaintext, ad)`: the layout of
 * wrapped slots and of the keyring box.
 * @throws InvalidInputError on a wrong key length
 */
export function sealVersioned(
  version: number,
  key: Uint8Array,
  plaintext: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const sealed = aeadEncrypt(key, nonce, plaintext, ad);
  const out = new Uint8Array(1 + AEAD_NONCE_BYTES + sealed.length);
  out[0] = version;
  out.set(nonce, 1);
  out.set(sealed, 1 + AEAD_NONCE_BYTES);
  return out;
}

/**
 * Opens {@link sealVersioned}'s output (the caller checked the version byte).
 * @throws IntegrityError when truncated or tampered with
 */
export function openVersioned(key: Uint8Array, bytes: Uint8Array, ad: Uint8Array): Uint8Array {
  const nonce = bytes.subarray(1, 1 + AEAD_NONCE_BYTES);
  if (nonce.length !== AEAD_NONCE_BYTES) throw new IntegrityError('Sealed bytes are truncated.');
  return aeadDecrypt(key, nonce, bytes.subarray(1 + AEAD_NONCE_BYTES), ad);
}

/**
 * Pads to a multiple of {@link PAD_BLOCK_BYTES} (`sodium_pad`'s format, ISO/IEC 7816-4:
 * `0x80` then zeros; an exact multiple gains one full block). Written in TypeScript: the
 * same bytes as `sodium.pad` (pinned by the envelope known-answer tests) without copying
 * through the WebAssembly heap, which cost 8 µs per record. Returns a new array the caller
 * must memzero after use.
 * @see https://doc.libsodium.org/padding
 */
export function padBlock(plaintext: Uint8Array): Uint8Array {
  const n = plaintext.length;
  const out = new Uint8Array(n + PAD_BLOCK_BYTES - (n % PAD_BLOCK_BYTES));
  out.set(plaintext);
  out[n] = 0x80;
  return out;
}

/**
 * Removes the padding of {@link padBlock}; returns a new, tight array. Only ever called on
 * authenticated plaintext, so the scan need not be constant-time.
 * @throws IntegrityError on invalid padding (only reachable for authenticated-but-forged data)
 */
export function unpadBlock(padded: Uint8Array): Uint8Array {
  const n = padded.length;
  if (n === 0 || n % PAD_BLOCK_BYTES !== 0) throw new IntegrityError('Invalid padding.');
  let at = n - 1;
  // The marker lies within the last block: at most PAD_BLOCK_BYTES - 1 zeros follow it.
  while (at > n - PAD_BLOCK_BYTES && padded[at] === 0) at -= 1;
  if (padded[at] !== 0x80) throw new IntegrityError('Invalid padding.');
  return padded.slice(0, at);
}
