/**
 * An {@link EventHub} shared by several relay instances: each announcement travels over a
 * bus that every instance listens to (PostgreSQL LISTEN/NOTIFY: `postgres-event-hub.ts`),
 * and is also delivered to this instance's own listeners at once, without waiting for the
 * round trip. Nothing here knows the bus's technology.
 *
 * Delivery is monotone per vault: listeners hear a seq only when it is greater than the
 * last one delivered for that vault on this instance. That drops the bus's echo of this
 * instance's own announcements and any late or reordered copy, and loses nothing: an event
 * only tells a device to pull, and a pull fetches every bundle after the device's cursor
 * (protocol v1, `GET /v1/vaults/:vault/bundles`).
 *
 * While the bus is down, announcements of other instances are lost. When it listens again
 * the hub "resyncs": it reads the last seq of each vault that has listeners here and
 * delivers it when it is newer than what they heard, so exactly the devices that missed a
 * push pull.
 */
import type { BundleStore } from '../store/bundle-store';
import type { BundleListener, EventHub } from './event-hub';

/** Attempts at reading a vault's last seq for a resync (the database just came back). */
export const RESYNC_ATTEMPTS = 3;

/** Pause between two resync attempts of one vault (ms). */
export const RESYNC_RETRY_MS = 1_000;

/** The transport between relay instances, as the hub uses it. */
export interface EventBus {
  /** Tells every instance (this one included) about `seq`; never throws, never waits. */
  announce(vaultId: string, seq: number): void;
  /** Stops listening and sending; idempotent. */
  close(): Promise<void>;
}

interface VaultListeners {
  readonly listeners: Set<BundleListener>;
  /** The greatest seq delivered to this vault's listeners (0: none yet). */
  lastSeq: number;
}

/** Hub of one relay instance among several, over an {@link EventBus}. */
export class SharedEventHub implements EventHub {
  readonly #vaults = new Map<string, VaultListeners>();
  readonly #bus: EventBus;
  readonly #store: Pick<BundleStore, 'lastSeq'>;
  readonly #log: (line: string) => void;
  #closed = false;

  /**
   * @param bus where announcements go; the bus hands what it hears to {@link receive} and
   *   calls {@link resync} when it listens again after an outage.
   * @param store where a resync reads each vault's last seq.
   * @param log operator log (vault ids never, error classes only).
   */
  constructor(bus: EventBus, store: Pick<BundleStore, 'lastSeq'>, log: (line: string) => void) {
    this.#bus = bus;
    this.#store = store;
    this.#log = log;
  }

  /** Delivers `seq` to this instance's listeners now, then announces it to the others. */
  publish(vaultId: string, seq: number): void {
    this.#deliver(vaultId, seq);
    if (!this.#closed) this.#bus.announce(vaultId, seq);
  }

  subscribe(vaultId: string, listener: BundleListener): () => void {
    const vault = this.#vaults.get(vaultId) ?? { listeners: new Set(), lastSeq: 0 };
    vault.listeners.add(listener);
    this.#vaults.set(vaultId, vault);
    return () => {
      vault.listeners.delete(listener);
      if (vault.listeners.size === 0 && this.#vaults.get(vaultId) === vault) {
        this.#vaults.delete(vaultId);
      }
    };
  }

  /** An announcement heard on the bus (from any instance, this one's echo included). */
  receive(vaultId: string, seq: number): void {
    this.#deliver(vaultId, seq);
  }

  /**
   * After the bus missed announcements: delivers each listened vault's last seq when it is
   * newer than what its listeners heard. A failed read is retried {@link RESYNC_ATTEMPTS}
   * times; resolves when every vault is done (never rejects).
   */
  async resync(): Promise<void> {
    await Promise.all([...this.#vaults.keys()].map((vaultId) => this.#resyncVault(vaultId)));
  }

  /** Open subscriptions of a vault on this instance (for tests and metrics). */
  listenerCount(vaultId: string): number {
    return this.#vaults.get(vaultId)?.listeners.size ?? 0;
  }

  /** Closes the bus; listeners stay, and hear this instance's own publishes only. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#bus.close();
  }

  async #resyncVault(vaultId: string): Promise<void> {
    for (let attempt = 1; !this.#closed && this.#vaults.has(vaultId); attempt++) {
      try {
        this.#deliver(vaultId, await this.#store.lastSeq(vaultId));
        return;
      } catch (error) {
        if (attempt >= RESYNC_ATTEMPTS) {
          this.#log(`relay events: resync of a vault failed (${errorName(error)})`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_MS));
      }
    }
  }

  #deliver(vaultId: string, seq: number): void {
    const vault = this.#vaults.get(vaultId);
    if (vault === undefined || seq <= vault.lastSeq) return;
    vault.lastSeq = seq;
    // A copy: a listener may unsubscribe while we iterate.
    for (const listener of [...vault.listeners]) {
      try {
        listener(seq);
      } catch (error) {
        // One broken stream must not keep the others (or the bus's reader) from going on.
        this.#log(`relay events: a listener failed (${errorName(error)})`);
      }
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
