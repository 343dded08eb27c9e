/**
 * Publish/subscribe of new bundle sequence numbers, per vault, feeding the server-sent
 * event streams. {@link MemoryEventHub} serves one relay process; several relay instances
 * on one database share announcements through `PostgresEventHub` (LISTEN/NOTIFY,
 * `postgres-event-hub.ts`) behind the same interface.
 */

/** Receives the server seq of each new bundle. */
export type BundleListener = (seq: number) => void;

/** Where `putBundle` success is announced. */
export interface EventHub {
  publish(vaultId: string, seq: number): void;
  /** Returns the unsubscribe function. */
  subscribe(vaultId: string, listener: BundleListener): () => void;
  /** Releases what the hub holds outside the process (connections); idempotent. */
  close(): Promise<void>;
}

/** The single-process hub. */
export class MemoryEventHub implements EventHub {
  private readonly listeners = new Map<string, Set<BundleListener>>();

  publish(vaultId: string, seq: number): void {
    for (const listener of this.listeners.get(vaultId) ?? []) listener(seq);
  }

  subscribe(vaultId: string, listener: BundleListener): () => void {
    const set = this.listeners.get(vaultId) ?? new Set();
    set.add(listener);
    this.listeners.set(vaultId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(vaultId) === set) this.listeners.delete(vaultId);
    };
  }

  /** Open subscriptions of a vault (for tests and metrics). */
  listenerCount(vaultId: string): number {
    return this.listeners.get(vaultId)?.size ?? 0;
  }

  /** Nothing to release: the hub lives in the process. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
