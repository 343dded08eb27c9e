/**
 * The push step of a sync cycle: first any bundle left pending by a crash, then a periodic
 * snapshot (so devices that pair after the retention period can still catch up), then the
 * outbox, oldest first, in bundle-sized batches.
 */
import { readOutbox, readSyncState, snapshotOps } from '../store';
import type { Op } from '../domain';
import { MAX_BUNDLE_JSON_BYTES, MAX_OPS_PER_BUNDLE, cutBatches, opJsonBytes } from './batch-ops';
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
  const batches = cutBatches(await snapshotOps(ctx.db, ctx.keyring));
  if (batches.length === 0) batches.push([]);
  let pushed = 0;
  for (const [i, batch] of batches.entries()) pushed += await pushBundle(ctx, batch, 0, i === 0);
  return pushed;
}

/**
 * Outbox entries read (and decrypted) at once; cut into as many bundles as they fill. Two
 * windows are in memory while the next is read ahead: 500 new visits are ~1.5 MiB of ops
 * (larger windows kept more objects alive across collections and pushed no faster).
 */
export const OUTBOX_WINDOW_ENTRIES = 500;

/** One bundle to push: its ops, and the last outbox seq it completes (0: not the last part). */
interface PlannedBundle {
  readonly ops: Op[];
  readonly throughSeq: number;
}

/**
 * Cuts a window of outbox entries into bundles, in order: consecutive entries share a
 * bundle while it stays within both bounds (bytes: the entry's JSON size when given); an entry too big for one bundle goes in
 * several parts, only the last of which completes it (deletes it from the outbox).
 */
export function planBundles(
  entries: readonly { seq: number; ops: Op[]; bytes?: number }[],
): PlannedBundle[] {
  const plan: PlannedBundle[] = [];
  let ops: Op[] = [];
  let bytes = 2;
  let throughSeq = 0;
  const flush = (): void => {
    // An entry without ops (e.g. the snapshot of an empty vault) still travels: it anchors
    // the device chain, and the outbox must be emptied of it.
    if (ops.length > 0 || throughSeq > 0) plan.push({ ops, throughSeq });
    ops = [];
    bytes = 2;
    throughSeq = 0;
  };
  for (const entry of entries) {
    // The outbox gives each entry's JSON size; otherwise each op is measured.
    const size = entry.bytes ?? entry.ops.reduce((n, op) => n + opJsonBytes(op), 0);
    const fits =
      ops.length + entry.ops.length <= MAX_OPS_PER_BUNDLE && bytes + size <= MAX_BUNDLE_JSON_BYTES;
    if (!fits) flush();
    if (entry.ops.length > MAX_OPS_PER_BUNDLE || size + 2 > MAX_BUNDLE_JSON_BYTES) {
      const parts = cutBatches(entry.ops);
      parts.forEach((part, i) =>
        plan.push({ ops: part, throughSeq: i === parts.length - 1 ? entry.seq : 0 }),
      );
      continue;
    }
    ops.push(...entry.ops);
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
  const read = (after: number) => readOutbox(ctx.db, ctx.keyring, windowEntries, after);
  let next = read(0);
  for (;;) {
    const entries = await next;
    const last = entries.at(-1);
    if (last === undefined) return pushed;
    next = read(last.seq);
    // Not awaited if a push below fails: its own failure (if any) is not the one to report.
    next.catch(() => undefined);
    for (const bundle of planBundles(entries)) {
      pushed += await pushBundle(ctx, bundle.ops, bundle.throughSeq, false);
    }
  }
}
