/**
 * The retention purge (issue 6; DESIGN.md "Retention, audit, reports"): the identity of a
 * transmitted visit is deleted once the policy's delay has passed, and replaced by its
 * non-identifying tally so the counts survive.
 *
 * Per visit, in ONE Dexie transaction per chunk (so a crash or an abort leaves no visit
 * half purged, and the next run simply finds the rest):
 * - the envelope row is deleted (with any pending incomplete doc and submission row);
 * - a `tombstone` row `{ id, hlc }` is written, the same as a remote deletion;
 * - the tally is written as a synced `'tally'` record, id `<day>.<visitId>` (row + clock);
 * - with sync on, ONE outbox entry holds the chunk's `record` (tally) and `del` ops: the
 *   tombstone travels to every device, which purges too; the visit's field ops still
 *   waiting in the outbox are removed first (its identity does not leave after its purge).
 * Candidates are found from the clear `state` index and `day` field (no decryption); each is
 * decrypted and checked again inside its chunk's transaction (idempotent, and safe against
 * a concurrent edit or a remote change). Chunks are separated by a pause so the UI stays
 * responsive.
 */
import { IntegrityError, type Keyring } from '../crypto';
import {
  UNSENT_STATES,
  isPurgeDue,
  isUnsentTooLong,
  localDay,
  purgeCandidateLastDay,
  tallyOfVisit,
  tallyRecordId,
  type Op,
  type RetentionPolicy,
  type Visit,
  type VisitTally,
  type VisitState,
} from '../domain';
import { writeAuditEntry, type AuditInput } from './audit-repo';
import { decodeRecord, encodeRecord } from './codec';
import type { ComptoirDb } from './db';
import { guard, requireMeta } from './guard';
import { scrubOutbox } from './outbox-repo';
import { sealRecordRow } from './record-rows';
import { isSealedRow, recordKey, type ClockRow, type TombstoneRow, type VisitRow } from './rows';
import { commitOps, localTick, syncWriteTables } from './sync-write';
import { isDamage, openVisitRow } from './visit-rows';

/** Visits purged per transaction. */
export const PURGE_CHUNK = 250;

