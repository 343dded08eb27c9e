/**
 * The sync engine: schedules sync cycles (on start, on demand, on each relay event, when the
 * platform comes back online, and periodically), retries with jittered exponential backoff,
 * and emits a {@link SyncStatus} — data the UI renders. No DOM: timers, clock, randomness,
 * online/offline hooks and the relay client are injected.
 */
import { KeyringWipedError, type Keyring } from '../crypto';
import { countOutbox, type ComptoirDb } from '../store';
import { backoffDelay } from './backoff';
import { SyncError } from './errors';
import type { RelayClient } from './relay-client';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './status';
import { runSyncCycle, type SyncCycleResult } from './sync-cycle';
import type { IntegrityWarning } from './warnings';

/** Periodic cycle when nothing else triggers one (5 min): a safety net under the events. */
export const POLL_INTERVAL_MS = 300_000;
/** Most warnings kept in the status. */
export const MAX_WARNINGS = 50;

/** Platform online/offline notifications (e.g. `window` 'online'/'offline' events). */
export interface OnlineEvents {
  /** Calls `listener(true|false)` on each change; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/** Dependencies of {@link SyncEngine}. */
export interface SyncEngineDeps {
  readonly db: ComptoirDb;
  /** The unlocked keyring; throws KeyringWipedError while locked (the cycle then waits). */
  readonly keyring: () => Keyring;
  readonly relay: RelayClient;
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  /** Uniform in [0, 1): backoff jitter. */
  readonly random: () => number;
  readonly onlineEvents?: OnlineEvents;
  /** Receives every new status. */
  readonly onChange: (status: SyncStatus) => void;
  /** Called with the ids of visits changed by pulled bundles (to refresh lists). */
  readonly onRemoteChange?: (visitIds: string[]) => void;
  /** Interval between this device's snapshots (default 7 days). */
  readonly snapshotIntervalMs?: number;
  /** Interval of the periodic cycle (default {@link POLL_INTERVAL_MS}). */
  readonly pollIntervalMs?: number;
}

/** Runs sync for one unlocked vault on this device. */
export class SyncEngine {
  readonly #deps: SyncEngineDeps;
  #status: SyncStatus = INITIAL_SYNC_STATUS;
  #running = false;
  #timer: unknown = null;
  #attempt = 0;
  #chain: Promise<unknown> = Promise.resolve();
  #queued: Promise<SyncStatus> | null = null;
  #events: AbortController | null = null;
  #unsubscribe: (() => void) | null = null;
  #targetSeq: number | undefined;

  /** @param deps - database, keyring getter, relay client, clock, timers, hooks */
  constructor(deps: SyncEngineDeps) {
    this.#deps = deps;
  }

  /** The last emitted status. */
  get status(): SyncStatus {
    return this.#status;
  }

  /** Starts: a cycle now, the relay event stream, online/offline hooks. Idempotent. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe =
      this.#deps.onlineEvents?.subscribe((online) => this.#onOnline(online)) ?? null;
    void this.syncNow();
    this.#listen();
  }

  /** Stops timers, the event stream and hooks. A cycle in flight finishes. Idempotent. */
  stop(): void {
    this.#running = false;
    this.#events?.abort();
    this.#events = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#clearTimer();
  }

  /**
   * Runs a cycle as soon as the current one ends (calls made meanwhile share it).
   * Never throws: failures land in the status (`error`, `online`) and schedule a retry.
   * @returns the status after the cycle
   */
  syncNow(): Promise<SyncStatus> {
    if (this.#queued) return this.#queued;
    const run = this.#chain.then(() => {
      this.#queued = null;
      return this.#cycle();
    });
    this.#queued = run;
    this.#chain = run;
    return run;
  }

  /** Removes the shown warnings (the staff acknowledged them). */
  dismissWarnings(): void {
    this.#emit({ warnings: [] });
  }

