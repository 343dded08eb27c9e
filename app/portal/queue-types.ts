/**
 * The data the submission queue needs (dependencies, injected) and emits (status) — the
 * UI renders the status; the queue never touches the DOM or `window`.
 */
import type { Keyring } from '../crypto';
import type { Pharmacy, StaffMember } from '../domain';
import type { ComptoirDb, PortalSession } from '../store';
import type { FetchLike } from './oidc-client';

/** Endpoints of the portal in use. */
export interface PortalConfig {
  readonly fhirBase: string;
  readonly issuer: string;
  readonly clientId: string;
}

/** Who is signed in on the tablet and their portal session (null: not logged in). */
export interface QueueSession {
  readonly staff: StaffMember;
  readonly portal: PortalSession | null;
}

/** Dependencies of {@link SubmissionQueue}. */
export interface QueueDeps {
  readonly db: ComptoirDb;
  /** The unlocked keyring. THROWS when locked (patient mode, idle lock): sending pauses. */
  readonly keyring: () => Keyring;
  readonly pharmacy: () => Pharmacy;
  /** The signed-in staff member, or null when nobody is. */
  readonly session: () => QueueSession | null;
  readonly config: () => PortalConfig;
  /** Refreshes a session (RFC 6749 §6) and persists it; throws PortalError. */
  readonly refresh: (session: PortalSession) => Promise<PortalSession>;
  readonly fetchImpl: FetchLike;
  /** Wall clock, epoch ms (default `Date.now`). */
  readonly now?: () => number;
  /** Uniform [0, 1) for the backoff jitter (default `Math.random`). */
  readonly random?: () => number;
  /** Timer functions (default `setTimeout` / `clearTimeout`). */
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  /** Maximum requests in flight (default 4). */
  readonly concurrency?: number;
  /** Maximum request starts per second (default {@link DEFAULT_RATE_PER_SECOND}). */
  readonly ratePerSecond?: number;
  /**
   * Subscribes to "the device is back online" (the app passes
   * `(l) => { addEventListener('online', l); return () => removeEventListener('online', l); }`).
   * @returns the unsubscribe function
   */
  readonly onlineEvents?: (listener: () => void) => () => void;
  /** Receives every status change. */
  readonly onChange?: (status: QueueStatus) => void;
  /**
   * Told when a visit leaves the queue for good: transmitted (`sent`) or refused by the
   * portal (`rejected`). The app writes its audit entry there.
   */
  readonly onOutcome?: (visitId: string, outcome: 'sent' | 'rejected') => void;
}

/** Default bound of requests in flight. */
export const DEFAULT_CONCURRENCY = 4;
/** Default client-side rate: half the sandbox's 100/s per practitioner, a safe margin. */
export const DEFAULT_RATE_PER_SECOND = 50;

/** What the UI shows about transmission. */
export interface QueueStatus {
  /** Visits waiting in the persistent queue (including those being sent). */
  readonly pending: number;
  /** Requests in flight now. */
  readonly sending: number;
  /** The pharmacist must log in to the portal again (refresh failed, or never logged in). */
  readonly needsLogin: boolean;
  /**
   * No keyring (locked / patient mode): sending pauses until the next unlock, by design —
   * the visits cannot be decrypted without the keys.
   */
  readonly locked: boolean;
  /** French message of the last failure (cleared by a success). */
  readonly lastError?: string;
  /** When the next attempt is scheduled, epoch ms. */
  readonly nextAttemptAt?: number;
}

/** Counts of one {@link SubmissionQueue.drainOnce} call. */
export interface DrainResult {
  /** Visits transmitted. */
  readonly sent: number;
  /** Attempts that failed and were rescheduled (or left for a new login). */
  readonly failed: number;
  /** Visits the portal refused (now `rejected`). */
  readonly rejected: number;
}
