/**
 * Crypto-shredding's first half (see epoch-repo.ts): every row still sealed under an epoch
 * about to be dropped — records, visits, outbox entries — is sealed again under the current
 * epoch, in chunks of {@link RESEAL_CHUNK} rows, one transaction each, so a crash or a lock
 * leaves whole rows under one key or the other and the next run goes on.
 */
import { envelopeEpoch, resealRecord, type Keyring } from '../crypto';
import type { ComptoirDb } from './db';
import { resealRecordRow } from './record-rows';
import { OUTBOX_KIND, isSealedRow } from './rows';
import { resealVisitRow } from './visit-rows';

/** Rows per re-sealing transaction. */
export const RESEAL_CHUNK = 250;

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
  await db.transaction('rw', [db.records, db.visits, db.outbox], async () => {
    const records = await db.records.bulkGet(keys.records);
    await db.records.bulkPut(
      records.flatMap((row) => (row?.epoch === epoch ? [resealRecordRow(keyring, row)] : [])),
    );
    const visits = await db.visits.bulkGet(keys.visits);
    await db.visits.bulkPut(
      visits.flatMap((row) =>
        row && !isSealedRow(row) && row.epoch === epoch ? [resealVisitRow(keyring, row)] : [],
      ),
    );
    const outbox = await db.outbox.bulkGet(keys.outbox);
    await db.outbox.bulkPut(
      outbox.flatMap((row) => {
        if (!row || envelopeEpoch(row.env) !== epoch) return [];
        const address = { vaultId: keyring.vaultId, kind: OUTBOX_KIND, recordId: row.id };
        return [{ ...row, env: resealRecord(keyring, address, row.env) }];
      }),
    );
  });
}

/**
 * Seals again, under the current epoch, up to `budget` rows still under `epoch`.
 * @returns rows sealed again, and whether none is left under `epoch`
 */
export async function resealEpoch(
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
