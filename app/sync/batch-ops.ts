/**
 * Cuts ops into bundle-sized batches: at most {@link MAX_OPS_PER_BUNDLE} ops and about
 * {@link MAX_BUNDLE_JSON_BYTES} of JSON each, far below the relay's 1 MiB body limit even
 * before compression (Envelope v1 pads to 256 bytes only).
 */

/** Most ops in one bundle. */
export const MAX_OPS_PER_BUNDLE = 5000;
/** Target JSON size of one bundle's ops, in bytes (256 KiB). */
export const MAX_BUNDLE_JSON_BYTES = 256 * 1024;

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
