/**
 * One attempt at one queued visit: decrypt it, send it (refreshing the token once on a
 * 401), and record the outcome in the store in one transaction (transmitted, rejected, or
 * rescheduled with backoff). The queue (`queue.ts`) decides what to attempt and when.
 */
import type { Keyring } from '../crypto';
import type { Performer, Pharmacy, Visit } from '../domain';
import {
  completeSubmission,
  dropSubmission,
  getVisit,
  rejectSubmission,
  rescheduleSubmission,
  type ComptoirDb,
  type PortalSession,
  type SubmissionRow,
} from '../store';
import { retryDelay } from './backoff';
import { PortalError } from './errors';
import type { FetchLike } from './oidc-client';
import { submitVisit, type SubmitReceipt } from './submit';
import type { TokenKeeper } from './token-keeper';

/** What became of one attempt. */
export type AttemptOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'rejected'; readonly message: string }
  /** Rescheduled at `nextAttemptAt` (network, throttled, server, bad-response). */
  | { readonly kind: 'retry'; readonly error: PortalError; readonly nextAttemptAt: number }
  /** `needs-login` (dead session) or `config`: the row is left as it is until fixed. */
  | { readonly kind: 'blocked'; readonly error: PortalError }
  /** The visit is no longer queued in the store (handled elsewhere): row dropped. */
  | { readonly kind: 'gone' };

/** Everything one attempt needs. */
export interface AttemptContext {
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
  readonly pharmacy: Pharmacy;
  readonly performer: Performer;
  readonly portal: PortalSession;
  readonly tokens: TokenKeeper;
  readonly fhirBase: string;
  readonly fetchImpl: FetchLike;
  readonly now: () => number;
  readonly random: () => number;
  readonly signal?: AbortSignal;
}

/** Sends with the given session; on 401 refreshes once (shared) and tries again once. */
async function sendWithAuth(visit: Visit, ctx: AttemptContext): Promise<SubmitReceipt> {
  let session = ctx.portal;
  if (ctx.tokens.isStale(session, ctx.now())) session = await ctx.tokens.refresh(session);
  const send = (accessToken: string) =>
    submitVisit(visit, {
      fhirBase: ctx.fhirBase,
      accessToken,
      pharmacy: ctx.pharmacy,
      performer: ctx.performer,
      fetchImpl: ctx.fetchImpl,
      now: ctx.now,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  try {
    return await send(session.accessToken);
  } catch (e) {
    if (!(e instanceof PortalError) || e.code !== 'needs-login') throw e;
  }
  const fresh = await ctx.tokens.refresh(session);
  return send(fresh.accessToken);
}

/**
 * Attempts one row.
 *
 * @throws StorageError / IntegrityError from the store (the row stays due: nothing is lost);
 *   KeyringWipedError when the session locked meanwhile
 */
export async function attemptSubmission(
  row: SubmissionRow,
  ctx: AttemptContext,
): Promise<AttemptOutcome> {
  const visit = await getVisit(ctx.db, ctx.keyring, row.visitId);
  if (visit.state !== 'queued') {
    await dropSubmission(ctx.db, row.visitId);
    return { kind: 'gone' };
  }
  const attempts = row.attempts + 1;
  const previous = visit.transmission?.attempts ?? 0;
  try {
    const receipt = await sendWithAuth(visit, ctx);
    const at = new Date(ctx.now()).toISOString();
    await completeSubmission(ctx.db, ctx.keyring, {
      ...visit,
      state: 'transmitted',
      updatedAt: at,
      transmission: { attempts: previous + attempts, receipt: receipt.location, transmittedAt: at },
    });
    return { kind: 'sent' };
  } catch (e) {
    if (!(e instanceof PortalError)) throw e;
    if (e.code === 'rejected') {
      await rejectSubmission(ctx.db, ctx.keyring, {
        ...visit,
        state: 'rejected',
        updatedAt: new Date(ctx.now()).toISOString(),
        transmission: { attempts: previous + attempts, lastError: e.message },
      });
      return { kind: 'rejected', message: e.message };
    }
    if (e.code === 'needs-login' || e.code === 'config') return { kind: 'blocked', error: e };
    const nextAttemptAt = ctx.now() + retryDelay(row.attempts, ctx.random(), e.retryAfterMs);
    await rescheduleSubmission(ctx.db, row.visitId, nextAttemptAt, attempts);
    return { kind: 'retry', error: e, nextAttemptAt };
  }
}
