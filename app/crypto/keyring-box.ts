/**
 * The keyring at rest on this device, sealed once under the keyring key that every v2 slot
 * wraps (slot-wrap.ts). A change of the keyring (a new epoch, a dropped one) rewrites this
 * box only: the slots of staff who are not there to type their passphrase stay valid.
 *
 * Keyring box v1 layout:
 *
 * ```
 *  0      1                          25
 *  +------+--------------------------+--------------------------------------------+
 *  | 0x01 | nonce (24 bytes, random) | XChaCha20-Poly1305 of serializeKeyring()   |
 *  | ver. |                          | ‖ tag (16 bytes)                           |
 *  +------+--------------------------+--------------------------------------------+
 *  boxKey = BLAKE2b-256(key = keyring key, "comptoir/v1/keyring-box")
 *  AD     = comptoir/v1|keyring|<vaultId>|<deviceId>
 * ```
 * The keyring key is also kept sealed to this device's own X25519 key (share.ts "sealed to
 * a device v1"): a v1 slot, which wraps a whole keyring of an earlier version, opens it and
 * so reaches the current keyring; its holder then gets a v2 slot.
 *
 * FROZEN: v1 format, must not change. A new layout takes a new version byte.
 */
import { openVersioned, sealVersioned } from './aead';
import { joinAd } from './associated-data';
import { memzero, utf8Encode } from './encoding';
import { IntegrityError, UnsupportedVersionError, isCryptoError } from './errors';
import { keyringStorageKey, VAULT_KEY_BYTES, type Keyring } from './keyring';
import { parseKeyring, serializeKeyring } from './keyring-codec';
import { openFromDevice, sealToDevice } from './share';
import { getSodium } from './sodium';

/** Version byte of the keyring box. */
export const KEYRING_BOX_V1 = 0x01;

function boxKey(keyringKey: Uint8Array): Uint8Array {
  return getSodium().crypto_generichash(32, utf8Encode('comptoir/v1/keyring-box'), keyringKey);
}

function boxAd(vaultId: string, deviceId: string): Uint8Array {
  return joinAd(['keyring', vaultId, deviceId]);
}

/**
 * Seals the live keyring under its keyring key (layout above).
 * @throws KeyringWipedError
 */
export function sealKeyringBox(keyring: Keyring): Uint8Array {
  const key = boxKey(keyringStorageKey(keyring));
  const serialized = serializeKeyring(keyring);
  try {
    return sealVersioned(KEYRING_BOX_V1, key, serialized, boxAd(keyring.vaultId, keyring.deviceId));
  } finally {
    memzero(serialized);
    memzero(key);
  }
}

/**
 * Opens a keyring box with the keyring key from a slot. Takes ownership of `keyringKey`:
 * the keyring keeps it (to seal itself again), or it is zeroed on failure.
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError when the box is tampered with, of another vault or device, or the
 *   key is not the one it was sealed under
 */
export function openKeyringBox(
  keyringKey: Uint8Array,
  box: Uint8Array,
  vaultId: string,
  deviceId: string,
): Keyring {
  let serialized: Uint8Array | null = null;
  try {
    if (keyringKey.length !== VAULT_KEY_BYTES) throw new IntegrityError('Bad keyring key.');
    if (box[0] !== KEYRING_BOX_V1) {
      throw new UnsupportedVersionError(`Unsupported keyring box version ${box[0] ?? '-'}.`);
    }
    const key = boxKey(keyringKey);
    try {
      serialized = openVersioned(key, box, boxAd(vaultId, deviceId));
    } finally {
      memzero(key);
    }
    const keyring = parseKeyring(serialized);
    if (keyring.vaultId !== vaultId || keyring.deviceId !== deviceId) {
      keyring.wipe();
      throw new IntegrityError('The keyring box holds the keyring of another vault or device.');
    }
    keyringStorageKey(keyring, keyringKey);
    return keyring;
  } catch (error) {
    memzero(keyringKey);
    if (isCryptoError(error)) throw error;
    throw new IntegrityError('Malformed keyring box.', { cause: error });
  } finally {
    if (serialized) memzero(serialized);
  }
}

/**
 * The keyring key sealed to this device's own X25519 key, for v1 slots (see above).
 * @throws KeyringWipedError
 */
export function sealKeyringKeyToDevice(keyring: Keyring): Uint8Array {
  return sealToDevice(keyring.deviceBoxPublicKey, keyringStorageKey(keyring));
}

/**
 * Opens {@link sealKeyringKeyToDevice}'s output with a keyring of this device (from a v1
 * slot). @returns the 32-byte keyring key (the caller owns it)
 * @throws IntegrityError when sealed to another device, tampered or of a wrong length
 */
export function openKeyringKeyFromDevice(holder: Keyring, sealed: Uint8Array): Uint8Array {
  const key = openFromDevice(holder, sealed);
  if (key.length === VAULT_KEY_BYTES) return key;
  memzero(key);
  throw new IntegrityError('Sealed keyring key has a wrong length.');
}
