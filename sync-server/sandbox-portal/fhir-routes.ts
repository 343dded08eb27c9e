/**
 * The sandbox SI-DEP FHIR R4 endpoint (https://hl7.org/fhir/R4/http.html): capability
 * statement and transactions, behind bearer tokens (RFC 6750) of the sandbox issuer.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { Hono, type Context } from 'hono';
import { bearerToken } from './discovery';
import { ConnectionDropped, FhirError, issue } from './errors';
import type { Fault } from './faults';
import { capabilityStatement } from './capability-statement';
import { checkTransaction } from './fhir-rules';
import { checkStructure } from './fhir-structure';
import { issuerOf, type PortalContext } from './portal-context';
import { MAX_TRANSACTION_BYTES, readBoundedText } from './request-body';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Routes `GET /fhir/metadata` and `POST /fhir`. */
export function fhirRoutes(ctx: PortalContext): Hono {
  const app = new Hono();

  /** `GET /fhir/metadata` → 200 CapabilityStatement (FHIR R4 §3.1.0.9 capabilities). */
  app.get('/fhir/metadata', (c) =>
    c.body(JSON.stringify(capabilityStatement(issuerOf(c), isoNow(ctx))), 200, {
      'Content-Type': FHIR_JSON,
    }),
  );

  /**
   * `POST /fhir` — a transaction Bundle (FHIR R4 http §3.1.0.11), `Content-Type:
   * application/fhir+json` or `application/json`, `Authorization: Bearer <access_token>`.
   * 200 `transaction-response` (entries in request order, `201 Created` or, for a
   * conditional create matching a stored identifier, `200 OK` with the existing location).
   * Errors carry an OperationOutcome with French `diagnostics`: 401 (+ `WWW-Authenticate:
   * Bearer error="invalid_token"`), 429 (`Retry-After: 1`, per-practitioner rate limit),
   * 415, 413 (> 1 MiB), 400 (not JSON, not a transaction, malformed data), 422 (business
   * rule), 403 (performer is not the authenticated practitioner); plus injected faults.
   */
  app.post('/fhir', async (c) => {
    const sub = await authenticate(c, ctx);
    if (!ctx.limiter.tryTake(sub, ctx.now())) {
      throw new FhirError(
        429,
        [issue('throttled', 'Trop de requêtes : réessayez dans 1 seconde.')],
        {
          'Retry-After': '1',
        },
      );
    }
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/fhir+json' && type !== 'application/json') {
      throw new FhirError(415, [issue('not-supported', 'Format attendu : application/fhir+json.')]);
    }
    const text = await readBoundedText(c.req.raw, MAX_TRANSACTION_BYTES).catch((err: unknown) => {
      if (err instanceof FhirError) throw err;
      throw new FhirError(400, [issue('invalid', 'Corps de requête illisible (UTF-8 attendu).')]);
    });
    if (ctx.faults.latencyMs > 0) await sleep(ctx.faults.latencyMs);
    const fault = ctx.faults.next();
    if (fault) applyFault(c, fault);
    const bundle = parseTransaction(text);
    await checkStructure(bundle);
    checkTransaction(bundle, sub, ctx.now());
    const response = ctx.store.commit(bundle, sub, ctx.now());
    if (fault?.kind === 'drop') dropConnection(c);
    return c.body(JSON.stringify(response), 200, { 'Content-Type': FHIR_JSON });
  });

  return app;
}

async function authenticate(c: Context, ctx: PortalContext): Promise<string> {
  const token = bearerToken(c.req.header('Authorization'));
  try {
    if (!token) throw new Error('no bearer token');
    return (await ctx.keys.verifyAccess(token, issuerOf(c), ctx.now())).sub;
  } catch {
    // The cause (expired, bad signature, wrong issuer…) stays on the server: RFC 6750 §3.1.
    throw new FhirError(
      401,
      [issue('login', 'Jeton d’accès absent, invalide ou expiré : reconnectez-vous au portail.')],
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    );
  }
}

function parseTransaction(text: string): Bundle {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FhirError(400, [issue('invalid', 'Corps de requête JSON invalide.')]);
  }
  const b = body as Partial<Bundle> | null;
  if (
    typeof b !== 'object' ||
    b === null ||
    b.resourceType !== 'Bundle' ||
    b.type !== 'transaction'
  ) {
    throw new FhirError(400, [
      issue('invalid', 'Bundle de type « transaction » attendu.', 'Bundle.type'),
    ]);
  }
  return b as Bundle;
}

/** Answers the injected fault now, except a drop after commit (handled by the caller). */
function applyFault(c: Context, fault: Fault): void {
  if (fault.kind === 'drop') {
    if (!fault.afterCommit) dropConnection(c);
    return;
  }
  if (fault.kind === 'reject') {
    const code = fault.status === 422 ? 'business-rule' : 'invalid';
    throw new FhirError(fault.status, [issue(code, fault.diagnostics, fault.expression)]);
  }
  const headers: Record<string, string> =
    fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
  const code =
    fault.status === 429 ? 'throttled' : fault.status === 503 ? 'transient' : 'exception';
  throw new FhirError(
    fault.status,
    [issue(code, 'Service temporairement indisponible : réessayez plus tard.')],
    headers,
  );
}

/**
 * Destroys the TCP socket (only under @hono/node-server, whose `c.env.incoming` is the
 * Node request) and aborts the handler: the client sees a reset, never a response.
 */
function dropConnection(c: Context): never {
  const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
    ?.socket;
  socket?.destroy();
  throw new ConnectionDropped(socket !== undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isoNow(ctx: PortalContext): string {
  return new Date(ctx.now()).toISOString();
}
