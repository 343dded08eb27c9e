/**
 * Clear state of the sync client (`syncState` table, schema v3, key `key`). Nothing
 * personal and nothing secret: the device log this device verified (public keys, names of
 * devices), the chain head of each author (seq + hash), and the one bundle being pushed
 * (ciphertext, kept so a retry after a crash re-sends the SAME bytes).
 *
 * ```
 * FROZEN v3
 * syncState  key=key
 * ┌──────────────────┬──────────────────────────────────────────────────────────────────┐
 * │ 'device-log'     │ entries: string[]  canonical JSON of each verified entry          │
 * │ 'chains'         │ heads: { [deviceId]: { seq, hash (hex), anchored: boolean } }     │
 * │ 'pending-bundle' │ deviceSeq, bundleId, bytes (signed bundle), hash (hex),           │
 * │                  │ throughSeq (last outbox seq inside), snapshot: boolean            │
 * │ 'push'           │ lastSnapshotAt: Unix ms of this device's last snapshot bundle     │
 * └──────────────────┴──────────────────────────────────────────────────────────────────┘
 * ```
 */
import type { ComptoirDb } from './db';
import { guard } from './guard';

/** An author's last received bundle. */
export interface ChainHeadRow {
  readonly seq: number;
  readonly hash: string;
  /** False while the chain starts after a gap not covered by a snapshot. */
  readonly anchored: boolean;
}

/** A row of the `syncState` table. */
export type SyncStateRow =
  | { readonly key: 'device-log'; readonly entries: readonly string[] }
  | { readonly key: 'chains'; readonly heads: Readonly<Record<string, ChainHeadRow>> }
  | {
      readonly key: 'pending-bundle';
      readonly deviceSeq: number;
      readonly bundleId: string;
      readonly bytes: Uint8Array;
      readonly hash: string;
      readonly throughSeq: number;
      readonly snapshot: boolean;
    }
  | { readonly key: 'push'; readonly lastSnapshotAt: number };

/** Keys of {@link SyncStateRow}. */
export type SyncStateKey = SyncStateRow['key'];

/**
 * Reads one sync-state row.
 * @returns the row, or null when absent
 * @throws StorageError
 */
export async function readSyncState<K extends SyncStateKey>(
  db: ComptoirDb,
  key: K,
): Promise<Extract<SyncStateRow, { key: K }> | null> {
  return guard(db, async () => {
    const row = await db.syncState.get(key);
    return row?.key === key ? (row as Extract<SyncStateRow, { key: K }>) : null;
  });
}

/**
 * Writes (replaces) one sync-state row.
 * @throws StorageError `quota`…
 */
export async function writeSyncState(db: ComptoirDb, row: SyncStateRow): Promise<void> {
  await guard(db, () => db.syncState.put(row));
}

/**
 * Deletes one sync-state row (absent is fine).
 * @throws StorageError
 */
export async function deleteSyncState(db: ComptoirDb, key: SyncStateKey): Promise<void> {
  await guard(db, () => db.syncState.delete(key));
}
