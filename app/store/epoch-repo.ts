/**
 * Epochs of the vault key on this device (the rules are domain/epochs.ts): adopt the keys
 * sealed to this device, switch when every active device holds the new epoch, add a copy
 * for a device that lacks one, start an epoch (every 30 days, or after a device removal),
 * and drop an old one — crypto-shredding: every row still sealed under it is sealed again
 * under the current epoch, in chunks, then its key leaves the keyring and its record loses
 * every copy of the key.
 *
 * Each change of the keyring commits in ONE transaction with the keyring box and the
 * records that announce it (`epoch`, this device's `epoch-ack`), so a crash never leaves a
 * key in use that the box or the other devices do not know.
 */
import {
  envelopeEpoch,
  fromBase64Url,
  isCryptoError,
  openEpochKey,
  resealRecord,
  sealEpochKey,
  toBase64Url,
  type Keyring,
} from '../crypto';
import {
  compareEpochs,
  epochsToAdopt,
  isEpochAck,
  isEpochRecord,
  planEpochs,
  type EpochAck,
  type EpochRecord,
  type EpochView,
  type SyncedRecordKind,
} from '../domain';
import type { ComptoirDb } from './db';
import { guard, requireMeta } from './guard';
import {
  announceKeyringChange,
  assertKeyringCurrent,
  keysRow,
  noteKeyringBox,
} from './keyring-repo';
import { openRecordRow, recordPurpose, sealRecordRow } from './record-rows';
import { OUTBOX_KIND, VISIT_KIND, isSealedRow, type RecordRow } from './rows';
import { readSyncMeta } from './sync-meta';
import { syncWriteTables, writeSyncedRecord } from './sync-write';

/** An active device of the vault: its id and X25519 key, from the VERIFIED device log. */
export interface EpochMember {
  readonly id: string;
  readonly box: Uint8Array;
}

/** Options of {@link maintainEpochs}. */
export interface EpochStepOptions {
  /** Active devices, this one included (only this one when sync is off). */
  readonly active: readonly EpochMember[];
  /** Unix ms. */
  readonly now: number;
  /** Start an epoch now whatever the age of the current one (a device was removed). */
  readonly afterRemoval?: boolean;
  /** At most this many rows sealed again per call (default {@link RESEAL_BUDGET}). */
  readonly resealBudget?: number;
}

/** What {@link maintainEpochs} did. */
export interface EpochStepResult {
  readonly adopted: number[];
  readonly switchedTo: number | null;
  readonly started: number | null;
  readonly repaired: number;
  readonly resealed: number;
  readonly dropped: number[];
  /** True when it wrote records the other devices must receive (push again). */
  readonly changed: boolean;
}

/** Rows sealed again per call at most: a month of a busy pharmacy fits in a few calls. */
export const RESEAL_BUDGET = 5_000;
/** Rows per re-sealing transaction. */
export const RESEAL_CHUNK = 250;

interface EpochState {
  records: Map<number, EpochRecord>;
  acks: Map<string, EpochAck>;
}

