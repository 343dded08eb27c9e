/**
 * createSandboxPortal(options): the development stand-in for SI-DEP and its OpenID
 * Connect issuer (as Pro Santé Connect), as one Hono app the server mounts at
 * `/sandbox-portal` when no real portal is configured (DESIGN.md "Transmission to the
 * national portal"). Everything lives in memory; a restart forgets keys, tokens and data.
 */
import { Hono } from 'hono';
import { authorizeRoutes } from './authorize';
import { controlRoutes, createControl } from './control';
import { discoveryRoutes } from './discovery';
import { handleSandboxError } from './errors';
import { FaultInjector } from './faults';
import { fhirRoutes } from './fhir-routes';
import { FhirStore } from './fhir-store';
import { GrantStore } from './grants';
import type { PortalContext } from './portal-context';
import { RateLimiter } from './rate-limit';
import { createSigningKeys } from './signing-keys';
import { tokenRoutes } from './token';
import type { SandboxControl, SandboxPortalOptions, SandboxPractitioner } from './types';

export { SANDBOX_MOUNT_PATH } from './portal-context';
export type * from './types';

/** Test practitioners (RPPS numbers with a valid Luhn key, not real people). */
export const DEFAULT_PRACTITIONERS: readonly SandboxPractitioner[] = [
  { rpps: '10001234565', name: 'Claire Dupont' },
  { rpps: '10007654329', name: 'Marc Leroy' },
  { rpps: '10005555551', name: 'Sophie Martin' },
];

/** Client id of the Comptoir PWA. */
export const DEFAULT_CLIENT_ID = 'comptoir';

/** A sandbox portal: its routes (relative to the mount path) and its control object. */
export interface SandboxPortal {
  app: Hono;
  control: SandboxControl;
}

/** Builds a sandbox portal with fresh keys and empty state. */
export function createSandboxPortal(options: SandboxPortalOptions = {}): SandboxPortal {
  const ctx: PortalContext = {
    clientIds: options.clientIds ?? [DEFAULT_CLIENT_ID],
    practitioners: options.practitioners ?? DEFAULT_PRACTITIONERS,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 600,
    now: options.now ?? Date.now,
    keys: createSigningKeys(),
    grants: new GrantStore(),
    store: new FhirStore(),
    faults: new FaultInjector(),
    limiter: new RateLimiter(options.rateLimitPerSecond ?? 100),
  };
  const control = createControl(ctx);
  const app = new Hono();
  app.route('/', discoveryRoutes(ctx));
  app.route('/', authorizeRoutes(ctx));
  app.route('/', tokenRoutes(ctx));
  app.route('/', fhirRoutes(ctx));
  app.route('/', controlRoutes(control));
  app.onError(handleSandboxError);
  return { app, control };
}
