/**
 * The sandbox's closed set of expected failures and its one error handler. Each class maps
 * to the wire form its protocol prescribes: OAuth 2.0 JSON errors (RFC 6749 §5.2), FHIR
 * OperationOutcome (FHIR R4 http), or a French HTML page on the login screen.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { renderErrorPage } from './authorize-page';

/** RFC 6749 §5.2 error codes the token endpoint answers. */
export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';

/** A token-endpoint error: 400 `{ error }` (RFC 6749 §5.2), or 401 for a bad bearer token. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly code: OAuthErrorCode | 'invalid_token',
    readonly status: 400 | 401 = 400,
  ) {
    super(code);
  }
}

/** A FHIR failure answered as an OperationOutcome with `status` and extra `headers`. */
export class FhirError extends Error {
  override readonly name = 'FhirError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly issues: OperationOutcomeIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(`FHIR ${status}`);
  }
}

/** A refused authorization request: 400 French HTML page, never a redirect (RFC 6749 §4.1.2.1). */
export class AuthorizeError extends Error {
  override readonly name = 'AuthorizeError';
  constructor(readonly reason: string) {
    super('authorization request refused');
  }
}

/**
 * The `drop` fault: the socket was destroyed (`onSocket`), so nobody is left to answer; or,
 * in process without a socket, the error propagates so `app.request()` rejects like fetch.
 */
export class ConnectionDropped extends Error {
  override readonly name = 'ConnectionDropped';
  constructor(readonly onSocket: boolean) {
    super('connection dropped by fault injection');
  }
}

/** One FHIR issue with severity `error`. */
export function issue(
  code: OperationOutcomeIssue['code'],
  diagnostics: string,
  expression?: string,
): OperationOutcomeIssue {
  return {
    severity: 'error',
    code,
    diagnostics,
    ...(expression ? { expression: [expression] } : {}),
  };
}

/** Wraps issues into an OperationOutcome resource. */
export function operationOutcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** The sandbox's `onError`: bodies are generic or built by the sandbox, never echo input. */
export function handleSandboxError(err: Error, c: Context): Response {
  if (err instanceof OAuthError) {
    c.header('Cache-Control', 'no-store');
    if (err.status === 401) {
      // RFC 6750 §3: the challenge names the error; the body stays a plain OAuth error.
      c.header('WWW-Authenticate', `Bearer error="${err.code}"`);
    }
    return c.json({ error: err.code }, err.status);
  }
  if (err instanceof FhirError) {
    for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
    return c.body(JSON.stringify(operationOutcome(err.issues)), err.status, {
      'Content-Type': 'application/fhir+json; charset=utf-8',
    });
  }
  if (err instanceof AuthorizeError) return c.html(renderErrorPage(err.reason), 400);
  if (err instanceof ConnectionDropped) {
    if (err.onSocket) return c.body(null, 500);
    throw err;
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json({ error: 'request_error' }, err.status);
  }
  console.error(`sandbox portal: unhandled error on ${c.req.method} ${c.req.path}: ${err.name}`);
  return c.json({ error: 'internal' }, 500);
}
