/**
 * The device log this device verified, kept in the store (`syncState` 'device-log') as the
 * canonical JSON of its entries: a relay can later only EXTEND it (anti-rollback).
 */
import { canonicalJson, toJson } from '../../sync-server/protocol';
import { readSyncState, writeSyncState, type ComptoirDb } from '../store';
import { verifyDeviceLog, type VerifiedDeviceLog } from './device-log';
import { SyncError } from './errors';

/**
 * Reads and re-verifies the locally kept log.
 * @returns the verified log, or null when this device never verified one
 * @throws SyncError 'integrity' when the stored log no longer verifies (local tampering)
 * @throws StorageError
 */
export async function loadDeviceLog(
  db: ComptoirDb,
  vaultId: string,
): Promise<VerifiedDeviceLog | null> {
  const row = await readSyncState(db, 'device-log');
  if (!row) return null;
  let entries: unknown[];
  try {
    entries = row.entries.map((text) => JSON.parse(text) as unknown);
  } catch (cause) {
    throw new SyncError('integrity', undefined, { cause });
  }
  return verifyDeviceLog(entries, vaultId);
}

/**
 * Keeps a verified log as the new local reference.
 * @throws StorageError
 */
export async function saveDeviceLog(db: ComptoirDb, log: VerifiedDeviceLog): Promise<void> {
  const entries = log.entries.map((e) => canonicalJson(toJson(e)));
  await writeSyncState(db, { key: 'device-log', entries });
}
