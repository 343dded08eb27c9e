/**
 * The queue's view of the pharmacist's portal session: which access token to use, one
 * refresh at a time (several parallel sends that all get a 401 share ONE refresh, RFC 6749
 * §6 refresh tokens may rotate and be single-use), and which session is dead (its refresh
 * failed) so that sending stops until the pharmacist logs in again.
 */
import type { PortalSession } from '../store';
import { PortalError } from './errors';

/** Refresh this long before the access token expires, so a send never starts with a stale one. */
export const REFRESH_MARGIN_MS = 30_000;

/** Codes of a failed refresh after which only a new login helps. */
const DEAD_CODES = new Set(['needs-login', 'bad-response', 'config']);

/** Keeps track of refreshed and dead sessions; holds tokens in memory only. */
export class TokenKeeper {
  /** Access token → the session that replaced it (the app may not have caught up yet). */
  private readonly successors = new Map<string, PortalSession>();
  private readonly inFlight = new Map<string, Promise<PortalSession>>();
  private dead: string | null = null;

  /** @param refreshFn the app's refresh (also persists the new session) */
  constructor(private readonly refreshFn: (session: PortalSession) => Promise<PortalSession>) {}

  /** The newest known session that replaced `base`, or `base` itself. */
  effective(base: PortalSession | null): PortalSession | null {
    let current = base;
    for (let hops = 0; current && hops < 8; hops += 1) {
      const next = this.successors.get(current.accessToken);
      if (!next) break;
      current = next;
    }
    return current;
  }

  /** Whether `session` (effective) is missing or known dead: sending must wait for a login. */
  isDead(session: PortalSession | null): boolean {
    return session === null || session.accessToken === this.dead;
  }

  /** Whether `session` should be refreshed before use. */
  isStale(session: PortalSession, now: number): boolean {
    return session.refreshToken !== undefined && session.expiresAt - now < REFRESH_MARGIN_MS;
  }

  /**
   * Refreshes `session` once, however many callers ask for the same token.
   *
   * @returns the new session
   * @throws PortalError from the refresh; `needs-login`, `bad-response` and `config` also
   *   mark `session` dead (see {@link isDead}); `network`/`server`/`throttled` do not
   */
  refresh(session: PortalSession): Promise<PortalSession> {
    const known = this.successors.get(session.accessToken);
    if (known) return Promise.resolve(known);
    let pending = this.inFlight.get(session.accessToken);
    if (!pending) {
      pending = this.run(session).finally(() => this.inFlight.delete(session.accessToken));
      this.inFlight.set(session.accessToken, pending);
    }
    return pending;
  }

  private async run(session: PortalSession): Promise<PortalSession> {
    try {
      const next = await this.refreshFn(session);
      this.successors.set(session.accessToken, next);
      return next;
    } catch (e) {
      const error =
        e instanceof PortalError ? e : new PortalError('needs-login', undefined, { cause: e });
      if (DEAD_CODES.has(error.code)) this.dead = session.accessToken;
      throw error;
    }
  }
}
