/**
 * Cuts ops into bundle-sized batches: at most {@link MAX_OPS_PER_BUNDLE} ops and about
 * {@link MAX_BUNDLE_JSON_BYTES} of ops JSON each. The bundle carries them merged per visit
 * (`encodeChanges`), never longer than the ops JSON, so its inflated payload stays far
 * within what receivers inflate (`MAX_INFLATED_BYTES`, 64 MiB). Ops JSON deflates well
 * (keys, clocks and ids repeat), so a batch usually fits the relay's 1 MiB body once
 * compressed; when it does not, `pushBundle` cuts it again by its actual payload size.
 * (Batches used to be cut so they fit even uncompressed, 768 KiB: 45 bundles, each a
 * round trip and a few transactions, for 10,000 new visits.)
 */

/** Most ops in one bundle. */
export const MAX_OPS_PER_BUNDLE = 100_000;
/** Target JSON size of one bundle's ops, in bytes (8 MiB). */
export const MAX_BUNDLE_JSON_BYTES = 8 * 1_048_576;

const encoder = new TextEncoder();

/** JSON size of one op in an array (its text plus a comma). */
export function opJsonBytes(op: unknown): number {
  return encoder.encode(JSON.stringify(op)).length + 1;
}

/**
 * Splits `ops` into consecutive batches within both bounds (an op bigger than the byte
 * bound gets a batch of its own). Order is kept; an empty input gives no batch.
 */
export function cutBatches<T>(ops: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 2;
  for (const op of ops) {
    const size = opJsonBytes(op);
    const full = current.length >= MAX_OPS_PER_BUNDLE || bytes + size > MAX_BUNDLE_JSON_BYTES;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      bytes = 2;
    }
    current.push(op);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
