/**
 * The push step of a sync cycle: first any bundle left pending by a crash, then a periodic
 * snapshot (so devices that pair after the retention period can still catch up), then the
 * outbox, oldest first, in bundle-sized batches.
 */
import { countOutbox, readOutbox, readSyncState, snapshotOps } from '../store';
import type { Op } from '../domain';
import { MAX_BUNDLE_JSON_BYTES, MAX_OPS_PER_BUNDLE, cutBatches, opJsonBytes } from './batch-ops';
import { flushPendingBundle, pushBundle, type PushContext } from './push-bundle';

/** Default interval between two snapshots of this device (7 days, well inside the 30-day retention). */
export const SNAPSHOT_INTERVAL_MS = 7 * 24 * 3600 * 1000;

/** Options of {@link pushStep}. */
export interface PushStepOptions {
  /** Interval between snapshots, ms (default {@link SNAPSHOT_INTERVAL_MS}). */
  readonly snapshotIntervalMs?: number;
}

async function pushSnapshotIfDue(ctx: PushContext, intervalMs: number): Promise<number> {
  const last = await readSyncState(ctx.db, 'push');
  // No row yet: the first bundle (seq 1, enableSync's snapshot entry) anchors the chain.
  if (!last || ctx.now() - last.lastSnapshotAt < intervalMs) return 0;
  const batches = cutBatches(await snapshotOps(ctx.db, ctx.keyring));
  if (batches.length === 0) batches.push([]);
  for (const [i, batch] of batches.entries()) await pushBundle(ctx, batch, 0, i === 0);
  return batches.length;
}

/** The next outbox entries that fit one bundle, or the parts of one oversized entry. */
async function nextBatches(
  ctx: PushContext,
): Promise<{ parts: Op[][]; throughSeq: number } | null> {
  const entries = await readOutbox(ctx.db, ctx.keyring, MAX_OPS_PER_BUNDLE);
  const first = entries[0];
  if (!first) return null;
  const ops: Op[] = [];
  let bytes = 2;
  let throughSeq = 0;
  for (const entry of entries) {
    const size = entry.ops.reduce((n, op) => n + opJsonBytes(op), 0);
    const fits =
      ops.length + entry.ops.length <= MAX_OPS_PER_BUNDLE && bytes + size <= MAX_BUNDLE_JSON_BYTES;
    if (!fits) break;
    ops.push(...entry.ops);
    bytes += size;
    throughSeq = entry.seq;
  }
  // An entry too big for one bundle goes in several; only the last part deletes it.
  if (throughSeq === 0) return { parts: cutBatches(first.ops), throughSeq: first.seq };
  return { parts: [ops], throughSeq };
}

/**
 * Pushes everything this device has to send.
 * @returns the number of bundles pushed
 * @throws SyncError from the relay; StorageError; KeyringWipedError. What was acknowledged
 *   before the failure stays recorded; the rest is retried by the next cycle.
 */
export async function pushStep(ctx: PushContext, options: PushStepOptions = {}): Promise<number> {
  let pushed = (await flushPendingBundle(ctx)) ? 1 : 0;
  pushed += await pushSnapshotIfDue(ctx, options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS);
  for (;;) {
    const next = await nextBatches(ctx);
    if (!next) return pushed;
    for (const [i, part] of next.parts.entries()) {
      const last = i === next.parts.length - 1;
      await pushBundle(ctx, part, last ? next.throughSeq : 0, false);
      pushed += 1;
    }
    if ((await countOutbox(ctx.db)) === 0) return pushed;
  }
}
