/**
 * Symmetric crypto of device pairing (DESIGN.md "Sync relay" → Pairing). Device A shows a
 * 32-byte random *pairing secret* in a QR code; everything else derives from it:
 *
 * - `crypto_kdf` (BLAKE2b) subkeys of the secret, context `CmptPair`:
 *   id 1 → the 32-byte message key K; id 2 → the 16-byte id of the A→B answer mailbox
 *   (the B→A mailbox id is random and travels in the QR code).
 * - Mailbox messages v1: `0x01 ‖ nonce (24) ‖ XChaCha20-Poly1305-IETF(sodium_pad(m, 256))`
 *   with associated data `comptoir-pairing/v1:<purpose>`, so a message meant for one step
 *   is never accepted at another.
 * - The short authentication string (SAS): 6 digits from a BLAKE2b MAC keyed with the secret
 *   over the joiner's public keys and the vault id (see {@link shortAuthString}).
 *
 * @see https://doc.libsodium.org/key_derivation
 * @see https://doc.libsodium.org/secret-key_cryptography/aead/chacha20-poly1305/xchacha20-poly1305_construction
 * @see https://doc.libsodium.org/hashing/generic_hashing
 *
 * FROZEN: the derivation ids, the context, the message layout and the SAS input are part of
 * pairing v1; both devices must agree byte for byte. A change takes a new version.
 */
import { AEAD_NONCE_BYTES, aeadDecryptPadded, aeadEncryptPadded } from './aead';
import { ByteWriter, concatBytes } from './bytes';
import { randomBytes, utf8Encode } from './encoding';
import { IntegrityError, InvalidInputError, UnsupportedVersionError } from './errors';
import { getSodium } from './sodium';

/** Length of the pairing secret shown in the QR code (256 bits). */
export const PAIRING_SECRET_BYTES = 32;
/** Version byte of a pairing mailbox message. */
export const PAIRING_MESSAGE_V1 = 0x01;
/** Number of decimal digits of the short authentication string. */
export const SAS_DIGITS = 6;

/** What a pairing message carries; bound as associated data. */
export type PairingPurpose = 'join-request' | 'keyring';

/** Keys derived from a pairing secret. */
export type PairingKeys = {
  /** 32-byte XChaCha20-Poly1305 key of both mailbox messages. Memzero when done. */
  readonly key: Uint8Array;
  /** Raw 16-byte id of the A→B mailbox that carries the sealed keyring. */
  readonly answerMailbox: Uint8Array;
};

const KDF_CONTEXT = 'CmptPair';
const KEY_SUBKEY_ID = 1;
const ANSWER_MAILBOX_SUBKEY_ID = 2;
const MAILBOX_ID_BYTES = 16;
const PUBLIC_KEY_BYTES = 32;
const AD_PREFIX = 'comptoir-pairing/v1:';
const SAS_DOMAIN = 'comptoir-pairing-sas/v1';
const SAS_MODULUS = 10 ** SAS_DIGITS;
/** 5 bytes = 40 bits reduced mod 10^6: bias below 10^6 / 2^40 ≈ 10^-6, and exact in a double. */
const SAS_SOURCE_BYTES = 5;

function assertBytes(name: string, bytes: Uint8Array, expected: number): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== expected) {
    throw new InvalidInputError(`${name} must be ${expected} bytes.`);
  }
}

/**
 * A fresh pairing secret (`randombytes_buf`, 32 bytes).
 * @throws CryptoNotReadyError before initCrypto()
 */
export function generatePairingSecret(): Uint8Array {
  return randomBytes(PAIRING_SECRET_BYTES);
}

/**
 * Derives the message key and the answer mailbox id from the pairing secret
 * (`crypto_kdf_derive_from_key`, context `CmptPair`, ids 1 and 2).
 * @param secret - the 32-byte pairing secret
 * @throws InvalidInputError when `secret` is not 32 bytes
 */
export function derivePairingKeys(secret: Uint8Array): PairingKeys {
  assertBytes('Pairing secret', secret, PAIRING_SECRET_BYTES);
  const s = getSodium();
  return {
    key: s.crypto_kdf_derive_from_key(PAIRING_SECRET_BYTES, KEY_SUBKEY_ID, KDF_CONTEXT, secret),
    answerMailbox: s.crypto_kdf_derive_from_key(
      MAILBOX_ID_BYTES,
      ANSWER_MAILBOX_SUBKEY_ID,
      KDF_CONTEXT,
      secret,
    ),
  };
}

