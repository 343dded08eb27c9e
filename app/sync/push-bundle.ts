/**
 * Pushes ONE bundle of this device, crash-safely: the signed bytes are persisted before the
 * push, so a retry after a crash re-sends the SAME bytes under the same deterministic id and
 * the relay answers `duplicate`. Only after the relay acknowledged do `deviceSeq` and
 * `lastBundleHash` advance and the pushed outbox entries go.
 */
import { sha256, toHex, type Keyring } from '../crypto';
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
import { splitParts } from './bundle-parts';
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
 * Encodes `parts` (`bundle-parts.ts`) as this device's next bundle, persists it, pushes it
 * and records it. When the compressed payload does not fit the relay's body bound, the
 * parts are cut into groups sized by the overflow (a single part by its ops) and each
 * group is pushed the same way; only the last group completes `throughSeq` (a crash in
 * between re-sends the first ones: merging is idempotent), only the first one carries the
 * snapshot flag.
 * @param throughSeq - last outbox seq the bundle carries in full (0: none to delete)
 * @param snapshot - flag bit 0 (the first bundle of a full snapshot)
 * @returns the number of bundles pushed
 * @throws SyncError from the relay or the encoder (a single op too big for a bundle);
 *   StorageError; KeyringWipedError
 */
export async function pushBundle(
  ctx: PushContext,
  parts: readonly Uint8Array[],
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
      parts,
      snapshot,
    });
  } catch (e) {
    if (!(e instanceof BundleTooLargeError)) throw e;
    const groups = splitParts(parts, Math.ceil(e.payloadBytes / MAX_BUNDLE_PAYLOAD_BYTES) + 1);
    if (groups === null) throw e;
    let pushed = 0;
    for (const [i, group] of groups.entries()) {
      const last = i === groups.length - 1;
      pushed += await pushBundle(ctx, group, last ? throughSeq : 0, snapshot && i === 0);
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

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
