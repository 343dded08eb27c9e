/**
 * Encryption of non-visit records (`records` table) and their checked decryption.
 * Row layout: see `rows.ts` (FROZEN v1). The subkey follows the kind: the audit log's
 * records under the AUDIT subkey, every other record under the RECORDS subkey (DESIGN.md
 * "Keys": one subkey per purpose), so every path — local writes, remote ops, snapshots —
 * picks the right one by construction.
 */
import {
  IntegrityError,
  decryptRecord,
  encryptRecord,
  envelopeEpoch,
  resealRecord,
  type KeyPurpose,
  type Keyring,
} from '../crypto';
import { decodeRecord, encodeRecord } from './codec';
import { recordKey, type RecordKind, type RecordRow } from './rows';

/** Kinds sealed under the AUDIT subkey (see `audit-repo.ts`). */
const AUDIT_KEY_KINDS: ReadonlySet<RecordKind> = new Set(['audit', 'audit-head', 'audit-conflict']);

/** The subkey purpose of a record kind: `'audit'` for the audit log, else `'records'`. */
export function recordPurpose(kind: RecordKind): KeyPurpose {
  return AUDIT_KEY_KINDS.has(kind) ? 'audit' : 'records';
}

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
  const env = encryptRecord(keyring, address, encodeRecord(value), recordPurpose(kind));
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
  const plaintext = decryptRecord(
    keyring,
    rowAddress(keyring, row),
    row.env,
    recordPurpose(row.kind),
  );
  return decodeRecord(plaintext, check);
}

/** The record id of a `records` row (the part of its key after `kind:`). */
export function recordIdOf(row: RecordRow): string {
  return row.id.slice(row.id.indexOf(':') + 1);
}

/**
 * The envelope address of a row, from its key, checked against its clear kind and epoch.
 * @throws IntegrityError when they disagree
 */
function rowAddress(keyring: Keyring, row: RecordRow) {
  const sep = row.id.indexOf(':');
  if (sep < 0 || row.id.slice(0, sep) !== row.kind) {
    throw new IntegrityError('record key and kind disagree');
  }
  if (envelopeEpoch(row.env) !== row.epoch) throw new IntegrityError('record epoch was altered');
  return { vaultId: keyring.vaultId, kind: row.kind, recordId: recordIdOf(row) };
}

/**
 * The row sealed again under the keyring's current epoch, same content (before an older
 * epoch is dropped). @throws as {@link openRecordRow}
 */
export function resealRecordRow(keyring: Keyring, row: RecordRow): RecordRow {
  const env = resealRecord(keyring, rowAddress(keyring, row), row.env, recordPurpose(row.kind));
  return { ...row, env, epoch: envelopeEpoch(env) };
}
