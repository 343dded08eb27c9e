/**
 * Asks the browser not to evict Comptoir's storage under pressure.
 *
 * Without persistence, "best-effort" storage may be cleared by the browser (Safari after
 * 7 days without interaction, Chrome under disk pressure): an offline-first app that holds
 * untransmitted results must ask. https://storage.spec.whatwg.org/#persistence
 */

/** Outcome of {@link requestPersistentStorage}. */
export type PersistenceOutcome = 'persisted' | 'denied' | 'unsupported';

/** The part of `Navigator` this module uses (injectable in tests). */
export interface StorageNavigator {
  readonly storage?: Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;
}

/**
 * Requests persistent storage, unless it is already granted.
 *
 * @param nav the navigator (default `globalThis.navigator`)
 * @returns `persisted` when storage will not be evicted, `denied` when the browser refused
 *   (or failed), `unsupported` when the Storage API is missing
 * @throws never
 */
export async function requestPersistentStorage(
  nav: StorageNavigator | undefined = globalThis.navigator,
): Promise<PersistenceOutcome> {
  const storage = nav?.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'denied';
  } catch {
    // Some browsers reject instead of answering false (e.g. in an insecure context).
    return 'denied';
  }
}

/** Storage usage and quota in bytes, as estimated by the browser. */
export interface StorageEstimate {
  readonly usageBytes: number;
  readonly quotaBytes: number;
}

/**
 * Estimates used and available storage.
 *
 * @param nav the navigator (default `globalThis.navigator`)
 * @returns the estimate, or `null` when the Storage API is missing or fails
 * @throws never
 */
export async function estimateStorage(
  nav: StorageNavigator | undefined = globalThis.navigator,
): Promise<StorageEstimate | null> {
  const estimate = nav?.storage?.estimate;
  if (!estimate) return null;
  try {
    const { usage = 0, quota = 0 } = await estimate.call(nav.storage);
    return { usageBytes: usage, quotaBytes: quota };
  } catch {
    return null;
  }
}
