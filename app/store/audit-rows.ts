/**
 * Row-level helpers of the audit log (layouts in `rows.ts`: kinds `audit`, `audit-head`,
 * `audit-conflict`, all sealed under the AUDIT subkey by `record-rows.ts`): the chain hash,
 * opening an entry row, the per-device heads and the record of refused remote rewrites.
 * Internal to the store; callers run these inside their transaction.
 */
import { sha256, toHex, utf8Encode, type Keyring } from '../crypto';
import {
  auditEntryText,
  auditRecordId,
  isAuditEntry,
  parseAuditRecordId,
  type AuditEntry,
  type AuditHead,
} from '../domain';
import type { ComptoirDb } from './db';
import { openRecordRow, sealRecordRow } from './record-rows';
import { recordKey, type RecordRow } from './rows';
import { isDamage } from './visit-rows';

/** Record kind of entries. */
export const AUDIT_KIND = 'audit';
/** Record kind of the per-device heads. */
export const AUDIT_HEAD_KIND = 'audit-head';
/** Record kind of refused remote rewrites. */
export const AUDIT_CONFLICT_KIND = 'audit-conflict';

/**
 * The chain hash of an entry: hex SHA-256 of the UTF-8 canonical JSON (FROZEN v1, see
 * `domain/audit.ts`).
 */
export function auditEntryHash(entry: AuditEntry): string {
  return auditTextHash(auditEntryText(entry));
}

/** Hex SHA-256 of UTF-8 text: the hash function `verifyAuditChain` is given. */
export function auditTextHash(text: string): string {
  return toHex(sha256(utf8Encode(text)));
}

/** Whether `value` is a well-formed entry stored under record id `id`. */
export function isAuditRecord(id: string, value: unknown): value is AuditEntry {
  return isAuditEntry(value) && auditRecordId(value.deviceId, value.seq) === id;
}

/** The record id (`<deviceId>.<seq>`) of a row of kind `audit`. */
export function auditIdOf(row: RecordRow): string {
  return row.id.slice(AUDIT_KIND.length + 1);
}

/**
 * Opens an entry row, checking that the entry is the one its id names.
 * @throws IntegrityError / StorageError `corrupt` when damaged or moved
 */
export function openAuditRow(keyring: Keyring, row: RecordRow): AuditEntry {
  const id = auditIdOf(row);
  return openRecordRow(keyring, row, (x): x is AuditEntry => isAuditRecord(id, x));
}

function isHead(x: unknown): x is AuditHead {
  if (typeof x !== 'object' || x === null) return false;
  const { seq, hash } = x as Record<string, unknown>;
  return (
    Number.isSafeInteger(seq) &&
    (seq as number) >= 1 &&
    typeof hash === 'string' &&
    /^[0-9a-f]{64}$/.test(hash)
  );
}

/**
 * The head of `deviceId`'s chain known here, or null.
 * @throws IntegrityError / StorageError `corrupt` when the head row is damaged
 */
export async function readAuditHead(
  db: ComptoirDb,
  keyring: Keyring,
  deviceId: string,
): Promise<AuditHead | null> {
  const row = await db.records.get(recordKey(AUDIT_HEAD_KIND, deviceId));
  return row ? openRecordRow(keyring, row, isHead) : null;
}

/** Stores `head` as `deviceId`'s head. */
export async function writeAuditHead(
  db: ComptoirDb,
  keyring: Keyring,
  deviceId: string,
  head: AuditHead,
): Promise<void> {
  const value: AuditHead = { seq: head.seq, hash: head.hash };
  await db.records.put(sealRecordRow(keyring, AUDIT_HEAD_KIND, deviceId, value));
}

/** Every head row, opened; damaged ones are returned apart (their device id is the key). */
export async function readAuditHeads(
  db: ComptoirDb,
  keyring: Keyring,
): Promise<{ heads: Map<string, AuditHead>; damaged: string[] }> {
  const heads = new Map<string, AuditHead>();
  const damaged: string[] = [];
  for (const row of await db.records.where('kind').equals(AUDIT_HEAD_KIND).toArray()) {
    const deviceId = row.id.slice(AUDIT_HEAD_KIND.length + 1);
    try {
      heads.set(deviceId, openRecordRow(keyring, row, isHead));
    } catch (e) {
      if (!isDamage(e)) throw e;
      damaged.push(deviceId);
    }
  }
  return { heads, damaged };
}

/**
 * Remembers that another device sent `entry` for an id already holding something else
 * (idempotent: the same refused content is recorded once).
 */
export async function recordAuditConflict(
  db: ComptoirDb,
  keyring: Keyring,
  entry: AuditEntry,
): Promise<void> {
  const hash = auditEntryHash(entry);
  const id = `${auditRecordId(entry.deviceId, entry.seq)}.${hash.slice(0, 16)}`;
  if (await db.records.get(recordKey(AUDIT_CONFLICT_KIND, id))) return;
  const value = { deviceId: entry.deviceId, seq: entry.seq, hash };
  await db.records.put(sealRecordRow(keyring, AUDIT_CONFLICT_KIND, id, value));
}

/** Device and number of every recorded conflict (read from the ids: nothing to decrypt). */
export async function listAuditConflicts(
  db: ComptoirDb,
): Promise<{ deviceId: string; seq: number }[]> {
  const keys = await db.records.where('kind').equals(AUDIT_CONFLICT_KIND).primaryKeys();
  return keys.flatMap((key) => {
    const id = String(key).slice(AUDIT_CONFLICT_KIND.length + 1);
    const parsed = parseAuditRecordId(id.slice(0, id.lastIndexOf('.')));
    return parsed ? [parsed] : [];
  });
}