  #emit(patch: Partial<SyncStatus>): void {
    // `undefined` in the patch removes the field (e.g. `error` after a success).
    const merged = Object.entries({ ...this.#status, ...patch }).filter(([, v]) => v !== undefined);
    this.#status = Object.fromEntries(merged) as unknown as SyncStatus;
    this.#deps.onChange(this.#status);
  }

  async #cycle(): Promise<SyncStatus> {
    this.#clearTimer();
    let keyring: Keyring;
    try {
      keyring = this.#deps.keyring();
      if (keyring.isWiped) throw new KeyringWipedError();
    } catch {
      // Locked: nothing to do until the next unlock calls syncNow().
      return this.#status;
    }
    try {
      const result = await runSyncCycle({
        db: this.#deps.db,
        keyring,
        relay: this.#deps.relay,
        now: this.#deps.now,
        snapshotIntervalMs: this.#deps.snapshotIntervalMs,
        targetSeq: this.#targetSeq,
        onProgress: (done, total) => this.#emit({ pulling: { done, total } }),
      });
      this.#succeeded(result, await countOutbox(this.#deps.db));
    } catch (error) {
      await this.#failed(error);
    }
    return this.#status;
  }

  #succeeded(result: SyncCycleResult, pending: number): void {
    this.#attempt = 0;
    this.#emit({
      online: true,
      pending,
      pulling: undefined,
      error: undefined,
      errorCode: undefined,
      ...(result.ran ? { lastSyncAt: this.#deps.now() } : {}),
      warnings: mergeWarnings(this.#status.warnings, result.warnings),
    });
    if (result.changedVisitIds.length > 0) this.#deps.onRemoteChange?.(result.changedVisitIds);
    this.#schedule(this.#deps.pollIntervalMs ?? POLL_INTERVAL_MS);
  }

  async #failed(error: unknown): Promise<void> {
    const pending = await countOutbox(this.#deps.db).catch(() => this.#status.pending);
    if (error instanceof KeyringWipedError) {
      this.#emit({ pulling: undefined, pending });
      return;
    }
    const sync = error instanceof SyncError ? error : null;
    this.#emit({
      online: sync?.code !== 'network',
      pending,
      pulling: undefined,
      error: sync?.message ?? 'La synchronisation a échoué. Nouvel essai automatique.',
      errorCode: sync?.code ?? 'internal',
    });
    this.#schedule(backoffDelay(this.#attempt, this.#deps.random, sync?.retryAfterMs ?? 0));
    this.#attempt += 1;
  }

  #schedule(ms: number): void {
    this.#clearTimer();
    if (!this.#running) return;
    this.#timer = this.#deps.setTimer(() => {
      this.#timer = null;
      void this.syncNow();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#deps.clearTimer(this.#timer);
    this.#timer = null;
  }

  #onOnline(online: boolean): void {
    if (!online) {
      this.#emit({ online: false });
      return;
    }
    this.#attempt = 0;
    void this.syncNow();
  }

  /** Consumes the relay's event stream; reconnects with backoff while running. */
  #listen(): void {
    const controller = new AbortController();
    this.#events = controller;
    void (async () => {
      let attempt = 0;
      while (this.#running && !controller.signal.aborted) {
        try {
          for await (const event of this.#deps.relay.events(controller.signal)) {
            attempt = 0;
            this.#targetSeq = Math.max(this.#targetSeq ?? 0, event.seq);
            void this.syncNow();
          }
        } catch {
          // Failures of the stream itself are not shown: cycles report reachability.
        }
        if (!this.#running || controller.signal.aborted) return;
        await new Promise<void>((resolve) => {
          this.#deps.setTimer(resolve, backoffDelay(attempt, this.#deps.random));
        });
        attempt += 1;
        void this.syncNow();
      }
    })();
  }
}

function mergeWarnings(
  shown: readonly IntegrityWarning[],
  fresh: readonly IntegrityWarning[],
): IntegrityWarning[] {
  const key = (w: IntegrityWarning) => `${w.kind}|${w.deviceId}|${w.detail}`;
  const seen = new Set(shown.map(key));
  const out = [...shown];
  for (const w of fresh) {
    if (seen.has(key(w))) continue;
    seen.add(key(w));
    out.push(w);
  }
  return out.slice(-MAX_WARNINGS);
}
