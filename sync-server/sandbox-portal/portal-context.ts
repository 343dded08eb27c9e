/**
 * The state one sandbox portal instance shares between its routes, and the issuer
 * identifier derived per request.
 */
import type { Context } from 'hono';
import type { FaultInjector } from './faults';
import type { FhirStore } from './fhir-store';
import type { GrantStore } from './grants';
import type { RateLimiter } from './rate-limit';
import type { SigningKeys } from './signing-keys';
import type { SandboxPractitioner } from './types';

/** Path under which the server mounts the sandbox; part of the issuer identifier. */
export const SANDBOX_MOUNT_PATH = '/sandbox-portal';

/** Resolved options and in-memory state of one sandbox portal. */
export interface PortalContext {
  clientIds: readonly string[];
  practitioners: readonly SandboxPractitioner[];
  accessTokenTtlSeconds: number;
  now: () => number;
  keys: SigningKeys;
  grants: GrantStore;
  store: FhirStore;
  faults: FaultInjector;
  limiter: RateLimiter;
}

/**
 * The issuer identifier `<request origin>/sandbox-portal` (OIDC Discovery §3, RFC 9207):
 * the same string in discovery, in tokens' `iss` and in the authorization response.
 */
export function issuerOf(c: Context): string {
  return `${new URL(c.req.url).origin}${SANDBOX_MOUNT_PATH}`;
}
