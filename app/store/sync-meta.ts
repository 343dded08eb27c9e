/**
 * The clear sync bookkeeping row (`meta` key `'sync'`, schema v3; layout in `rows.ts`).
 * Nothing personal: a flag, a clock, counters, a hash and the relay URL.
 */
import { isHlc } from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard } from './guard';
import { SYNC_META_KEY, type SyncMetaRow } from './rows';

export type { SyncMetaRow } from './rows';

/** What an absent row means: sync never enabled, no clock yet. */
const DEFAULT_SYNC_META: SyncMetaRow = {
  key: SYNC_META_KEY,
  enabled: false,
  hlc: null,
  deviceSeq: 0,
  lastBundleHash: '',
  cursor: 0,
};

/** Fields {@link updateSyncMeta} may change. */
export type SyncMetaPatch = Partial<Omit<SyncMetaRow, 'key'>>;

const HEX = /^(?:[0-9a-f]{2})*$/;

function assertSyncMeta(row: SyncMetaRow): void {
  const ok =
    typeof row.enabled === 'boolean' &&
    (row.hlc === null || isHlc(row.hlc)) &&
    Number.isSafeInteger(row.deviceSeq) &&
    row.deviceSeq >= 0 &&
    Number.isSafeInteger(row.cursor) &&
    row.cursor >= 0 &&
    HEX.test(row.lastBundleHash) &&
    (row.relayUrl === undefined || typeof row.relayUrl === 'string');
  if (!ok) throw new StorageError('corrupt', 'malformed sync meta');
}

/** Reads the row inside the caller's transaction (defaults when absent). Internal. */
export async function loadSyncMeta(db: ComptoirDb): Promise<SyncMetaRow> {
  const row = await db.meta.get(SYNC_META_KEY);
  return row?.key === SYNC_META_KEY ? row : DEFAULT_SYNC_META;
}

/** Writes a patched row inside the caller's transaction. Internal. */
export async function storeSyncMeta(db: ComptoirDb, patch: SyncMetaPatch): Promise<SyncMetaRow> {
  const next: SyncMetaRow = { ...(await loadSyncMeta(db)), ...patch, key: SYNC_META_KEY };
  assertSyncMeta(next);
  await db.meta.put(next);
  return next;
}

/**
 * The sync bookkeeping of this device; defaults (`enabled: false`, `hlc: null`, zeros,
 * `lastBundleHash: ''`) when sync was never used. Needs no keyring.
 * @throws StorageError
 */
export async function readSyncMeta(db: ComptoirDb): Promise<SyncMetaRow> {
  return guard(db, () => loadSyncMeta(db));
}

/**
 * Changes some fields of the sync bookkeeping (e.g. `cursor` after applying pulled bundles,
 * `deviceSeq`/`lastBundleHash` after a push), atomically.
 *
 * @throws StorageError `corrupt` when the result is malformed (negative counter, non-hex
 *   hash, bad clock), `quota`…
 */
export async function updateSyncMeta(db: ComptoirDb, patch: SyncMetaPatch): Promise<SyncMetaRow> {
  return guard(db, () => db.transaction('rw', db.meta, () => storeSyncMeta(db, patch)));
}