async function loadState(db: ComptoirDb, keyring: Keyring): Promise<EpochState> {
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

type Write = { kind: SyncedRecordKind; id: string; value: unknown };

function ackWrite(keyring: Keyring): Write {
  const value: EpochAck = {
    deviceId: keyring.deviceId,
    held: keyring.epochs(),
    current: keyring.currentEpoch,
  };
  return { kind: 'epoch-ack', id: keyring.deviceId, value };
}

function recordWrite(record: EpochRecord): Write {
  return { kind: 'epoch', id: String(record.epoch), value: record };
}

/**
 * Writes the keyring box (when `keyring` changed) and synced records, in one transaction.
 */
async function commit(
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

function sealedFor(keyring: Keyring, epoch: number, members: readonly EpochMember[]) {
  return Object.fromEntries(
    members.map((m) => [m.id, toBase64Url(sealEpochKey(keyring, epoch, m.box))] as const),
  );
}

function recordIdOf(row: RecordRow): string {
  return row.id.slice(row.id.indexOf(':') + 1);
}

/** Primary keys of every row still sealed under `epoch` (records, visits, outbox). */
async function rowsUnder(db: ComptoirDb, epoch: number) {
  return db.transaction('r', [db.records, db.visits, db.outbox], async () => ({
    records: await db.records.filter((r) => r.epoch === epoch).primaryKeys(),
    visits: await db.visits.filter((v) => v.epoch === epoch && !isSealedRow(v)).primaryKeys(),
    outbox: (await db.outbox.toArray())
      .filter((o) => envelopeEpoch(o.env) === epoch)
      .flatMap((o) => (o.seq === undefined ? [] : [o.seq])),
  }));
}

/** Seals one chunk of rows again under the current epoch (rows changed since are skipped). */
async function resealChunk(
  db: ComptoirDb,
  keyring: Keyring,
  epoch: number,
  keys: { records: string[]; visits: string[]; outbox: number[] },
): Promise<void> {
  const vaultId = keyring.vaultId;
  await db.transaction('rw', [db.records, db.visits, db.outbox], async () => {
    const records = (await db.records.bulkGet(keys.records)).filter((r) => r?.epoch === epoch);
    await db.records.bulkPut(
      records.flatMap((row) => {
        if (!row) return [];
        const address = { vaultId, kind: row.kind, recordId: recordIdOf(row) };
        const env = resealRecord(keyring, address, row.env, recordPurpose(row.kind));
        return [{ ...row, env, epoch: envelopeEpoch(env) }];
      }),
    );
    const visits = await db.visits.bulkGet(keys.visits);
    await db.visits.bulkPut(
      visits.flatMap((row) => {
        if (!row || isSealedRow(row) || row.epoch !== epoch) return [];
        const address = { vaultId, kind: VISIT_KIND, recordId: row.id };
        const env = resealRecord(keyring, address, row.env);
        return [{ ...row, env, epoch: envelopeEpoch(env) }];
      }),
    );
    const outbox = await db.outbox.bulkGet(keys.outbox);
    await db.outbox.bulkPut(
      outbox.flatMap((row) => {
        if (!row || envelopeEpoch(row.env) !== epoch) return [];
        const address = { vaultId, kind: OUTBOX_KIND, recordId: row.id };
        return [{ ...row, env: resealRecord(keyring, address, row.env) }];
      }),
    );
  });
}

/**
 * Seals again, under the current epoch, up to `budget` rows still under `epoch`.
 * @returns rows sealed again, and whether none is left under `epoch`
 */
async function resealEpoch(
  db: ComptoirDb,
  keyring: Keyring,
  epoch: number,
  budget: number,
): Promise<{ resealed: number; done: boolean }> {
  const all = await rowsUnder(db, epoch);
  const total = all.records.length + all.visits.length + all.outbox.length;
  let resealed = 0;
  const take = <T>(list: T[], room: number) => list.splice(0, Math.max(0, room));
  while (resealed < budget) {
    const room = Math.min(RESEAL_CHUNK, budget - resealed);
    const records = take(all.records, room);
    const visits = take(all.visits, room - records.length);
    const outbox = take(all.outbox, room - records.length - visits.length);
    const n = records.length + visits.length + outbox.length;
    if (n === 0) break;
    await resealChunk(db, keyring, epoch, { records, visits, outbox });
    resealed += n;
  }
  if (resealed < total) return { resealed, done: false };
  // A row sealed before the switch and committed since would be lost with the key: look again.
  const left = await rowsUnder(db, epoch);
  return { resealed, done: left.records.length + left.visits.length + left.outbox.length === 0 };
}

/**
 * Applies the epoch rules once on this device (after a sync pull, at unlock, daily).
 * @throws StorageError; IntegrityError when a stored record is damaged; KeyringWipedError
 */
export async function maintainEpochs(
  db: ComptoirDb,
  keyring: Keyring,
  options: EpochStepOptions,
): Promise<EpochStepResult> {
  return guard(db, async () => {
    const meta = await requireMeta(db, keyring.vaultId);
    // A copy of the keyring that another tab has renewed since must not decide anything.
    await assertKeyringCurrent(db, keyring);
    const me = keyring.deviceId;
    const members = options.active;
    const budget = options.resealBudget ?? RESEAL_BUDGET;
    const firstEpochSince = Date.parse(meta.createdAt);
    const result = {
      adopted: [] as number[],
      switchedTo: null as number | null,
      started: null as number | null,
      repaired: 0,
      resealed: 0,
      dropped: [] as number[],
      changed: false,
    };
    let state = await loadState(db, keyring);
    const view = (): EpochView => ({
      me,
      held: keyring.epochs(),
      current: keyring.currentEpoch,
      records: state.records,
      acks: state.acks,
      active: members.map((m) => m.id),
      now: options.now,
      firstEpochSince,
    });
    const write = async (writes: Write[], keyringChanged: boolean, snapshotDue = false) => {
      const ack = ackWrite(keyring);
      const stored = state.acks.get(me);
      // Before any epoch record exists, nobody needs to know: no ack, no traffic.
      const epochsInPlay =
        state.records.size > 0 ||
        writes.some((w) => w.kind === 'epoch') ||
        keyring.epochs().length > 1;
      const ackChanged = epochsInPlay && JSON.stringify(stored) !== JSON.stringify(ack.value);
      const all = ackChanged ? [...writes, ack] : writes;
      if (all.length === 0 && !keyringChanged) return;
      await commit(db, keyring, all, { keyringChanged, snapshotDue });
      result.changed ||= all.length > 0;
      state = await loadState(db, keyring);
    };

    // Rule 1: adopt my copies.
    for (const epoch of epochsToAdopt(view())) {
      const sealed = state.records.get(epoch)?.keys[me] ?? '';
      try {
        openEpochKey(keyring, fromBase64Url(sealed), epoch);
        result.adopted.push(epoch);
      } catch (e) {
        // A copy this device cannot open: skipped; another device adds a good one (repair).
        if (!isCryptoError(e)) throw e;
      }
    }
    try {
      await write([], result.adopted.length > 0);
    } catch (e) {
      for (const epoch of result.adopted) keyring.dropEpoch(epoch);
      throw e;
    }

    let removalPending = options.afterRemoval === true;
    for (let pass = 0; pass < 4; pass += 1) {
      const plan = planEpochs(view());
      if (plan.switchTo !== null) {
        const previous = keyring.currentEpoch;
        keyring.setCurrentEpoch(plan.switchTo);
        try {
          await write([], true);
        } catch (e) {
          keyring.setCurrentEpoch(previous);
          throw e;
        }
        result.switchedTo = plan.switchTo;
        continue;
      }
      for (const { epoch, devices } of plan.repair) {
        const record = state.records.get(epoch);
        const to = members.filter((m) => devices.includes(m.id));
        if (!record || to.length === 0) continue;
        const keys = { ...record.keys, ...sealedFor(keyring, epoch, to) };
        await write([recordWrite({ ...record, keys })], false);
        result.repaired += to.length;
      }
      if (plan.rotate || removalPending) {
        removalPending = false;
        const epoch = keyring.addEpoch({ current: false });
        const record: EpochRecord = {
          epoch,
          createdAt: new Date(options.now).toISOString(),
          createdBy: me,
          reason: options.afterRemoval === true ? 'removal' : 'rotation',
          keys: sealedFor(keyring, epoch, members),
          retired: false,
        };
        try {
          await write([recordWrite(record)], true);
        } catch (e) {
          keyring.dropEpoch(epoch);
          throw e;
        }
        result.started = epoch;
        continue;
      }
      for (const epoch of plan.drop) {
        const { resealed, done } = await resealEpoch(db, keyring, epoch, budget - result.resealed);
        result.resealed += resealed;
        if (!done) break;
        keyring.dropEpoch(epoch);
        const record = state.records.get(epoch);
        const retired = record ? [recordWrite({ ...record, keys: {}, retired: true })] : [];
        await write(retired, true, true);
        result.dropped.push(epoch);
      }
      break;
    }
    return result;
  });
}

/**
 * The epoch rules on a device without sync (a single tablet): it is the only active device,
 * so a new epoch is used at once and the old one dropped as soon as its rows are sealed
 * again. Does nothing when sync is on (the sync cycle applies the rules with the device log).
 * @returns what was done, `null` when sync is on
 */
export async function maintainLocalEpochs(
  db: ComptoirDb,
  keyring: Keyring,
  now: number,
): Promise<EpochStepResult | null> {
  if ((await readSyncMeta(db)).enabled) return null;
  const self = { id: keyring.deviceId, box: keyring.deviceBoxPublicKey };
  return maintainEpochs(db, keyring, { active: [self], now });
}

/** What the settings screen says of the vault key. */
export interface KeyStatus {
  /** ISO instant since which the current epoch is in use (the vault's creation for epoch 1). */
  readonly since: string;
  /** Epochs dropped so far (crypto-shredded). */
  readonly dropped: number;
  /** A newer key waits for every device to hold it, or an old one for every device to stop
   * using it: a device that never syncs holds the renewal back. */
  readonly pending: boolean;
}

/**
 * The current epoch's start and how many epochs were dropped.
 * @throws StorageError; IntegrityError when an epoch record is damaged
 */
export async function readKeyStatus(db: ComptoirDb, keyring: Keyring): Promise<KeyStatus> {
  return guard(db, async () => {
    const meta = await requireMeta(db, keyring.vaultId);
    const { records } = await loadState(db, keyring);
    const retired = [...records.values()].filter((r) => r.retired).length;
    const current = keyring.currentEpoch;
    const newer = [...records.values()].some(
      (r) => !r.retired && (compareEpochs(records, r.epoch, current) ?? 0) > 0,
    );
    return {
      since: records.get(current)?.createdAt ?? meta.createdAt,
      dropped: retired + (keyring.hasEpoch(1) ? 0 : 1),
      pending: newer || keyring.epochs().length > 1,
    };
  });
}
