/**
 * Retention of identity data (DESIGN.md "Retention, audit, reports"; issue 6): a visit's
 * identity is purged N days after its transmission (default 7, allowed 0–90); a visit not
 * transmitted after M days (default 3) raises a warning instead of being purged silently;
 * a `rejected` visit is never purged automatically (it needs a correction first). Pure.
 */
import { addDays } from './day';
import { collectErrors, invalid, valid, type Validation } from './errors';
import type { Visit } from './visit';
import type { VisitState } from './visit-state';

/** The pharmacy's retention settings (a synced record: every device applies the same). */
export interface RetentionPolicy {
  /** Days after transmission before the identity is purged (0 = at the next run). */
  readonly purgeAfterDays: number;
  /** Days after registration before an untransmitted visit is flagged. */
  readonly warnAfterDays: number;
}

/** DESIGN.md defaults: purge 7 days after transmission, warn after 3 days untransmitted. */
export const DEFAULT_RETENTION: RetentionPolicy = { purgeAfterDays: 7, warnAfterDays: 3 };
/** Bounds of {@link RetentionPolicy.purgeAfterDays}. */
export const PURGE_AFTER_DAYS_MAX = 90;
/** Bounds of {@link RetentionPolicy.warnAfterDays}. */
export const WARN_AFTER_DAYS_MIN = 1;
export const WARN_AFTER_DAYS_MAX = 30;

const DAY_MS = 86_400_000;

/** States that still wait for a transmission (a warning is due when they get old). */
export const UNSENT_STATES: readonly VisitState[] = [
  'registered',
  'sampled',
  'resulted',
  'queued',
  'rejected',
];
const UNSENT: ReadonlySet<VisitState> = new Set(UNSENT_STATES);

/** Raw settings form values. */
export interface RawRetention {
  purgeAfterDays?: string | number;
  warnAfterDays?: string | number;
}

function wholeDays(
  raw: string | number | undefined,
  field: string,
  min: number,
  max: number,
): Validation<number> {
  const text = String(raw ?? '').trim();
  if (text === '') return invalid(field, 'required');
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    return invalid(field, 'retention.days', { min, max });
  }
  return valid(n);
}

/** Validates the retention settings form (whole numbers of days within bounds). */
export function validateRetention(raw: RawRetention): Validation<RetentionPolicy> {
  const purge = wholeDays(raw.purgeAfterDays, 'purgeAfterDays', 0, PURGE_AFTER_DAYS_MAX);
  const warn = wholeDays(
    raw.warnAfterDays,
    'warnAfterDays',
    WARN_AFTER_DAYS_MIN,
    WARN_AFTER_DAYS_MAX,
  );
  if (!purge.ok || !warn.ok) return { ok: false, errors: collectErrors([purge, warn]) };
  return valid({ purgeAfterDays: purge.value, warnAfterDays: warn.value });
}

/** Whether `x` is a well-formed stored {@link RetentionPolicy}. */
export function isRetentionPolicy(x: unknown): x is RetentionPolicy {
  if (typeof x !== 'object' || x === null) return false;
  const { purgeAfterDays: p, warnAfterDays: w } = x as Record<string, unknown>;
  return (
    Number.isInteger(p) &&
    (p as number) >= 0 &&
    (p as number) <= PURGE_AFTER_DAYS_MAX &&
    Number.isInteger(w) &&
    (w as number) >= WARN_AFTER_DAYS_MIN &&
    (w as number) <= WARN_AFTER_DAYS_MAX
  );
}

/**
 * Whether the identity of `visit` is due for purge at `now`: transmitted, with a
 * transmission date at least `purgeAfterDays` whole days ago. Rejected and untransmitted
 * visits never are.
 */
export function isPurgeDue(visit: Visit, policy: RetentionPolicy, now: Date): boolean {
  if (visit.state !== 'transmitted') return false;
  const at = Date.parse(visit.transmission?.transmittedAt ?? '');
  if (Number.isNaN(at)) return false;
  return at + policy.purgeAfterDays * DAY_MS <= now.getTime();
}

/**
 * The last registration day a transmitted visit can have and be due for purge at `now`
 * (a visit is transmitted on or after its day): rows of later days are skipped without
 * being decrypted. Days are compared as `YYYY-MM-DD` strings.
 */
export function purgeCandidateLastDay(policy: RetentionPolicy, today: string): string {
  return addDays(today, -policy.purgeAfterDays);
}

/**
 * Whether a visit in state `state`, registered on `day`, deserves the "not transmitted"
 * warning on `today`: still waiting for transmission `warnAfterDays` days or more after
 * its day. Reads clear fields only (no decryption needed).
 */
export function isUnsentTooLong(
  state: VisitState,
  day: string,
  policy: RetentionPolicy,
  today: string,
): boolean {
  return UNSENT.has(state) && day <= addDays(today, -policy.warnAfterDays);
}
