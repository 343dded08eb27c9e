/**
 * Sharing a vault's keys with another device (pairing, re-keying): the *shared* part of a
 * keyring — vault id, vault keys of every epoch, intake secret — without any device
 * secret, and a sealed box to carry it to one device's X25519 key.
 * @see https://doc.libsodium.org/public-key_cryptography/sealed_boxes
 *
 * Shared keyring v1 layout (integers big-endian):
 *
 * ```
 *  +------+-------+-----------+---------+-------+----------------------------+-----------+
 *  | 0x01 | L u16 | vaultId   | current | N u16 | N × ( epoch u32 ‖ VK 32 )  | intake sk | END
 *  | ver. |       | UTF-8 (L) | ep. u32 | ≥ 1   | epochs strictly ascending  | 32 bytes  |
 *  +------+-------+-----------+---------+-------+----------------------------+-----------+
 * ```
 * Sealed to a device v1: `0x01 ‖ crypto_box_seal(sodium_pad(bytes, 256), device box pk)`.
 *
 * FROZEN: v1 formats, must not change. A new layout takes a new version byte.
 */
import { padBlock, unpadBlock } from './aead';
import { assertIdentifier } from './associated-data';
import { ByteReader, ByteWriter, concatBytes } from './bytes';
import { memzero, utf8Decode, utf8Encode } from './encoding';
import {
  IntegrityError,
  InvalidInputError,
  UnsupportedVersionError,
  isCryptoError,
} from './errors';
import { DeviceIdentity, createDeviceIdentity, deviceIdentityPairs } from './device-identity';
import { Keyring, keyringMaterial, type KeyPair } from './keyring';
import { readVaultKeys } from './keyring-codec';
import { getSodium } from './sodium';

/** Version byte of the shared keyring layout. */
export const SHARED_KEYRING_V1 = 0x01;
/** Version byte of a payload sealed to a device. */
export const SEALED_TO_DEVICE_V1 = 0x01;
const SECRET_BYTES = 32;

/**
 * Serializes the shared part of a live keyring (layout above). Holds secrets in clear:
 * seal it with {@link sealToDevice} at once, then memzero it.
 * @throws KeyringWipedError after wipe
 */
export function exportSharedKeyring(keyring: Keyring): Uint8Array {
  const m = keyringMaterial(keyring);
  const vaultId = utf8Encode(m.vaultId);
  const epochs = [...m.vaultKeys].sort(([a], [b]) => a - b);
  const w = new ByteWriter().u8(SHARED_KEYRING_V1).u16(vaultId.length).bytes(vaultId);
  w.u32(m.currentEpoch).u16(epochs.length);
  for (const [epoch, vaultKey] of epochs) w.u32(epoch).bytes(vaultKey);
  return w.bytes(m.intake.secretKey).finish();
}

function readShared(r: ByteReader, secrets: Uint8Array[]) {
  const version = r.u8();
  if (version !== SHARED_KEYRING_V1) {
    throw new UnsupportedVersionError(`Unsupported shared keyring version ${version}.`);
  }
  const vaultId = utf8Decode(r.bytes(r.u16()));
  assertIdentifier('vaultId', vaultId);
  const currentEpoch = r.u32();
  const vaultKeys = readVaultKeys(r, secrets, 'Shared keyring');
  if (!vaultKeys.has(currentEpoch)) throw new IntegrityError('Shared keyring lacks its epoch.');
  const intakeSecret = r.bytes(SECRET_BYTES);
  secrets.push(intakeSecret);
  r.assertEnd();
  return { vaultId, currentEpoch, vaultKeys, intakeSecret };
}

/**
 * Builds this device's keyring from bytes of {@link exportSharedKeyring}, with this
 * device's own keys: those of `ownDevice` (copied; the identity stays usable and should be
 * wiped by its owner) or fresh ones (`crypto_sign_keypair`, `crypto_box_keypair`).
 * Copies what it keeps: the caller should memzero `bytes` afterwards.
 * @throws UnsupportedVersionError on an unknown version byte
 * @throws IntegrityError on truncated, trailing or inconsistent input (secrets read so far
 *   are zeroed)
 * @throws KeyringWipedError when `ownDevice` was wiped
 */
export function importSharedKeyring(bytes: Uint8Array, ownDevice?: DeviceIdentity): Keyring {
  const secrets: Uint8Array[] = [];
  try {
    const shared = readShared(new ByteReader(bytes), secrets);
    const device = ownDevice ?? createDeviceIdentity();
    const pairs = deviceIdentityPairs(device);
    const copy = (kp: KeyPair): KeyPair => ({
      publicKey: kp.publicKey.slice(),
      secretKey: kp.secretKey.slice(),
    });
    const keyring = new Keyring({
      vaultId: shared.vaultId,
      deviceId: device.deviceId,
      currentEpoch: shared.currentEpoch,
      vaultKeys: shared.vaultKeys,
      intake: {
        publicKey: getSodium().crypto_scalarmult_base(shared.intakeSecret),
        secretKey: shared.intakeSecret,
      },
      deviceSign: copy(pairs.sign),
      deviceBox: copy(pairs.box),
    });
    if (ownDevice === undefined) device.wipe();
    return keyring;
  } catch (error) {
    for (const secret of secrets) memzero(secret);
    if (isCryptoError(error)) throw error;
    throw new IntegrityError('Malformed shared keyring.', { cause: error });
  }
}

/**
 * Seals `bytes` (padded to a 256-byte bucket) to a device's X25519 public key with an
 * anonymous sealed box (`crypto_box_seal`): only that device can open it.
 * @param boxPublicKey - the recipient's 32-byte X25519 key (from the verified device log)
 * @throws InvalidInputError on a key of the wrong length or a low-order point
 */
export function sealToDevice(boxPublicKey: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (boxPublicKey.length !== SECRET_BYTES) {
    throw new InvalidInputError('Device box public key must be 32 bytes.');
  }
  const padded = padBlock(bytes);
  try {
    let sealed: Uint8Array;
    try {
      sealed = getSodium().crypto_box_seal(padded, boxPublicKey);
    } catch (cause) {
      throw new InvalidInputError('Device box public key is not a usable X25519 key.', { cause });
    }
    return concatBytes(Uint8Array.of(SEALED_TO_DEVICE_V1), sealed);
  } finally {
    memzero(padded);
  }
}

/**
 * Opens a payload of {@link sealToDevice} with this device's X25519 secret key.
 * @param holder - the device's keyring, or its {@link DeviceIdentity} before it has one
 * @returns the unpadded bytes
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError when empty, tampered, sealed to another device or badly padded
 * @throws KeyringWipedError when `holder` was wiped
 */
export function openFromDevice(holder: Keyring | DeviceIdentity, sealed: Uint8Array): Uint8Array {
  const box =
    holder instanceof Keyring ? keyringMaterial(holder).deviceBox : deviceIdentityPairs(holder).box;
  const version = sealed[0];
  if (version === undefined) throw new IntegrityError('Empty sealed payload.');
  if (version !== SEALED_TO_DEVICE_V1) {
    throw new UnsupportedVersionError(`Unsupported sealed payload version ${version}.`);
  }
  let padded: Uint8Array;
  try {
    padded = getSodium().crypto_box_seal_open(sealed.subarray(1), box.publicKey, box.secretKey);
  } catch (cause) {
    throw new IntegrityError('Sealed payload failed authentication.', { cause });
  }
  try {
    return unpadBlock(padded);
  } finally {
    memzero(padded);
  }
}
