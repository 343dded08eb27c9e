/**
 * Cuts ops into bundle-sized batches: at most {@link MAX_OPS_PER_BUNDLE} ops and about
 * {@link MAX_BUNDLE_JSON_BYTES} of ops JSON each. The bundle carries them merged per visit
 * (`encodeChanges`), never longer than the ops JSON, then deflated (at worst +5 bytes per
 * 16 KiB stored block), padded (+255) and enveloped (+45): within the relay's 1 MiB body
 * even before compression; `encodeBundle` refuses anything bigger.
 */

/** Most ops in one bundle. */
export const MAX_OPS_PER_BUNDLE = 30_000;
/** Target JSON size of one bundle's ops, in bytes (768 KiB). */
export const MAX_BUNDLE_JSON_BYTES = 768 * 1024;

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