/**
 * Encrypts a pairing mailbox message (layout in the module comment), padded to 256 bytes
 * so its size says little about the content, under a random 24-byte nonce.
 * @param key - K of {@link derivePairingKeys}
 * @param plaintext - message bytes
 * @param purpose - the step this message belongs to (associated data)
 * @throws InvalidInputError on a key of the wrong length
 */
export function sealPairingMessage(
  key: Uint8Array,
  plaintext: Uint8Array,
  purpose: PairingPurpose,
): Uint8Array {
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const prefix = concatBytes(Uint8Array.of(PAIRING_MESSAGE_V1), nonce);
  return aeadEncryptPadded(key, nonce, plaintext, utf8Encode(AD_PREFIX + purpose), prefix);
}

/**
 * Verifies and decrypts a message of {@link sealPairingMessage}.
 * @param key - K of {@link derivePairingKeys}
 * @param bytes - untrusted bytes read from a relay mailbox
 * @param purpose - the step expected here
 * @returns the unpadded plaintext
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError when empty, truncated, tampered, under another key or purpose
 */
export function openPairingMessage(
  key: Uint8Array,
  bytes: Uint8Array,
  purpose: PairingPurpose,
): Uint8Array {
  const version = bytes[0];
  if (version === undefined) throw new IntegrityError('Empty pairing message.');
  if (version !== PAIRING_MESSAGE_V1) {
    throw new UnsupportedVersionError(`Unsupported pairing message version ${version}.`);
  }
  if (bytes.length < 1 + AEAD_NONCE_BYTES) throw new IntegrityError('Truncated pairing message.');
  const nonce = bytes.subarray(1, 1 + AEAD_NONCE_BYTES);
  const ad = utf8Encode(AD_PREFIX + purpose);
  return aeadDecryptPadded(key, nonce, bytes.subarray(1 + AEAD_NONCE_BYTES), ad);
}

/**
 * The 6-digit short authentication string both screens show before A approves.
 *
 * SAS = first 40 bits of BLAKE2b-256 keyed with the pairing secret over
 * `"comptoir-pairing-sas/v1" ‖ u16 len ‖ vaultId (UTF-8) ‖ joiner Ed25519 pk ‖ joiner X25519 pk`,
 * big-endian, mod 10^6, zero-padded.
 *
 * Why it resists a key swap: B computes it over the keys B generated, A over the keys it
 * decrypted from the mailbox. Someone who replaces B's message (a malicious relay, a
 * second tablet) must (1) encrypt under K and (2) make a MAC keyed with the secret collide
 * on the substituted keys; both need the secret, which never leaves the QR code and the two
 * screens. Without it the digits of substituted keys are unpredictable (1 chance in 10^6),
 * so a mismatch shows the swap. Residual risk (documented, not defended by v1): an attacker
 * who photographed the QR *and* controls the relay could grind ~10^6 key pairs to match
 * B's digits within the 10-minute window; a commit-then-reveal round would close it.
 *
 * @param secret - the 32-byte pairing secret
 * @param joinerSignPk - the joiner's 32-byte Ed25519 public key
 * @param joinerBoxPk - the joiner's 32-byte X25519 public key
 * @param vaultId - the vault id as written in the pairing code (base64url text)
 * @throws InvalidInputError on a wrong length or an empty vault id
 */
export function shortAuthString(
  secret: Uint8Array,
  joinerSignPk: Uint8Array,
  joinerBoxPk: Uint8Array,
  vaultId: string,
): string {
  assertBytes('Pairing secret', secret, PAIRING_SECRET_BYTES);
  assertBytes('Joiner signing key', joinerSignPk, PUBLIC_KEY_BYTES);
  assertBytes('Joiner box key', joinerBoxPk, PUBLIC_KEY_BYTES);
  if (vaultId.length === 0) throw new InvalidInputError('Vault id must not be empty.');
  const vault = utf8Encode(vaultId);
  const input = new ByteWriter()
    .bytes(utf8Encode(SAS_DOMAIN))
    .u16(vault.length)
    .bytes(vault)
    .bytes(joinerSignPk)
    .bytes(joinerBoxPk)
    .finish();
  const mac = getSodium().crypto_generichash(32, input, secret);
  let value = 0;
  for (let i = 0; i < SAS_SOURCE_BYTES; i += 1) value = value * 256 + (mac[i] ?? 0);
  return String(value % SAS_MODULUS).padStart(SAS_DIGITS, '0');
}