/** How {@link purgeExpiredVisits} runs. */
export interface PurgeOptions {
  readonly now: Date;
  /** Visits per transaction (default {@link PURGE_CHUNK}). */
  readonly chunkSize?: number;
  /** Awaited between chunks (default: one macrotask, so input and rendering run). */
  readonly pause?: () => Promise<void>;
  /** Told after each chunk: purged so far, candidates in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What one run did. */
export interface PurgeOutcome {
  /** Ids of the visits purged by this run (random ids: fit for the audit log). */
  readonly purged: string[];
  /** Candidate rows that could not be opened (damaged): left as they are. */
  readonly damaged: number;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Ids of the visits in `states`, from the clear `state` index only (no row is read). One
 * `equals` per state: `anyOf` walks the index with a cursor, far slower; the `day` filter
 * is applied on the rows' clear `day` when they are read.
 */
async function idsInStates(db: ComptoirDb, states: readonly VisitState[]): Promise<string[]> {
  const lists = await Promise.all(
    states.map((state) => db.visits.where('state').equals(state).primaryKeys()),
  );
  return lists.flat().map(String);
}

/** What one chunk did. */
interface ChunkWrites {
  readonly purged: string[];
  damaged: number;
  /** Seq of the outbox entry the chunk wrote (null: sync off, or nothing purged). */
  seq: number | null;
}

/**
 * Which rows a chunk purges, and the tally kept of each: `row` may be skipped on its clear
 * fields before decryption; `tally` returns null to keep the visit.
 */
interface PurgeRule {
  row(row: VisitRow): boolean;
  tally(visit: Visit): VisitTally | null;
}

/**
 * Purges the visits among `ids` that `rule` selects, in the caller's transaction. `written`
 * holds the seqs of the outbox entries this purge run already committed (tallies and
 * tombstones only): the scrub does not decrypt them again.
 */
async function purgeChunk(
  db: ComptoirDb,
  keyring: Keyring,
  ids: readonly string[],
  rule: PurgeRule,
  written: ReadonlySet<number>,
): Promise<ChunkWrites> {
  const w: ChunkWrites = { purged: [], damaged: 0, seq: null };
  const kept: { visitId: string; recordId: string; tally: unknown }[] = [];
  for (const row of await db.visits.bulkGet([...ids])) {
    if (!row || isSealedRow(row) || !rule.row(row)) continue;
    try {
      const tally = rule.tally(openVisitRow(keyring, row));
      if (!tally) continue;
      // JSON round trip: the op carries exactly what a reader of the record decrypts.
      const json = decodeRecord(encodeRecord(tally), (x): x is unknown => !!x);
      kept.push({ visitId: row.id, recordId: tallyRecordId(tally), tally: json });
    } catch (e) {
      if (!isDamage(e)) throw e;
      w.damaged++;
    }
  }
  if (kept.length === 0) return w;
  w.purged.push(...kept.map((k) => k.visitId));
  const hlc = await localTick(db, keyring);
  await db.visits.bulkDelete(w.purged);
  await db.records.bulkDelete(w.purged.map((id) => recordKey('visit-doc', id)));
  await db.submissions.bulkDelete(w.purged);
  await db.records.bulkPut(kept.map((k) => sealRecordRow(keyring, 'tally', k.recordId, k.tally)));
  await db.clocks.bulkPut(kept.map((k): ClockRow => ({ id: recordKey('tally', k.recordId), hlc })));
  await db.tombstones.bulkPut(w.purged.map((id): TombstoneRow => ({ id, hlc })));
  await scrubOutbox(db, keyring, new Set(w.purged), written);
  const ops = kept.flatMap((k): Op[] => [
    { t: 'record', kind: 'tally', id: k.recordId, value: k.tally, hlc },
    { t: 'del', kind: 'visit', id: k.visitId, hlc },
  ]);
  w.seq = await commitOps(db, keyring, hlc, ops);
  return w;
}

/** {@link purgeChunk} in its own transaction, with `audit` logged in it when it purged. */
function purgeInTransaction(
  db: ComptoirDb,
  keyring: Keyring,
  ids: readonly string[],
  rule: PurgeRule,
  written: ReadonlySet<number>,
  audit?: AuditInput,
): Promise<ChunkWrites> {
  return guard(db, () =>
    db.transaction('rw', [...syncWriteTables(db), db.submissions], async () => {
      await requireMeta(db, keyring.vaultId);
      const w = await purgeChunk(db, keyring, ids, rule, written);
      if (audit && w.purged.length > 0) await writeAuditEntry(db, keyring, audit);
      return w;
    }),
  );
}

/**
 * Erases one visit's identity NOW, whatever its state (a patient's request, RGPD art. 17):
 * the same purge as retention's, on every device, with its tally kept for the counts (a
 * visit waiting for transmission is counted as never sent: its submission is dropped).
 * With `audit` (e.g. `visit-erased`), its entry commits in the same transaction, only when
 * the visit was erased by this call.
 *
 * @returns false when the visit is already gone (erased, purged or deleted)
 * @throws StorageError `missing`…, `corrupt` for a malformed audit event; IntegrityError
 *   when its row was tampered with
 */
export async function eraseVisit(
  db: ComptoirDb,
  keyring: Keyring,
  id: string,
  audit?: AuditInput,
): Promise<boolean> {
  const rule: PurgeRule = {
    row: () => true,
    tally: (visit) => {
      const tally = tallyOfVisit(visit);
      return tally.status === 'pending' ? { ...tally, status: 'resulted' } : tally;
    },
  };
  const w = await purgeInTransaction(db, keyring, [id], rule, new Set(), audit);
  if (w.damaged > 0) throw new IntegrityError('the visit to erase cannot be opened');
  return w.purged.length === 1;
}

/**
 * Purges every visit due under `policy` at `options.now`, chunk by chunk. Idempotent and
 * resumable: an interrupted run leaves whole chunks purged or not, and the next run
 * finishes. Concurrent runs are harmless (each chunk re-checks its visits).
 *
 * @throws StorageError `missing`, `quota`…; IntegrityError for a tampered row
 */
export async function purgeExpiredVisits(
  db: ComptoirDb,
  keyring: Keyring,
  policy: RetentionPolicy,
  options: PurgeOptions,
): Promise<PurgeOutcome> {
  const { now, chunkSize = PURGE_CHUNK, pause = nextTask, onProgress } = options;
  const lastDay = purgeCandidateLastDay(policy, localDay(now));
  const ids = await guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    return idsInStates(db, ['transmitted']);
  });
  const rule: PurgeRule = {
    row: (row) => row.state === 'transmitted' && row.day <= lastDay,
    tally: (visit) => (isPurgeDue(visit, policy, now) ? tallyOfVisit(visit) : null),
  };
  const purged: string[] = [];
  const written = new Set<number>(); // committed outbox entries of this run
  let damaged = 0;
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    const w = await purgeInTransaction(db, keyring, chunk, rule, written);
    if (w.seq !== null) written.add(w.seq);
    purged.push(...w.purged);
    damaged += w.damaged;
    onProgress?.(Math.min(start + chunkSize, ids.length), ids.length);
    if (start + chunkSize < ids.length) await pause();
  }
  return { purged, damaged };
}

/** Visits still waiting for transmission longer than the policy allows. */
export interface UnsentWarning {
  readonly count: number;
  /** The oldest such visit's day (`YYYY-MM-DD`), `null` when none. */
  readonly oldestDay: string | null;
}

/**
 * Counts the visits not transmitted `warnAfterDays` after their day (rejected ones
 * included: they are never purged automatically). Reads the clear index only: no keys.
 * @throws StorageError
 */
export async function findUnsentTooLong(
  db: ComptoirDb,
  policy: RetentionPolicy,
  now: Date,
): Promise<UnsentWarning> {
  return guard(db, async () => {
    const today = localDay(now);
    const rows = await db.visits.bulkGet(await idsInStates(db, UNSENT_STATES));
    const days = rows
      .flatMap((row) =>
        row && isUnsentTooLong(row.state, row.day, policy, today) ? [row.day] : [],
      )
      .sort();
    return { count: days.length, oldestDay: days[0] ?? null };
  });
}
