/**
 * Encryption of non-visit records (`records` table) and their checked decryption.
 * Row layout: see `rows.ts` (FROZEN v1).
 */
import {
  IntegrityError,
  decryptRecord,
  encryptRecord,
  envelopeEpoch,
  type Keyring,
} from '../crypto';
import { decodeRecord, encodeRecord } from './codec';
import { recordKey, type RecordKind, type RecordRow } from './rows';

/**
 * Encrypts `value` into a `records` row bound to (vault, kind, recordId).
 *
 * @throws KeyringWipedError / InvalidInputError from app/crypto; StorageError `corrupt`
 *   when `value` is not serialisable
 */
export function sealRecordRow(
  keyring: Keyring,
  kind: RecordKind,
  recordId: string,
  value: unknown,
): RecordRow {
  const address = { vaultId: keyring.vaultId, kind, recordId };
  const env = encryptRecord(keyring, address, encodeRecord(value));
  return { id: recordKey(kind, recordId), kind, epoch: envelopeEpoch(env), env };
}

/**
 * Decrypts a `records` row and checks its shape. The record id and kind come from the row
 * key and are authenticated by the envelope's associated data, so a row copied under
 * another key fails to decrypt.
 *
 * @throws IntegrityError when the envelope was tampered with, moved, or its clear epoch or
 *   kind disagree with the key; StorageError `corrupt` when the plaintext has a wrong shape
 */
export function openRecordRow<T>(
  keyring: Keyring,
  row: RecordRow,
  check: (x: unknown) => x is T,
): T {
  const sep = row.id.indexOf(':');
  const kind = row.id.slice(0, sep);
  const recordId = row.id.slice(sep + 1);
  if (sep < 0 || kind !== row.kind) throw new IntegrityError('record key and kind disagree');
  if (envelopeEpoch(row.env) !== row.epoch) throw new IntegrityError('record epoch was altered');
  const plaintext = decryptRecord(keyring, { vaultId: keyring.vaultId, kind, recordId }, row.env);
  return decodeRecord(plaintext, check);
}
