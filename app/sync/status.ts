/**
 * What the sync engine tells the UI: DATA only (dexie-cloud style); a separate UI renders
 * it. Texts in `error` and in warnings are French and say what to do.
 */
import type { IntegrityWarning } from './warnings';

/** The sync status, emitted through the engine's `onChange` on every change. */
export interface SyncStatus {
  /** False while the relay is unreachable (or the platform reports offline). */
  readonly online: boolean;
  /** Outbox entries (local changes) not yet acknowledged by the relay. */
  readonly pending: number;
  /** Unix ms of the last complete sync cycle. */
  readonly lastSyncAt?: number;
  /** Set during a pull: bundles handled, and the total when known (large catch-ups). */
  readonly pulling?: { readonly done: number; readonly total?: number };
  /** Integrity warnings to show until dismissed (newest last). */
  readonly warnings: readonly IntegrityWarning[];
  /** French message of the last failure, cleared by the next successful cycle. */
  readonly error?: string;
  /** Machine code of `error`, for the UI to pick an action (e.g. 'auth' → re-pair). */
  readonly errorCode?: string;
}

/** The status before anything happened. */
export const INITIAL_SYNC_STATUS: SyncStatus = { online: true, pending: 0, warnings: [] };
