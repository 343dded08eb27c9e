/**
 * Public API of the crypto core (DESIGN.md "Keys"). Everything else in app/crypto is
 * internal. Call {@link initCrypto} once at start-up before any other function.
 */
import { readySodium } from './sodium';

export { readySodium, getSodium } from './sodium';
export type { Sodium } from './sodium';
export {
  CryptoError,
  CryptoNotReadyError,
  IntegrityError,
  InvalidInputError,
  KeyringWipedError,
  UnknownEpochError,
  UnsupportedVersionError,
  WeakKdfError,
  WrongPassphraseError,
  isCryptoError,
} from './errors';
export type { CryptoErrorCode, CryptoErrorOptions } from './errors';
export {
  constantTimeEqual,
  fromBase64Url,
  fromHex,
  hash,
  memzero,
  randomBytes,
  randomId,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
} from './encoding';
export { KIND_PATTERN } from './associated-data';
export { KEY_PURPOSES, Keyring, createKeyring, deriveSubkey } from './keyring';
export type { KeyPurpose } from './keyring';
export { parseKeyring, serializeKeyring } from './keyring-codec';
export {
  ENVELOPE_V1,
  decryptRecord,
  encryptRecord,
  envelopeEpoch,
  openEnvelope,
  resealRecord,
  sealEnvelope,
} from './envelope';
export type { EnvelopeAd, RecordAddress } from './envelope';
export { PAD_BLOCK_BYTES } from './aead';
export { KDF_FLOOR, assertKdfParams, calibrateKdf, deriveKek } from './kdf';
export type { CalibrateOptions, KdfParams } from './kdf';
export {
  createPassphraseSlot,
  createRecoverySlot,
  openPassphraseSlot,
  openRecoverySlot,
} from './slots';
export type { OpenedSlot, PassphraseSlot, RecoverySlot, StoredKeyring } from './slots';
export { sealKeyringBox, sealKeyringKeyToDevice } from './keyring-box';
export { openEpochKey, sealEpochKey } from './epoch-key';
export { formatRecoveryCode, generateRecoveryCode, parseRecoveryCode } from './recovery-code';
export { openIntake, sealToIntake } from './seal';
export { MAX_INFLATED_BYTES, deflateRaw, inflateRaw } from './compression';
export { KeySession } from './session';
export {
  SHA256_BYTES,
  SIGNATURE_BYTES,
  SIGN_PUBLIC_KEY_BYTES,
  sha256,
  verifyDetached,
} from './signing';
export { DeviceIdentity, createDeviceIdentity } from './device-identity';
export { exportSharedKeyring, importSharedKeyring, openFromDevice, sealToDevice } from './share';
export {
  PAIRING_MESSAGE_V1,
  PAIRING_SECRET_BYTES,
  SAS_DIGITS,
  derivePairingKeys,
  generatePairingSecret,
  openPairingMessage,
  sealPairingMessage,
  shortAuthString,
} from './pairing';
export type { PairingKeys, PairingPurpose } from './pairing';

/**
 * Initialises libsodium (WebAssembly). Await once before using anything else; idempotent.
 */
export async function initCrypto(): Promise<void> {
  await readySodium();
}
