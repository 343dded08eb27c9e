/**
 * The pharmacy's retention policy (issue 6): a SYNCED record, `records` kind `'retention'`,
 * record id `'policy'`, JSON {@link RetentionPolicy}, so every device purges on the same
 * terms. Absent = {@link DEFAULT_RETENTION}.
 */
import type { Keyring } from '../crypto';
import { DEFAULT_RETENTION, isRetentionPolicy, type RetentionPolicy } from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { openRecordRow, sealRecordRow } from './record-rows';
import { recordKey } from './rows';
import { syncWriteTables, writeSyncedRecord } from './sync-write';

/** Record id of the policy (one per vault). */
export const RETENTION_RECORD_ID = 'policy';

/**
 * The policy in force (the defaults when none was saved).
 * @throws StorageError `missing`, `corrupt`; IntegrityError when tampered with
 */
export async function readRetentionPolicy(
  db: ComptoirDb,
  keyring: Keyring,
): Promise<RetentionPolicy> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const row = await db.records.get(recordKey('retention', RETENTION_RECORD_ID));
    return row ? openRecordRow(keyring, row, isRetentionPolicy) : DEFAULT_RETENTION;
  });
}

/**
 * Replaces the policy (validated by `validateRetention` first); synced to the other devices.
 * @throws StorageError `corrupt` (out of bounds), `missing`, `quota`
 */
export async function saveRetentionPolicy(
  db: ComptoirDb,
  keyring: Keyring,
  policy: RetentionPolicy,
): Promise<void> {
  return guard(db, async () => {
    if (!isRetentionPolicy(policy)) throw new StorageError('corrupt', 'malformed retention policy');
    const value = { purgeAfterDays: policy.purgeAfterDays, warnAfterDays: policy.warnAfterDays };
    const row = sealRecordRow(keyring, 'retention', RETENTION_RECORD_ID, value);
    await db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      await writeSyncedRecord(db, keyring, 'retention', RETENTION_RECORD_ID, value, row);
    });
  });
}
