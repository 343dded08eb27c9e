/**
 * Finding a person's visits by name, for their rights (issue 6: access and erasure).
 *
 * There is NO name index on disk, and there must never be one (DESIGN.md "IndexedDB": no
 * name, birth date or any keyed index of them leaves the envelope; a blind index would let
 * whoever copies the database test guesses). So a search reads the visit rows in one
 * read-only transaction and decrypts them in memory, with the unlocked session's keyring;
 * the query and the names only ever live in memory. Still-sealed intake rows are opened
 * too; incomplete remote docs (`visit-doc` records, not yet visits) are not searched.
 *
 * Rows are read newest day first (the clear `day` index), and decryption stops once more
 * than `limit` visits matched and the day of the last match is finished.
 */
import type { Keyring } from '../crypto';
import { matchesPatientQuery, type PatientQuery, type Visit } from '../domain';
import type { ComptoirDb } from './db';
import { guard, requireMeta } from './guard';
import type { VisitRow } from './rows';
import { isDamage, openVisitRow } from './visit-rows';

/** Most visits a search returns. */
export const PATIENT_SEARCH_LIMIT = 50;

/** Options of {@link findVisitsByName}. */
export interface PatientSearchOptions {
  /** Most visits returned (default {@link PATIENT_SEARCH_LIMIT}). */
  readonly limit?: number;
}

/** What a search found. */
export interface PatientSearchResult {
  /** Matching visits, newest registration first, at most `limit`. */
  readonly visits: Visit[];
  /** More visits matched than `limit`: the staff should narrow the query. */
  readonly more: boolean;
  /** Rows read that could not be opened (damaged or altered): skipped. */
  readonly damaged: number;
}

/** Newest registration first; equal instants by id, so the order is stable. */
function newestFirst(a: Visit, b: Visit): number {
  if (a.registeredAt !== b.registeredAt) return a.registeredAt < b.registeredAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Decrypts `rows` (newest day first) until more than `limit` matched and a day ends. */
function scanRows(
  keyring: Keyring,
  rows: readonly VisitRow[],
  query: PatientQuery,
  limit: number,
): { matches: Visit[]; damaged: number } {
  const matches: Visit[] = [];
  let damaged = 0;
  for (const row of rows) {
    const last = matches[matches.length - 1];
    if (matches.length > limit && last && row.day < last.day) break;
    let visit: Visit;
    try {
      visit = openVisitRow(keyring, row);
    } catch (e) {
      if (!isDamage(e)) throw e;
      damaged++;
      continue;
    }
    if (matchesPatientQuery(visit.identity, query)) matches.push(visit);
  }
  return { matches, damaged };
}

/**
 * The visits whose birth name, used name or first names answer `query` (see
 * `domain/name-search.ts`: every word starts a name word, case-, accent-, hyphen- and
 * apostrophe-insensitive; a birth date must be equal), newest first.
 *
 * Reads every visit row in ONE read-only transaction (one bulk read) and decrypts them in
 * memory: there is no name index. A row that fails to open is skipped and counted.
 *
 * @param query - from `parsePatientQuery`; never logged, stored or sent anywhere
 * @throws StorageError `missing`…; KeyringWipedError when the session was locked
 */
export async function findVisitsByName(
  db: ComptoirDb,
  keyring: Keyring,
  query: PatientQuery,
  options: PatientSearchOptions = {},
): Promise<PatientSearchResult> {
  const limit = Math.max(1, Math.floor(options.limit ?? PATIENT_SEARCH_LIMIT));
  const rows = await guard(db, () =>
    db.transaction('r', [db.meta, db.visits], async () => {
      await requireMeta(db, keyring.vaultId);
      return db.visits.orderBy('day').reverse().toArray();
    }),
  );
  const { matches, damaged } = scanRows(keyring, rows, query, limit);
  matches.sort(newestFirst);
  return { visits: matches.slice(0, limit), more: matches.length > limit, damaged };
}
