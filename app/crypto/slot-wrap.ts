/**
 * Shared machinery of key slots: from a KEK derive a key-check value and a wrapping key
 * (keyed BLAKE2b, one purpose per key), and wrap/unwrap what the slot protects.
 *
 * Wrapped slot layouts (the `wrapped` field of a slot):
 *
 * ```
 *  v1 (read only: slots written before the keyring key existed)
 *  0      1                          25
 *  +------+--------------------------+--------------------------------------------+
 *  | 0x01 | nonce (24 bytes, random) | XChaCha20-Poly1305 of serializeKeyring()   |
 *  | ver. |                          | ‖ tag (16 bytes), AD = the slot's AD       |
 *  +------+--------------------------+--------------------------------------------+
 *
 *  v2 (written since): the slot wraps the 32-byte KEYRING KEY; the keyring itself is
 *  stored once, sealed under that key (keyring-box.ts), so it can change (a new epoch, a
 *  dropped one) without the passphrases of staff who are not there.
 *  0      1                          25
 *  +------+--------------------------+--------------------------------------------+
 *  | 0x02 | nonce (24 bytes, random) | XChaCha20-Poly1305 of the keyring key (32) |
 *  | ver. |                          | ‖ tag (16 bytes), AD = the slot's AD       |
 *  +------+--------------------------+--------------------------------------------+
 *
 *  kcv     = BLAKE2b-256(key = KEK, "comptoir/v1/kcv")[0..16)
 *  wrapKey = BLAKE2b-256(key = KEK, "comptoir/v1/wrap")
 * ```
 *
 * FROZEN: v1 and v2 formats, must not change. A new layout takes a new version byte.
 */
import { openVersioned, sealVersioned } from './aead';
import { constantTimeEqual, memzero, utf8Encode } from './encoding';
import { IntegrityError, UnsupportedVersionError, WrongPassphraseError } from './errors';
import type { Keyring } from './keyring';
import { keyringStorageKey, VAULT_KEY_BYTES } from './keyring';
import { parseKeyring, serializeKeyring } from './keyring-codec';
import { getSodium } from './sodium';

/** Version byte of a slot wrapping the whole keyring (read only). */
export const WRAPPED_V1 = 0x01;
/** Version byte of a slot wrapping the keyring key. */
export const WRAPPED_V2 = 0x02;
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

/**
 * v1 writer: serializes the whole keyring, wraps it under `kek` with associated data `ad`,
 * and zeroes the clear copy. Slots are no longer written this way ({@link wrapKeyringKey});
 * kept so tests can build the slots of earlier versions that unlock must still open.
 * @internal
 */
export function wrapKeyring(kek: Uint8Array, keyring: Keyring, ad: Uint8Array): Uint8Array {
  const wrapKey = keyedLabel(kek, 'comptoir/v1/wrap');
  const serialized = serializeKeyring(keyring);
  try {
    return sealVersioned(WRAPPED_V1, wrapKey, serialized, ad);
  } finally {
    memzero(serialized);
    memzero(wrapKey);
  }
}

/** v2 writer: wraps the keyring's key (keyringStorageKey) under `kek`, with `ad`. */
export function wrapKeyringKey(kek: Uint8Array, keyring: Keyring, ad: Uint8Array): Uint8Array {
  const wrapKey = keyedLabel(kek, 'comptoir/v1/wrap');
  try {
    return sealVersioned(WRAPPED_V2, wrapKey, keyringStorageKey(keyring), ad);
  } finally {
    memzero(wrapKey);
  }
}

/** What a slot held: a whole keyring (v1) or the keyring key (v2, the caller owns it). */
export type SlotContent = { keyring: Keyring } | { keyringKey: Uint8Array };

/**
 * Checks the kcv and unwraps the slot: a v1 slot yields its keyring (checked to belong to
 * `vaultId`), a v2 slot the 32-byte keyring key.
 * @throws WrongPassphraseError when `kcv` does not match the KEK
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError on a corrupted slot or a keyring of another vault
 */
export function unwrapSlot(
  kek: Uint8Array,
  slot: { kcv: Uint8Array; wrapped: Uint8Array },
  ad: Uint8Array,
  vaultId: string,
): SlotContent {
  const kcv = keyCheckValue(kek);
  const matches = constantTimeEqual(kcv, slot.kcv);
  memzero(kcv);
  if (!matches) throw new WrongPassphraseError('The passphrase or recovery code is wrong.');
  const version = slot.wrapped[0];
  if (version === undefined) throw new IntegrityError('Empty wrapped keyring.');
  if (version !== WRAPPED_V1 && version !== WRAPPED_V2) {
    throw new UnsupportedVersionError(`Unsupported wrapped keyring version ${version}.`);
  }
  const wrapKey = keyedLabel(kek, 'comptoir/v1/wrap');
  let clear: Uint8Array;
  try {
    clear = openVersioned(wrapKey, slot.wrapped, ad);
  } finally {
    memzero(wrapKey);
  }
  if (version === WRAPPED_V2) {
    if (clear.length === VAULT_KEY_BYTES) return { keyringKey: clear };
    memzero(clear);
    throw new IntegrityError('Wrapped keyring key has a wrong length.');
  }
  try {
    const keyring = parseKeyring(clear);
    if (keyring.vaultId !== vaultId) {
      keyring.wipe();
      throw new IntegrityError('The slot holds the keyring of another vault.');
    }
    return { keyring };
  } finally {
    memzero(clear);
  }
}
