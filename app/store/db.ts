/**
 * The Comptoir IndexedDB database: the sole import point of Dexie (ESLint enforces it).
 * Row layouts and their FROZEN v1 diagram are in `rows.ts`.
 */
import { Dexie, type IndexableType, type Table } from 'dexie';
import { toStorageError } from './errors';
import type {
  ClockRow,
  MetaTableRow,
  OutboxRow,
  RecordRow,
  SlotRow,
  SubmissionRow,
  TombstoneRow,
  VisitRow,
} from './rows';
import type { SyncStateRow } from './sync-state-repo';

/** Default database name (one vault per origin). */
export const DEFAULT_DB_NAME = 'comptoir';

/** Options of {@link openComptoirDb}; tests inject a fresh fake-indexeddb factory. */
export interface ComptoirDbOptions {
  /** Database name; defaults to {@link DEFAULT_DB_NAME}. */
  readonly name?: string;
  /** IndexedDB factory; defaults to `globalThis.indexedDB`. */
  readonly indexedDB?: IDBFactory;
  /** Key range constructor matching `indexedDB`; defaults to `globalThis.IDBKeyRange`. */
  readonly IDBKeyRange?: typeof IDBKeyRange;
}

/** Why the connection was closed by someone else, if it was. */
export type LostReason = 'deleted' | 'upgraded';

/**
 * The database, with ONE versioned schema declaration. Dexie tables:
 * `meta` (key `key`), `slots` (key `slotId`, index `staffId`), `records` (key `id`, index
 * `kind`), `visits` (key `id`, indexes `day`, `state`, `[day+state]`); since v2
 * `submissions` (key `visitId`, index `nextAttemptAt`); since v3 `outbox` (auto key `seq`),
 * `tombstones` (key `id`), `clocks` (key `id`) and the meta row `'sync'`.
 */
export class ComptoirDb extends Dexie {
  declare meta: Table<MetaTableRow, string>;
  declare slots: Table<SlotRow, string>;
  declare records: Table<RecordRow, string>;
  declare visits: Table<VisitRow, string>;
  declare submissions: Table<SubmissionRow, string>;
  declare outbox: Table<OutboxRow, number>;
  declare tombstones: Table<TombstoneRow, string>;
  declare clocks: Table<ClockRow, string>;
  declare syncState: Table<SyncStateRow, string>;
  /** Set when another connection deleted or upgraded the database under this handle. */
  lostReason: LostReason | null = null;

  /**
   * @param name database name
   * @param deps IndexedDB factory and key range to use (defaults: the globals)
   */
  constructor(name: string, deps: Omit<ComptoirDbOptions, 'name'> = {}) {
    super(name, { ...deps, autoOpen: true });
    // FROZEN v1 schema: only clear, non-personal fields are indexed (see rows.ts).
    this.version(1).stores({
      meta: 'key',
      slots: 'slotId, staffId',
      records: 'id, kind',
      visits: 'id, day, state, [day+state]',
    });
    // FROZEN v2: adds the transmission queue (clear, non-identifying fields; see rows.ts).
    // Dexie keeps the v1 tables as declared above and creates the new store on upgrade; no
    // data migration is needed (an empty queue is the right state for a v1 database).
    // https://dexie.org/docs/Tutorial/Design#database-versioning
    this.version(2).stores({ submissions: 'visitId, nextAttemptAt' });
    // FROZEN v3: sync (outbox, tombstones, record clocks; see rows.ts). New empty stores are
    // the right state for a v2 database: sync starts disabled, no clocks = ZERO_HLC.
    this.version(3).stores({
      outbox: '++seq',
      tombstones: 'id',
      clocks: 'id',
      // Sync client state (public keys, hashes, counters, one encrypted bundle; see
      // sync-state-repo.ts).
      syncState: 'key',
    });
    // Runs before Dexie's default handler (reverse order) and stops it: Dexie would close
    // with auto-reopen, silently recreating an EMPTY database after a deletion. We close
    // for good and remember why, so the next call fails with 'missing' instead.
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      this.lostReason = event.newVersion ? 'upgraded' : 'deleted';
      this.close({ disableAutoOpen: true });
      return false;
    });
  }

  /**
   * Index keys `[day, state]` of the visits of one day, read from the compound index only
   * (no row values are loaded).
   */
  async dayStateKeys(day: string): Promise<(readonly [string, string])[]> {
    // States are strings: ['', '\uffff'] spans them all within the day.
    const keys: IndexableType[] = await this.visits
      .where('[day+state]')
      .between([day, ''], [day, '\uffff'], true, true)
      .keys();
    return keys.map((k) => {
      const [d, s] = k as [string, string];
      return [d, s] as const;
    });
  }
}

/**
 * Opens (creating or upgrading as needed) the Comptoir database.
 *
 * @param options name and IndexedDB factory (tests pass a fresh fake-indexeddb per test)
 * @returns the open database
 * @throws StorageError `unavailable` (no IndexedDB, private mode), `version` (written by a
 *   newer app), `blocked`, `quota`
 */
export async function openComptoirDb(options: ComptoirDbOptions = {}): Promise<ComptoirDb> {
  const { name = DEFAULT_DB_NAME, ...deps } = options;
  const db = new ComptoirDb(name, deps);
  try {
    await db.open();
  } catch (e) {
    throw toStorageError(e);
  }
  return db;
}

/**
 * Deletes the whole database (tests, "forget this device"). Open handles are closed.
 *
 * @param options same as {@link openComptoirDb}
 * @throws StorageError `unavailable` when IndexedDB is missing
 */
export async function deleteComptoirDb(options: ComptoirDbOptions = {}): Promise<void> {
  const { name = DEFAULT_DB_NAME, ...deps } = options;
  try {
    await new ComptoirDb(name, deps).delete();
  } catch (e) {
    throw toStorageError(e);
  }
}
