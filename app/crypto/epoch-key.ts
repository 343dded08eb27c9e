/**
 * One vault key carried to one device (a new epoch after a rotation or a device removal):
 * sealed to the device's X25519 key (share.ts "sealed to a device v1"), so the record that
 * carries it may travel in any bundle: only that device opens its copy.
 *
 * Epoch key v1 layout (the sealed plaintext; integers big-endian):
 * ```
 *  +------+-------+-----------+-----------+-------------------+
 *  | 0x01 | L u16 | vaultId   | epoch u32 | vault key 32 bytes | END
 *  | ver. |       | UTF-8 (L) |           |                   |
 *  +------+-------+-----------+-----------+-------------------+
 * ```
 * FROZEN: v1 format, must not change. A new layout takes a new version byte.
 */
import { assertEpoch } from './associated-data';
import { ByteReader, ByteWriter } from './bytes';
import { constantTimeEqual, memzero, utf8Decode, utf8Encode } from './encoding';
import { IntegrityError, UnknownEpochError, UnsupportedVersionError } from './errors';
import { keyringMaterial, VAULT_KEY_BYTES, type Keyring } from './keyring';
import { openFromDevice, sealToDevice } from './share';

/** Version byte of the epoch key layout. */
export const EPOCH_KEY_V1 = 0x01;

/**
 * Seals the vault key of `epoch` to a device.
 * @param boxPublicKey - the recipient's X25519 key, from the VERIFIED device log
 * @throws UnknownEpochError when `epoch` is not held; InvalidInputError on a bad key
 */
export function sealEpochKey(
  keyring: Keyring,
  epoch: number,
  boxPublicKey: Uint8Array,
): Uint8Array {
  const vaultKey = keyringMaterial(keyring).vaultKeys.get(epoch);
  if (vaultKey === undefined) throw new UnknownEpochError(`No vault key for epoch ${epoch}.`);
  const vaultId = utf8Encode(keyring.vaultId);
  const w = new ByteWriter().u8(EPOCH_KEY_V1).u16(vaultId.length).bytes(vaultId);
  const clear = w.u32(epoch).bytes(vaultKey).finish();
  try {
    return sealToDevice(boxPublicKey, clear);
  } finally {
    memzero(clear);
  }
}

/**
 * Opens this device's copy of an epoch key and adds it to the keyring (not as current).
 * Idempotent when the same key is already held.
 * @param expectedEpoch - the epoch the carrying record announces
 * @throws IntegrityError when sealed to another device, tampered, of another vault or
 *   epoch, or when a DIFFERENT key is already held for that epoch
 * @throws UnsupportedVersionError on another version byte
 */
export function openEpochKey(keyring: Keyring, sealed: Uint8Array, expectedEpoch: number): void {
  assertEpoch(expectedEpoch);
  const clear = openFromDevice(keyring, sealed);
  try {
    const r = new ByteReader(clear);
    const version = r.u8();
    if (version !== EPOCH_KEY_V1) {
      throw new UnsupportedVersionError(`Unsupported epoch key version ${version}.`);
    }
    let vaultId: string;
    let epoch: number;
    let vaultKey: Uint8Array;
    try {
      vaultId = utf8Decode(r.bytes(r.u16()));
      epoch = r.u32();
      vaultKey = r.bytes(VAULT_KEY_BYTES).slice();
      r.assertEnd();
    } catch (cause) {
      throw new IntegrityError('Malformed epoch key.', { cause });
    }
    if (vaultId !== keyring.vaultId || epoch !== expectedEpoch) {
      memzero(vaultKey);
      throw new IntegrityError('The epoch key is of another vault or epoch.');
    }
    const keys = keyringMaterial(keyring).vaultKeys;
    const held = keys.get(epoch);
    if (held === undefined) {
      keys.set(epoch, vaultKey);
      return;
    }
    const same = constantTimeEqual(held, vaultKey);
    memzero(vaultKey);
    if (!same) throw new IntegrityError('Another key is already held for this epoch.');
  } finally {
    memzero(clear);
  }
}
