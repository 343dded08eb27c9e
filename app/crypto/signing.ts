/**
 * Public-key signature verification and SHA-256, for the sync layer: bundles, device-log
 * entries and relay requests are signed with Ed25519 device keys (DESIGN.md "Sync relay"),
 * and the relay protocol hashes with SHA-256 (not BLAKE2b: the relay uses Node's crypto).
 * @see https://doc.libsodium.org/public-key_cryptography/public-key_signatures
 * @see https://doc.libsodium.org/advanced/sha-2_hash_function
 */
import { InvalidInputError } from './errors';
import { getSodium } from './sodium';

/** Ed25519 public key length (`crypto_sign_PUBLICKEYBYTES`). */
export const SIGN_PUBLIC_KEY_BYTES = 32;
/** Ed25519 detached signature length (`crypto_sign_BYTES`). */
export const SIGNATURE_BYTES = 64;
/** SHA-256 digest length (`crypto_hash_sha256_BYTES`). */
export const SHA256_BYTES = 32;

/**
 * Verifies an Ed25519 detached signature (`crypto_sign_verify_detached`).
 * A signature of the wrong length is simply invalid (false): it comes from the network.
 * @param publicKey - 32-byte Ed25519 public key (trusted: from a verified device log)
 * @param message - the signed bytes
 * @param signature - the untrusted 64-byte signature
 * @returns true only for a valid signature
 * @throws InvalidInputError when `publicKey` is not 32 bytes (a caller bug, not an attack)
 * @throws CryptoNotReadyError before initCrypto()
 */
export function verifyDetached(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== SIGN_PUBLIC_KEY_BYTES) {
    throw new InvalidInputError('Ed25519 public key must be 32 bytes.');
  }
  if (signature.length !== SIGNATURE_BYTES) return false;
  // Lengths are checked above, so libsodium.js only answers true/false here.
  return getSodium().crypto_sign_verify_detached(signature, message, publicKey);
}

/**
 * SHA-256 of `bytes` (`crypto_hash_sha256`, FIPS 180-4).
 * @returns a new 32-byte digest
 * @throws CryptoNotReadyError before initCrypto()
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  return getSodium().crypto_hash_sha256(bytes);
}
