/**
 * Envelope v1: every encrypted record, bundle body and audit event (DESIGN.md "Keys").
 * XChaCha20-Poly1305-IETF with a random 192-bit nonce, plaintext padded to 256-byte buckets,
 * associated data binding the record's address and epoch so ciphertexts cannot be swapped
 * between records, kinds, vaults or epochs.
 *
 * Envelope v1 layout:
 *
 * ```
 *  0      1              5                          29
 *  +------+--------------+--------------------------+---------------------------------+
 *  | 0x01 | epoch u32 BE | nonce (24 bytes, random) | ciphertext of padded plaintext  |
 *  | ver. |              |                          | ‖ Poly1305 tag (16 bytes)       |
 *  +------+--------------+--------------------------+---------------------------------+
 *  AD = UTF-8 "comptoir/v1|" vaultId "|" kind "|" recordId "|" epoch (decimal)
 * ```
 *
 * FROZEN: v1 format, must not change. A new layout takes a new version byte.
 */
import { aeadDecryptPadded, aeadEncryptPadded, AEAD_NONCE_BYTES, AEAD_TAG_BYTES } from './aead';
import { assertEpoch, assertIdentifier, assertKind, joinAd } from './associated-data';
import { readU32, writeU32 } from './bytes';
import { memzero, randomBytes } from './encoding';
import { IntegrityError, UnsupportedVersionError } from './errors';
import type { Keyring, KeyPurpose } from './keyring';

/** Version byte of Envelope v1. */
export const ENVELOPE_V1 = 0x01;
/** Bytes before the ciphertext: version (1) + epoch (4) + nonce (24). */
export const ENVELOPE_HEADER_BYTES = 1 + 4 + AEAD_NONCE_BYTES;

/** Where a record lives: the AD binds all three. */
export type RecordAddress = { vaultId: string; kind: string; recordId: string };
/** Everything the associated data binds. */
export type EnvelopeAd = RecordAddress & { epoch: number };

/**
 * Validates and encodes the associated data.
 * @throws InvalidInputError on a bad kind, id or epoch
 */
export function envelopeAssociatedData(ad: EnvelopeAd): Uint8Array {
  assertIdentifier('vaultId', ad.vaultId);
  assertKind(ad.kind);
  assertIdentifier('recordId', ad.recordId);
  assertEpoch(ad.epoch);
  return joinAd([ad.vaultId, ad.kind, ad.recordId, ad.epoch]);
}

/**
 * Low-level: encrypts `plaintext` into an Envelope v1 under `key`.
 * @param key - 32-byte subkey
 * @param ad - address and epoch (the epoch is also written in the header)
 * @param plaintext - bytes to protect (padded to a 256-byte bucket before encryption)
 * @param nonce - only for known-answer tests; omitted → 24 random bytes
 * @throws InvalidInputError on bad AD, key or nonce length
 */
export function sealEnvelope(
  key: Uint8Array,
  ad: EnvelopeAd,
  plaintext: Uint8Array,
  nonce: Uint8Array = randomBytes(AEAD_NONCE_BYTES),
): Uint8Array {
  const adBytes = envelopeAssociatedData(ad);
  const header = new Uint8Array(ENVELOPE_HEADER_BYTES);
  header[0] = ENVELOPE_V1;
  writeU32(header, 1, ad.epoch);
  header.set(nonce, 5);
  return aeadEncryptPadded(key, nonce, plaintext, adBytes, header);
}

/**
 * Reads the epoch from an envelope header, after checking the version byte.
 * @throws UnsupportedVersionError on another version byte; IntegrityError when truncated
 */
export function envelopeEpoch(envelope: Uint8Array): number {
  const version = envelope[0];
  if (version === undefined) throw new IntegrityError('Empty envelope.');
  if (version !== ENVELOPE_V1) {
    throw new UnsupportedVersionError(`Unsupported envelope version ${version}.`);
  }
  if (envelope.length < ENVELOPE_HEADER_BYTES + AEAD_TAG_BYTES) {
    throw new IntegrityError('Envelope is truncated.');
  }
  return readU32(envelope, 1);
}

/**
 * Low-level: verifies and decrypts an Envelope v1 under `key`.
 * @returns the unpadded plaintext (a new array)
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError when truncated, tampered, the header epoch differs from `ad.epoch`,
 *   the AD does not match, or the padding is invalid
 */
export function openEnvelope(key: Uint8Array, ad: EnvelopeAd, envelope: Uint8Array): Uint8Array {
  const adBytes = envelopeAssociatedData(ad);
  if (envelopeEpoch(envelope) !== ad.epoch) {
    throw new IntegrityError('Envelope epoch does not match the expected epoch.');
  }
  const nonce = envelope.subarray(5, ENVELOPE_HEADER_BYTES);
  return aeadDecryptPadded(key, nonce, envelope.subarray(ENVELOPE_HEADER_BYTES), adBytes);
}

/**
 * Encrypts a record with the keyring's current epoch and the subkey of `purpose`.
 * @param address - vault, kind and record id, bound as associated data
 * @param plaintext - record bytes (e.g. UTF-8 JSON)
 * @throws InvalidInputError on a bad address; KeyringWipedError after wipe
 */
export function encryptRecord(
  keyring: Keyring,
  address: RecordAddress,
  plaintext: Uint8Array,
  purpose: KeyPurpose = 'records',
): Uint8Array {
  const epoch = keyring.currentEpoch;
  return sealEnvelope(keyring.subkey(purpose, epoch), { ...address, epoch }, plaintext);
}

/**
 * Decrypts a record, using the epoch written in its header.
 * @throws UnknownEpochError when the keyring lacks that epoch
 * @throws UnsupportedVersionError on another version byte
 * @throws IntegrityError when truncated, tampered or addressed to another record/kind/vault
 * @throws KeyringWipedError after wipe
 */
export function decryptRecord(
  keyring: Keyring,
  address: RecordAddress,
  envelope: Uint8Array,
  purpose: KeyPurpose = 'records',
): Uint8Array {
  const epoch = envelopeEpoch(envelope);
  if (epoch === 0) throw new IntegrityError('Envelope epoch 0 is invalid.');
  return openEnvelope(keyring.subkey(purpose, epoch), { ...address, epoch }, envelope);
}

/**
 * Seals a record again under the keyring's current epoch (same address and purpose), so the
 * epoch it was sealed under can be dropped. The clear copy is zeroed.
 * @throws as {@link decryptRecord}
 */
export function resealRecord(
  keyring: Keyring,
  address: RecordAddress,
  envelope: Uint8Array,
  purpose: KeyPurpose = 'records',
): Uint8Array {
  const clear = decryptRecord(keyring, address, envelope, purpose);
  try {
    return encryptRecord(keyring, address, clear, purpose);
  } finally {
    memzero(clear);
  }
}
