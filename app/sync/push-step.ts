/**
 * The push step of a sync cycle: first any bundle left pending by a crash, then a periodic
 * snapshot (so devices that pair after the retention period can still catch up), then the
 * outbox, oldest first, in bundle-sized batches.
 */
import { memzero } from '../crypto';
import { readOutboxParts, readSyncState, snapshotOps } from '../store';
import { MAX_BUNDLE_JSON_BYTES, cutBatches } from './batch-ops';
import { MAX_PARTS_PER_BUNDLE, opsPart, opsParts, partOps } from './bundle-parts';
import { flushPendingBundle, pushBundle, type PushContext } from './push-bundle';

/** Default interval between two snapshots of this device (7 days, well inside the 30-day retention). */
export const SNAPSHOT_INTERVAL_MS = 7 * 24 * 3600 * 1000;

/** Options of {@link pushStep}. */
export interface PushStepOptions {
  /** Interval between snapshots, ms (default {@link SNAPSHOT_INTERVAL_MS}). */
  readonly snapshotIntervalMs?: number;
  /** Outbox entries read at once (default {@link OUTBOX_WINDOW_ENTRIES}; tests go lower). */
  readonly windowEntries?: number;
}

async function pushSnapshotIfDue(ctx: PushContext, intervalMs: number): Promise<number> {
  const last = await readSyncState(ctx.db, 'push');
  // No row yet: the first bundle (seq 1, enableSync's snapshot entry) anchors the chain.
  if (!last || ctx.now() - last.lastSnapshotAt < intervalMs) return 0;
  const parts = opsParts(await snapshotOps(ctx.db, ctx.keyring));
  let pushed = 0;
  for (const [i, part] of parts.entries()) pushed += await pushBundle(ctx, [part], 0, i === 0);
  return pushed;
}

/**
 * Outbox entries read (and decrypted) at once; cut into as many bundles as they fill. Two
 * windows are in memory while the next is read ahead: 2,000 new visits are ~2.5 MiB of
 * changes (bytes, not parsed), one bundle of ~0.1–0.6 MiB once compressed (repetitive to
 * varied data), within the relay's 1 MiB body. Each bundle is a round trip and a few
 * transactions: windows of 500 pushed 10,000 visits ~25 % slower.
 */
export const OUTBOX_WINDOW_ENTRIES = 2000;

/** One bundle to push: its parts, and the last outbox seq it completes (0: not the last part). */
interface PlannedBundle {
  readonly parts: Uint8Array[];
  readonly throughSeq: number;
}

/**
 * Cuts a window of outbox entries into bundles, in order: consecutive entries share a
 * bundle while it stays within both bounds (parts, JSON bytes); an entry too big for one
 * bundle is cut by its ops into several bundles, only the last of which completes it
 * (deletes it from the outbox).
 */
export function planBundles(
  entries: readonly { seq: number; part: Uint8Array }[],
): PlannedBundle[] {
  const plan: PlannedBundle[] = [];
  let parts: Uint8Array[] = [];
  let bytes = 0;
  let throughSeq = 0;
  const flush = (): void => {
    if (parts.length > 0) plan.push({ parts, throughSeq });
    parts = [];
    bytes = 0;
    throughSeq = 0;
  };
  for (const entry of entries) {
    const size = entry.part.length + 1;
    if (size > MAX_BUNDLE_JSON_BYTES) {
      flush();
      const batches = cutBatches(partOps(entry.part));
      batches.forEach((batch, i) =>
        plan.push({
          parts: [opsPart(batch)],
          throughSeq: i === batches.length - 1 ? entry.seq : 0,
        }),
      );
      continue;
    }
    if (parts.length >= MAX_PARTS_PER_BUNDLE || bytes + size > MAX_BUNDLE_JSON_BYTES) flush();
    parts.push(entry.part);
    bytes += size;
    throughSeq = entry.seq;
  }
  flush();
  return plan;
}

/**
 * Pushes everything this device has to send. The next window of the outbox is read and
 * decrypted while the current one is compressed and pushed (the deflate and the relay work
 * elsewhere meanwhile); windows still go out in order, one bundle at a time.
 * @returns the number of bundles pushed
 * @throws SyncError from the relay; StorageError; KeyringWipedError. What was acknowledged
 *   before the failure stays recorded; the rest is retried by the next cycle.
 */
export async function pushStep(ctx: PushContext, options: PushStepOptions = {}): Promise<number> {
  let pushed = (await flushPendingBundle(ctx)) ? 1 : 0;
  pushed += await pushSnapshotIfDue(ctx, options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS);
  const windowEntries = options.windowEntries ?? OUTBOX_WINDOW_ENTRIES;
  const read = (after: number) => readOutboxParts(ctx.db, ctx.keyring, windowEntries, after);
  let next = read(0);
  for (;;) {
    const entries = await next;
    const last = entries.at(-1);
    if (last === undefined) return pushed;
    next = read(last.seq);
    // Not awaited if a push below fails: its own failure (if any) is not the one to report.
    next.catch(() => undefined);
    try {
      for (const bundle of planBundles(entries)) {
        pushed += await pushBundle(ctx, bundle.parts, bundle.throughSeq, false);
      }
    } finally {
      for (const entry of entries) memzero(entry.part);
    }
  }
}
