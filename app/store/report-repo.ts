/**
 * The tallies behind the day and month reports (DESIGN.md "Retention, audit, reports"):
 * those of the live visits of the period, decrypted and reduced with `tallyOfVisit`, plus
 * the stored tallies of purged visits (`records` kind `'tally'`, record id
 * `<day>.<visitId>` (`tallyRecordId`), JSON VisitTally; see `rows.ts`). A visit present both ways counts once: the live visit
 * wins (it is the fresher of the two).
 *
 * Cost: the rows are read in one transaction with two bulk reads (the `day` index range of
 * the visits, the primary-key range `tally:<from>` … `tally:<to>` of the records); the
 * decryption of each envelope dominates, and only the period's rows are decrypted.
 */
import { IntegrityError, type Keyring } from '../crypto';
import { daysOfMonth, isVisitTally, tallyOfVisit, tallyRecordId, type VisitTally } from '../domain';
import type { ComptoirDb } from './db';
import { guard, requireMeta } from './guard';
import { openRecordRow } from './record-rows';
import type { RecordKind, RecordRow } from './rows';
import { isDamage, openVisitRow } from './visit-rows';

/** Records kind of the stored tallies of purged visits. */
export const TALLY_KIND = 'tally' satisfies RecordKind;

/** Tallies of a period, and the ids of rows that could not be opened (damaged, tampered). */
export interface PeriodTallies {
  readonly tallies: VisitTally[];
  /** Visit ids (random, non-identifying) of the rows left out. */
  readonly damaged: string[];
}

/** Opens a tally row; its day and visit id must make the record id the envelope is bound to. */
function openTallyRow(keyring: Keyring, row: RecordRow): VisitTally {
  const tally = openRecordRow(keyring, row, isVisitTally);
  if (`${TALLY_KIND}:${tallyRecordId(tally)}` !== row.id) {
    throw new IntegrityError('a tally was stored under another visit id');
  }
  return tally;
}

/** Runs `open`, or records `id` as damaged when the row cannot be opened. */
function tryOpen<T>(damaged: string[], id: string, open: () => T): T | null {
  try {
    return open();
  } catch (e) {
    if (!isDamage(e)) throw e;
    damaged.push(id);
    return null;
  }
}

/** Rows of the period, read in one transaction. */
async function readRows(db: ComptoirDb, keyring: Keyring, from: string, to: string) {
  return db.transaction('r', [db.meta, db.visits, db.records], async () => {
    await requireMeta(db, keyring.vaultId);
    const [visits, tallies] = await Promise.all([
      db.visits.where('day').between(from, to, true, true).toArray(),
      // Record ids start with the day: the period is a key range ('/' sorts after '.').
      db.records
        .where('id')
        .between(`${TALLY_KIND}:${from}.`, `${TALLY_KIND}:${to}/`, true, false)
        .toArray(),
    ]);
    return { visits, tallies };
  });
}

/**
 * The tallies of the days `from`…`to` (inclusive, `YYYY-MM-DD`).
 * Live visits in the `purged` state are skipped (their stored tally counts instead).
 */
async function readTallies(
  db: ComptoirDb,
  keyring: Keyring,
  from: string,
  to: string,
): Promise<PeriodTallies> {
  return guard(db, async () => {
    const rows = await readRows(db, keyring, from, to);
    const damaged: string[] = [];
    const byVisit = new Map<string, VisitTally>();
    for (const row of rows.tallies) {
      const id = row.id.slice(row.id.indexOf('.') + 1);
      const tally = tryOpen(damaged, id, () => openTallyRow(keyring, row));
      if (tally && tally.day >= from && tally.day <= to) byVisit.set(tally.visitId, tally);
    }
    for (const row of rows.visits) {
      if (row.state === 'purged') continue;
      const visit = tryOpen(damaged, row.id, () => openVisitRow(keyring, row));
      if (visit) byVisit.set(visit.id, tallyOfVisit(visit)); // the live visit wins
    }
    return { tallies: [...byVisit.values()], damaged };
  });
}

/**
 * The tallies of `month` (`YYYY-MM`) with the ids of the rows that could not be opened
 * (a damaged row does not hide the others; the report says how many are missing).
 *
 * @throws RangeError for an invalid month; StorageError `missing`…; KeyringWipedError
 *   when locked
 */
export async function readMonthTallies(
  db: ComptoirDb,
  keyring: Keyring,
  month: string,
): Promise<PeriodTallies> {
  const days = daysOfMonth(month);
  return readTallies(db, keyring, days[0] ?? '', days[days.length - 1] ?? '');
}

/**
 * The tallies of `month` (`YYYY-MM`): its live visits' and the stored ones of its purged
 * visits; rows that cannot be opened are left out (see {@link readMonthTallies}).
 *
 * @throws RangeError for an invalid month; StorageError `missing`…
 */
export async function listMonthTallies(
  db: ComptoirDb,
  keyring: Keyring,
  month: string,
): Promise<VisitTally[]> {
  return (await readMonthTallies(db, keyring, month)).tallies;
}

/**
 * The tallies of one day (`YYYY-MM-DD`), as {@link readMonthTallies} for a month.
 * @throws StorageError `missing`…
 */
export async function readDayTallies(
  db: ComptoirDb,
  keyring: Keyring,
  day: string,
): Promise<PeriodTallies> {
  return readTallies(db, keyring, day, day);
}
