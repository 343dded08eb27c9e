/**
 * One page of a pull, read from the store in small slices so a 1000-bundle request never
 * holds more than about PULL_BUDGET_BYTES of bundles in memory (bundles are up to 1 MiB).
 */
import type { BundleStore, StoredBundle } from '../store/bundle-store';

/** Bundle bytes per response; at least one bundle is always returned. */
export const PULL_BUDGET_BYTES = 8 * 1_048_576;
/** Bundles asked from the store at a time. */
const SLICE = 64;

/** Bundles after `after`, at most `limit` and about PULL_BUDGET_BYTES; `more` if any remain. */
export async function collectPage(
  store: BundleStore,
  vaultId: string,
  after: number,
  limit: number,
): Promise<{ bundles: StoredBundle[]; more: boolean }> {
  const bundles: StoredBundle[] = [];
  let bytes = 0;
  let cursor = after;
  for (;;) {
    // One more than still needed: peeking past the page tells whether more remain.
    const want = Math.min(SLICE, limit - bundles.length) + 1;
    const slice = await store.listBundles(vaultId, cursor, want);
    for (const bundle of slice) {
      const full =
        bundles.length === limit ||
        (bundles.length > 0 && bytes + bundle.bytes.length > PULL_BUDGET_BYTES);
      if (full) return { bundles, more: true };
      bundles.push(bundle);
      bytes += bundle.bytes.length;
      cursor = bundle.seq;
    }
    if (slice.length < want) return { bundles, more: false };
  }
}
