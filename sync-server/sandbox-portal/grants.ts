/**
 * In-memory grants of the sandbox issuer: one-shot authorization codes (RFC 6749 §4.1.2,
 * 60 s) and rotating refresh tokens (RFC 6749 §6, OAuth 2.0 Security BCP RFC 9700 §4.14:
 * reuse of a rotated token revokes the whole family).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxPractitioner } from './types';

/** Lifetime of an authorization code. */
export const CODE_TTL_MS = 60_000;
/** Lifetime of a refresh token (a working day). */
export const REFRESH_TTL_MS = 10 * 3600_000;

/** What an authorization code is bound to. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  scope: string;
  practitioner: SandboxPractitioner;
  expiresAt: number;
}

/** What a refresh token is bound to. */
export interface RefreshGrant {
  clientId: string;
  scope: string;
  practitioner: SandboxPractitioner;
  family: string;
  expiresAt: number;
  rotated: boolean;
}

/** Codes and refresh tokens, keyed by their opaque random value. */
export class GrantStore {
  private codes = new Map<string, CodeGrant>();
  private refresh = new Map<string, RefreshGrant>();

  /** Issues a 256-bit random code for `grant`. */
  issueCode(grant: CodeGrant): string {
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, grant);
    return code;
  }

  /** Removes and returns the code's grant: a second use finds nothing (one-shot). */
  takeCode(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant;
  }

  /** Issues a refresh token in `family` (a new family per authorization code). */
  issueRefresh(grant: Omit<RefreshGrant, 'rotated' | 'family'>, family?: string): string {
    const token = randomBytes(32).toString('base64url');
    this.refresh.set(token, { ...grant, family: family ?? token, rotated: false });
    return token;
  }

  /**
   * Marks `token` as rotated and returns its grant. A token already rotated is a replay:
   * the whole family is revoked and `undefined` returned.
   */
  rotateRefresh(token: string, now: number): RefreshGrant | undefined {
    const grant = this.refresh.get(token);
    if (!grant) return undefined;
    if (grant.rotated) {
      for (const [key, other] of this.refresh) {
        if (other.family === grant.family) this.refresh.delete(key);
      }
      return undefined;
    }
    if (grant.expiresAt <= now) {
      this.refresh.delete(token);
      return undefined;
    }
    grant.rotated = true;
    return grant;
  }

  clear(): void {
    this.codes.clear();
    this.refresh.clear();
  }
}
