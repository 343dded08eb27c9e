/**
 * The retention purge on this device (issue 6): runs after each unlock (the first one is
 * "at start-up": the keys are needed to write tallies), then once a day while unlocked,
 * followed on a device without sync by the epoch rules (a new key every 30 days, the old
 * one dropped once its rows are sealed again: crypto-shredding; with sync, the sync cycle
 * applies them);
 * publishes its progress and the "not transmitted for too long" warning, and saves the
 * pharmacy's policy (a synced record). Stopped on lock: a run in progress stops at its
 * next chunk (each chunk is one transaction, so nothing is left half done).
 */
import type { Keyring } from '../../crypto';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../domain';
import {
  findUnsentTooLong,
  maintainLocalEpochs,
  purgeExpiredVisits,
  readKeyStatus,
  readRetentionPolicy,
  saveRetentionPolicy,
  type ComptoirDb,
  type KeyStatus,
  type UnsentWarning,
} from '../../store';
import { describeError } from '../errors';
import { Observable } from './store-signal';

/** Time between two purge runs while the session stays unlocked. */
export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What the screens show of the purge. */
export interface RetentionView {
  readonly policy: RetentionPolicy;
  /** Share of the current run done (0–1), `null` when idle. */
  readonly progress: number | null;
  /** The last completed run: when, and how many visits it purged. */
  readonly lastRun: { readonly at: number; readonly purged: number } | null;
  readonly warning: UnsentWarning;
  /** French description of the last failure, `null` after a clean run. */
  readonly error: string | null;
  /** The vault key's current epoch and the epochs dropped, after a run. */
  readonly keys: KeyStatus | null;
}

interface RetentionDeps {
  db: () => ComptoirDb;
  keyring: () => Keyring;
  /** After a purge that removed visits: lists re-read and the tombstones leave. */
  changed: () => void;
  /** Told the ids of the visits each run purged (the audit log records them). */
  purged?: (ids: string[]) => void;
  now?: () => Date;
}

const IDLE: RetentionView = {
  policy: DEFAULT_RETENTION,
  progress: null,
  lastRun: null,
  warning: { count: 0, oldestDay: null },
  error: null,
  keys: null,
};

export class RetentionController {
  readonly view = new Observable<RetentionView>(IDLE);
  readonly #deps: RetentionDeps;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by stop(): a run started before no longer publishes nor schedules. */
  #generation = 0;
  #running: Promise<void> | null = null;

  constructor(deps: RetentionDeps) {
    this.#deps = deps;
  }

  #now(): Date {
    return this.#deps.now?.() ?? new Date();
  }

  #patch(patch: Partial<RetentionView>): void {
    this.view.set({ ...this.view.value, ...patch });
  }

  /** Runs the purge now, then every {@link PURGE_INTERVAL_MS} until {@link stop}. */
  async start(): Promise<void> {
    this.stop();
    await this.#running; // a run of the previous session ends at its next chunk
    await this.runNow();
  }

  /** Stops the daily runs (on lock and patient mode). */
  stop(): void {
    this.#generation++;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** One run (a second call while one runs waits for it). Failures land in `view.error`. */
  runNow(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #run(): Promise<void> {
    const generation = this.#generation;
    const live = (): boolean => generation === this.#generation;
    try {
      const db = this.#deps.db();
      const keyring = this.#deps.keyring();
      const policy = await readRetentionPolicy(db, keyring);
      this.#patch({ policy, progress: 0 });
      const outcome = await purgeExpiredVisits(db, keyring, policy, {
        now: this.#now(),
        onProgress: (done, total) => live() && this.#patch({ progress: done / total }),
        pause: async () => {
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (!live()) throw new PurgeStopped();
        },
      });
      if (outcome.purged.length > 0) {
        this.#deps.purged?.(outcome.purged);
        this.#deps.changed();
      }
      const warning = await findUnsentTooLong(db, policy, this.#now());
      if (!live()) return;
      await maintainLocalEpochs(db, keyring, this.#now().getTime());
      const keys = await readKeyStatus(db, keyring);
      if (!live()) return;
      const lastRun = { at: this.#now().getTime(), purged: outcome.purged.length };
      this.#patch({ progress: null, lastRun, warning, error: null, keys });
    } catch (error) {
      if (!live() || error instanceof PurgeStopped) return;
      this.#patch({ progress: null, error: describeError(error) });
    } finally {
      if (live()) {
        if (this.#timer !== null) clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.runNow(), PURGE_INTERVAL_MS);
      }
    }
  }

  /** Saves the pharmacy's policy (validated by the form) and applies it at once. */
  async savePolicy(policy: RetentionPolicy): Promise<void> {
    await saveRetentionPolicy(this.#deps.db(), this.#deps.keyring(), policy);
    this.#patch({ policy });
    this.#deps.changed();
    await this.runNow();
  }
}

/** Thrown between chunks after {@link RetentionController.stop}: the run ends there. */
class PurgeStopped extends Error {
  override readonly name = 'PurgeStopped';
}
