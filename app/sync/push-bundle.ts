/**
 * Pushes ONE bundle of this device, crash-safely: the signed bytes are persisted before the
 * push, so a retry after a crash re-sends the SAME bytes under the same deterministic id and
 * the relay answers `duplicate`. Only after the relay acknowledged do `deviceSeq` and
 * `lastBundleHash` advance and the pushed outbox entries go.
 */
import { sha256, toHex, type Keyring } from '../crypto';
import type { Op } from '../domain';
import {
  deleteOutboxThrough,
  deleteSyncState,
  readSyncMeta,
  readSyncState,
  updateSyncMeta,
  writeSyncState,
  type ComptoirDb,
  type SyncStateRow,
} from '../store';
import { MAX_BUNDLE_PAYLOAD_BYTES } from '../../sync-server/protocol/bundle-header';
import { bundleIdFor } from './bundle-id';
import { BundleTooLargeError, encodeBundle } from './encode-bundle';
import type { RelayClient } from './relay-client';

/** A persisted bundle awaiting acknowledgement. */
export type PendingBundle = Extract<SyncStateRow, { key: 'pending-bundle' }>;

/** What a push needs. */
export interface PushContext {
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
  readonly relay: RelayClient;
  readonly now: () => number;
}

const ZERO_HASH = new Uint8Array(32);

/**
 * Sends a pending bundle (if any) and records it as pushed. Idempotent: a bundle already
 * recorded (crash after the meta update) is only cleaned up.
 * @returns whether a pending bundle existed
 * @throws SyncError from the relay; StorageError
 */
export async function flushPendingBundle(ctx: PushContext): Promise<boolean> {
  const pending = await readSyncState(ctx.db, 'pending-bundle');
  if (!pending) return false;
  const meta = await readSyncMeta(ctx.db);
  if (pending.deviceSeq > meta.deviceSeq) {
    await ctx.relay.pushBundle(pending.bytes);
    await updateSyncMeta(ctx.db, { deviceSeq: pending.deviceSeq, lastBundleHash: pending.hash });
  }
  if (pending.throughSeq > 0) await deleteOutboxThrough(ctx.db, pending.throughSeq);
  if (pending.snapshot || pending.deviceSeq === 1) {
    await writeSyncState(ctx.db, { key: 'push', lastSnapshotAt: ctx.now() });
  }
  await deleteSyncState(ctx.db, 'pending-bundle');
  return true;
}

/**
 * Encodes `ops` as this device's next bundle, persists it, pushes it and records it. When
 * the compressed payload does not fit the relay's body bound, the ops are cut into parts
 * sized by the overflow and each part is pushed the same way; only the last part completes
 * `throughSeq` (a crash in between re-sends the first parts: merging is idempotent), only
 * the first one carries the snapshot flag.
 * @param throughSeq - last outbox seq the bundle carries in full (0: none to delete)
 * @param snapshot - flag bit 0 (the first bundle of a full snapshot)
 * @returns the number of bundles pushed
 * @throws SyncError from the relay or the encoder (a single op too big for a bundle);
 *   StorageError; KeyringWipedError
 */
export async function pushBundle(
  ctx: PushContext,
  ops: readonly Op[],
  throughSeq: number,
  snapshot: boolean,
): Promise<number> {
  const meta = await readSyncMeta(ctx.db);
  const deviceSeq = meta.deviceSeq + 1;
  const bundleId = bundleIdFor(ctx.keyring.deviceId, deviceSeq);
  const prevHash = meta.lastBundleHash ? hexBytes(meta.lastBundleHash) : ZERO_HASH;
  let bytes: Uint8Array;
  try {
    bytes = await encodeBundle({
      keyring: ctx.keyring,
      bundleId,
      deviceSeq,
      prevHash,
      ops,
      snapshot,
    });
  } catch (e) {
    if (!(e instanceof BundleTooLargeError) || ops.length < 2) throw e;
    let pushed = 0;
    const parts = splitOps(ops, Math.ceil(e.payloadBytes / MAX_BUNDLE_PAYLOAD_BYTES) + 1);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      pushed += await pushBundle(ctx, part, last ? throughSeq : 0, snapshot && i === 0);
    }
    return pushed;
  }
  const hash = toHex(sha256(bytes));
  await writeSyncState(ctx.db, {
    key: 'pending-bundle',
    deviceSeq,
    bundleId,
    bytes,
    hash,
    throughSeq,
    snapshot,
  });
  await flushPendingBundle(ctx);
  return 1;
}

/** `ops` in `n` consecutive parts of (nearly) equal length, none empty (n ≤ ops.length). */
function splitOps(ops: readonly Op[], n: number): Op[][] {
  const count = Math.min(n, ops.length);
  return Array.from({ length: count }, (_, i) =>
    ops.slice(Math.floor((i * ops.length) / count), Math.floor(((i + 1) * ops.length) / count)),
  );
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
