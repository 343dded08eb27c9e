/**
 * Shared machinery of key slots: from a KEK derive a key-check value and a wrapping key
 * (keyed BLAKE2b, one purpose per key), and wrap/unwrap the serialized keyring.
 *
 * Wrapped keyring v1 layout (the `wrapped` field of a slot):
 *
 * ```
 *  0      1                          25
 *  +------+--------------------------+--------------------------------------------+
 *  | 0x01 | nonce (24 bytes, random) | XChaCha20-Poly1305 of serializeKeyring()   |
 *  | ver. |                          | ‖ tag (16 bytes), AD = the slot's AD       |
 *  +------+--------------------------+--------------------------------------------+
 *  kcv     = BLAKE2b-256(key = KEK, "comptoir/v1/kcv")[0..16)
 *  wrapKey = BLAKE2b-256(key = KEK, "comptoir/v1/wrap")
 * ```
 *
 * FROZEN: v1 format, must not change. A new layout takes a new version byte.
 */
import { aeadDecrypt, aeadEncrypt, AEAD_NONCE_BYTES } from './aead';
import { concatBytes } from './bytes';
import { constantTimeEqual, memzero, randomBytes, utf8Encode } from './encoding';
import { IntegrityError, UnsupportedVersionError, WrongPassphraseError } from './errors';
import type { Keyring } from './keyring';
import { parseKeyring, serializeKeyring } from './keyring-codec';
import { getSodium } from './sodium';

/** Version byte of the wrapped keyring. */
export const WRAPPED_V1 = 0x01;
/** Length of the key-check value stored in slots. */
export const KCV_BYTES = 16;

/** Keyed BLAKE2b-256 (`crypto_generichash` with a key) of an ASCII label. */
function keyedLabel(kek: Uint8Array, label: string): Uint8Array {
  // https://doc.libsodium.org/hashing/generic_hashing: a keyed hash is a PRF/MAC.
  return getSodium().crypto_generichash(32, utf8Encode(label), kek);
}

/**
 * Key-check value of a KEK: lets a wrong passphrase be told apart from a corrupted slot.
 * @returns 16 bytes
 */
export function keyCheckValue(kek: Uint8Array): Uint8Array {
  const full = keyedLabel(kek, 'comptoir/v1/kcv');
  const kcv = full.slice(0, KCV_BYTES);
  memzero(full);
  return kcv;
}

/** Serializes, wraps under `kek` with associated data `ad`, and zeroes the clear copy. */
export function wrapKeyring(kek: Uint8Array, keyring: Keyring, ad: Uint8Array): Uint8Array {
  const wrapKey = keyedLabel(kek, 'comptoir/v1/wrap');
  const serialized = serializeKeyring(keyring);
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  try {
    return concatBytes(
      Uint8Array.of(WRAPPED_V1),
      nonce,
      aeadEncrypt(wrapKey, nonce, serialized, ad),
    );
  } finally {
    memzero(serialized);
    memzero(wrapKey);
  }
}

/**
 * Checks the kcv, unwraps and parses the keyring, and checks it belongs to `vaultId`.
 * @throws WrongPassphraseError when `kcv` does not match the KEK
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError on a corrupted slot or a keyring of another vault
 */
export function unwrapKeyring(
  kek: Uint8Array,
  slot: { kcv: Uint8Array; wrapped: Uint8Array },
  ad: Uint8Array,
  vaultId: string,
): Keyring {
  const kcv = keyCheckValue(kek);
  const matches = constantTimeEqual(kcv, slot.kcv);
  memzero(kcv);
  if (!matches) throw new WrongPassphraseError('The passphrase or recovery code is wrong.');
  const version = slot.wrapped[0];
  if (version === undefined) throw new IntegrityError('Empty wrapped keyring.');
  if (version !== WRAPPED_V1) {
    throw new UnsupportedVersionError(`Unsupported wrapped keyring version ${version}.`);
  }
  const wrapKey = keyedLabel(kek, 'comptoir/v1/wrap');
  const nonce = slot.wrapped.subarray(1, 1 + AEAD_NONCE_BYTES);
  let serialized: Uint8Array;
  try {
    if (nonce.length !== AEAD_NONCE_BYTES)
      throw new IntegrityError('Wrapped keyring is truncated.');
    serialized = aeadDecrypt(wrapKey, nonce, slot.wrapped.subarray(1 + AEAD_NONCE_BYTES), ad);
  } finally {
    memzero(wrapKey);
  }
  try {
    const keyring = parseKeyring(serialized);
    if (keyring.vaultId !== vaultId) {
      keyring.wipe();
      throw new IntegrityError('The slot holds the keyring of another vault.');
    }
    return keyring;
  } finally {
    memzero(serialized);
  }
}
