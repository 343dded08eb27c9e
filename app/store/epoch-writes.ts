/**
 * The epoch records and acknowledgements as this device reads them, and the ONE
 * transaction in which a step of `epoch-run.ts` writes them with the keyring box.
 */
import type { Keyring } from '../crypto';
import {
  isEpochAck,
  isEpochRecord,
  type EpochAck,
  type EpochRecord,
  type SyncedRecordKind,
} from '../domain';
import type { ComptoirDb } from './db';
import { requireMeta } from './guard';
import {
  announceKeyringChange,
  assertKeyringCurrent,
  keysRow,
  noteKeyringBox,
} from './keyring-repo';
import { openRecordRow, sealRecordRow } from './record-rows';
import { syncWriteTables, writeSyncedRecord } from './sync-write';

/** The epoch records (by epoch) and acknowledgements (by device) read. */
export interface EpochState {
  records: Map<number, EpochRecord>;
  acks: Map<string, EpochAck>;
}

/** Reads and opens every epoch record and acknowledgement. */
export async function loadState(db: ComptoirDb, keyring: Keyring): Promise<EpochState> {
  return db.transaction('r', [db.records], async () => {
    const records = new Map<number, EpochRecord>();
    for (const row of await db.records.where('kind').equals('epoch').toArray()) {
      const record = openRecordRow(keyring, row, isEpochRecord);
      records.set(record.epoch, record);
    }
    const acks = new Map<string, EpochAck>();
    for (const row of await db.records.where('kind').equals('epoch-ack').toArray()) {
      const ack = openRecordRow(keyring, row, isEpochAck);
      acks.set(ack.deviceId, ack);
    }
    return { records, acks };
  });
}

/** A synced record to write. */
export type Write = { kind: SyncedRecordKind; id: string; value: unknown };

/** This device's acknowledgement: the epochs it holds and the one it uses. */
export function ackWrite(keyring: Keyring): Write {
  const value: EpochAck = {
    deviceId: keyring.deviceId,
    held: keyring.epochs(),
    current: keyring.currentEpoch,
  };
  return { kind: 'epoch-ack', id: keyring.deviceId, value };
}

/** An epoch record to write. */
export function recordWrite(record: EpochRecord): Write {
  return { kind: 'epoch', id: String(record.epoch), value: record };
}

/**
 * Writes the keyring box (when `keyring` changed) and synced records, in one transaction.
 */
export async function commit(
  db: ComptoirDb,
  keyring: Keyring,
  writes: readonly Write[],
  options: { keyringChanged: boolean; snapshotDue?: boolean },
): Promise<void> {
  const box = options.keyringChanged ? keysRow(keyring) : null;
  const rows = writes.map((w) => ({ ...w, row: sealRecordRow(keyring, w.kind, w.id, w.value) }));
  await db.transaction('rw', [...syncWriteTables(db), db.syncState], async () => {
    await requireMeta(db, keyring.vaultId);
    await assertKeyringCurrent(db, keyring);
    if (box) await db.meta.put(box);
    for (const w of rows) await writeSyncedRecord(db, keyring, w.kind, w.id, w.value, w.row);
    // This device's bundles under the dropped epoch no longer open anywhere: its next push
    // is a snapshot, from which a device paired from now on catches up.
    if (options.snapshotDue) await db.syncState.put({ key: 'push', lastSnapshotAt: 0 });
  });
  if (box) {
    noteKeyringBox(keyring, box.box);
    announceKeyringChange(keyring.vaultId);
  }
}
