/**
 * Binary serialization of a keyring, the plaintext that slots wrap. Only public keys are
 * re-derived on parse, so a parsed keyring is always internally consistent.
 *
 * Keyring v1 layout (all integers big-endian):
 *
 * ```
 *  +------+-------+-----------+-------+------------+---------+-------+---------------------+
 *  | 0x01 | L u16 | vaultId   | D u16 | deviceId   | current | N u16 | N × ( epoch u32     |
 *  | ver. |       | UTF-8 (L) |       | UTF-8 (D)  | ep. u32 | ≥ 1   |       VK 32 bytes ) |
 *  +------+-------+-----------+-------+------------+---------+-------+---------------------+
 *  | intake X25519 secret key 32 | device Ed25519 seed 32 | device X25519 secret key 32 | END
 *  +-----------------------------+------------------------+-----------------------------+
 * ```
 * Epochs are strictly ascending and include `current`; nothing may follow the last field.
 *
 * FROZEN: v1 format, must not change. A new layout takes a new version byte.
 */
import { assertIdentifier } from './associated-data';
import { ByteReader, ByteWriter } from './bytes';
import { utf8Decode, utf8Encode } from './encoding';
import { IntegrityError, UnsupportedVersionError, isCryptoError } from './errors';
import type { KeyPair } from './keyring';
import { Keyring, VAULT_KEY_BYTES, keyringMaterial } from './keyring';
import { getSodium } from './sodium';

/** Version byte of the keyring layout above. */
export const KEYRING_FORMAT_V1 = 0x01;
/** Length of X25519 secret keys and of the Ed25519 seed. */
const SECRET_BYTES = 32;

/**
 * Serializes a live keyring (layout above). The result holds every secret in clear: the
 * caller must wrap it and then memzero it.
 * @throws KeyringWipedError after wipe
 */
export function serializeKeyring(keyring: Keyring): Uint8Array {
  const m = keyringMaterial(keyring);
  const vaultId = utf8Encode(m.vaultId);
  const deviceId = utf8Encode(m.deviceId);
  const epochs = [...m.vaultKeys].sort(([a], [b]) => a - b);
  const w = new ByteWriter().u8(KEYRING_FORMAT_V1);
  w.u16(vaultId.length).bytes(vaultId).u16(deviceId.length).bytes(deviceId);
  w.u32(m.currentEpoch).u16(epochs.length);
  for (const [epoch, vaultKey] of epochs) w.u32(epoch).bytes(vaultKey);
  // libsodium's Ed25519 secret key is seed ‖ public key: the first 32 bytes are the seed.
  // https://doc.libsodium.org/public-key_cryptography/public-key_signatures#key-pair-generation
  w.bytes(m.intake.secretKey).bytes(m.deviceSign.secretKey.subarray(0, SECRET_BYTES));
  return w.bytes(m.deviceBox.secretKey).finish();
}

function readId(r: ByteReader, name: string): string {
  const text = utf8Decode(r.bytes(r.u16()));
  try {
    assertIdentifier(name, text);
  } catch (cause) {
    throw new IntegrityError(`Serialized keyring has an invalid ${name}.`, { cause });
  }
  return text;
}

/**
 * Reads `count u16 | (epoch u32 | vault key 32)*` (epochs strictly ascending), pushing each
 * key to `secrets` so the caller can zero them on failure. Shared by the keyring codec and
 * the shared-keyring layout (share.ts). @internal
 * @throws IntegrityError on no epoch or epochs out of order
 */
export function readVaultKeys(
  r: ByteReader,
  secrets: Uint8Array[],
  what = 'Serialized keyring',
): Map<number, Uint8Array> {
  const count = r.u16();
  if (count === 0) throw new IntegrityError(`${what} has no epoch.`);
  const vaultKeys = new Map<number, Uint8Array>();
  let previous = 0;
  for (let i = 0; i < count; i += 1) {
    const epoch = r.u32();
    const vaultKey = r.bytes(VAULT_KEY_BYTES);
    secrets.push(vaultKey);
    if (epoch <= previous) throw new IntegrityError(`${what} epochs are not ascending.`);
    vaultKeys.set(epoch, vaultKey);
    previous = epoch;
  }
  return vaultKeys;
}

/** X25519 pair from its secret key (`crypto_scalarmult_base`). */
function boxPair(secretKey: Uint8Array): KeyPair {
  return { publicKey: getSodium().crypto_scalarmult_base(secretKey), secretKey };
}

/** Ed25519 pair from its seed (`crypto_sign_seed_keypair`); zeroes the seed. */
function signPair(seed: Uint8Array, secrets: Uint8Array[]): KeyPair {
  const kp = getSodium().crypto_sign_seed_keypair(seed);
  secrets.push(kp.privateKey);
  getSodium().memzero(seed);
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

function readKeyring(r: ByteReader, secrets: Uint8Array[]): Keyring {
  const version = r.u8();
  if (version !== KEYRING_FORMAT_V1) {
    throw new UnsupportedVersionError(`Unsupported keyring format version ${version}.`);
  }
  const vaultId = readId(r, 'vaultId');
  const deviceId = readId(r, 'deviceId');
  const currentEpoch = r.u32();
  const vaultKeys = readVaultKeys(r, secrets);
  if (!vaultKeys.has(currentEpoch)) {
    throw new IntegrityError('Serialized keyring lacks its current epoch.');
  }
  const intakeSecret = r.bytes(SECRET_BYTES);
  secrets.push(intakeSecret);
  const seed = r.bytes(SECRET_BYTES);
  secrets.push(seed);
  const deviceBoxSecret = r.bytes(SECRET_BYTES);
  secrets.push(deviceBoxSecret);
  r.assertEnd();
  return new Keyring({
    vaultId,
    deviceId,
    currentEpoch,
    vaultKeys,
    intake: boxPair(intakeSecret),
    deviceSign: signPair(seed, secrets),
    deviceBox: boxPair(deviceBoxSecret),
  });
}

/**
 * Parses bytes written by {@link serializeKeyring}. Copies what it keeps: the caller should
 * memzero `bytes` afterwards. On failure, every secret copied so far is zeroed.
 * @throws UnsupportedVersionError on an unknown version byte
 * @throws IntegrityError on truncated, trailing or inconsistent input
 */
export function parseKeyring(bytes: Uint8Array): Keyring {
  const secrets: Uint8Array[] = [];
  try {
    return readKeyring(new ByteReader(bytes), secrets);
  } catch (error) {
    for (const secret of secrets) getSodium().memzero(secret);
    if (isCryptoError(error)) throw error;
    throw new IntegrityError('Malformed serialized keyring.', { cause: error });
  }
}
