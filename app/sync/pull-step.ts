/**
 * The pull step of a sync cycle: from the stored cursor, pages of bundles are verified
 * against the locally verified device log, decrypted (`open-page.ts`), checked against each
 * author's chain and merged. The cursor advances only after a page was applied, so a crash
 * re-applies (harmless: the merge is idempotent) rather than skips.
 */
import type { Keyring } from '../crypto';
import { joinChanges, type Changes } from '../domain';
import {
  applyRemoteChanges,
  readSyncMeta,
  readSyncState,
  updateSyncMeta,
  writeSyncState,
  type ComptoirDb,
} from '../store';
import { encodeHex } from '../../sync-server/protocol';
import { trackBundle, unanchoredAuthors, type ChainHeads } from './chain';
import type { VerifiedDeviceLog } from './device-log';
import { openPage } from './open-page';
import type { RelayClient } from './relay-client';
import { integrityWarning, type IntegrityWarning } from './warnings';

/** Bundles per pull request (the relay's default page). */
export const PULL_PAGE_SIZE = 500;

/** What a pull needs. */
export interface PullContext {
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
  readonly relay: RelayClient;
  readonly now: () => number;
  /** The verified device log; `refresh` re-reads it once when an unknown author appears. */
  readonly deviceLog: () => VerifiedDeviceLog;
  readonly refreshDeviceLog: () => Promise<void>;
  /** Reports progress: bundles handled so far, and the target when known. */
  readonly onProgress?: (done: number, total?: number) => void;
  /** Latest server seq announced by the event stream, if any (for the progress total). */
  readonly targetSeq?: number;
}

/** Result of {@link pullStep}. */
export interface PullResult {
  readonly bundles: number;
  readonly changedVisitIds: string[];
  readonly warnings: IntegrityWarning[];
}

async function loadHeads(db: ComptoirDb): Promise<ChainHeads> {
  const row = await readSyncState(db, 'chains');
  return new Map(Object.entries(row?.heads ?? {}));
}

/**
 * Pulls and applies everything after the cursor.
 * @returns bundles handled, visits changed and integrity warnings (data for the UI)
 * @throws SyncError from the relay, or NewerBundleError (the cursor stays before its page,
 *   read again once this app is updated); StorageError; KeyringWipedError
 */
export async function pullStep(ctx: PullContext): Promise<PullResult> {
  const heads = await loadHeads(ctx.db);
  const warnings: IntegrityWarning[] = [];
  const changed = new Set<string>();
  const refreshed = { done: false };
  const nameOf = (id: string) => ctx.deviceLog().members.get(id)?.name ?? '';
  const warn = (kind: IntegrityWarning['kind'], deviceId: string, extra = '') =>
    warnings.push(integrityWarning(kind, deviceId, ctx.now(), nameOf(deviceId), extra));
  let cursor = (await readSyncMeta(ctx.db)).cursor;
  const start = cursor;
  let done = 0;
  for (;;) {
    const page = await ctx.relay.pullBundles(cursor, PULL_PAGE_SIZE);
    const parts: Changes[] = [];
    for (const outcome of await openPage(ctx, page.bundles, refreshed)) {
      if ('own' in outcome) continue;
      if ('unknownEpoch' in outcome) {
        // Sealed under an epoch dropped before this device got the keys: its content
        // reaches this device through the author's later snapshot, as for a bundle past the
        // relay's retention. Only at the start of an author's chain here; after, it warns.
        if (heads.has(outcome.unknownEpoch)) warn('bad-signature', outcome.unknownEpoch);
        continue;
      }
      if ('refused' in outcome) {
        const e = outcome.refused;
        warn(e.reason === 'unknown-device' ? 'unknown-device' : 'bad-signature', e.deviceId ?? '');
        continue;
      }
      const { opened } = outcome;
      const { header } = opened;
      const verdict = trackBundle(heads, {
        deviceId: header.deviceId,
        deviceSeq: header.deviceSeq,
        prevHash: encodeHex(header.prevHash),
        hash: opened.hash,
        snapshot: header.snapshot,
      });
      if (verdict.anomaly) warn(verdict.anomaly.kind, header.deviceId, verdict.anomaly.extra);
      if (verdict.apply) parts.push(opened.changes);
    }
    if (parts.length > 0) {
      // The page's bundles joined, then applied in one transaction.
      const result = await applyRemoteChanges(ctx.db, ctx.keyring, joinChanges(parts));
      for (const id of result.changedVisitIds) changed.add(id);
    }
    if (!page.more) {
      for (const id of unanchoredAuthors(heads)) warn('missing', id, 'modifications antérieures');
    }
    await writeSyncState(ctx.db, { key: 'chains', heads: Object.fromEntries(heads) });
    if (page.next !== cursor) await updateSyncMeta(ctx.db, { cursor: page.next });
    done += page.bundles.length;
    cursor = page.next;
    const total =
      ctx.targetSeq !== undefined && ctx.targetSeq > start ? ctx.targetSeq - start : undefined;
    ctx.onProgress?.(done, total);
    if (!page.more || page.bundles.length === 0) break;
  }
  return { bundles: done, changedVisitIds: [...changed], warnings };
}
