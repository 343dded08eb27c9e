/**
 * Translation of identity-provider failures into {@link PortalError}s, once, at the OIDC
 * boundary. oauth4webapi's classes may only be imported by `oidc-client.ts`, so they are
 * recognised here by their documented, stable `code` strings
 * (https://github.com/panva/oauth4webapi/blob/main/docs/README.md#constants).
 */
import { PortalError, type PortalErrorCode } from './errors';
import { isAbortOrNetwork } from './fetch-errors';

/** OAuth error codes of a token endpoint that mean "the grant is dead: log in again" (RFC 6749 §5.2). */
const LOGIN_AGAIN = new Set(['invalid_grant', 'invalid_token', 'unauthorized_client']);

/** oauth4webapi codes that mean "this provider or URL must not be used". */
const CONFIG_CODES = new Set([
  'OAUTH_HTTP_REQUEST_FORBIDDEN',
  'OAUTH_REQUEST_PROTOCOL_FORBIDDEN',
  'OAUTH_MISSING_SERVER_METADATA',
  'OAUTH_INVALID_SERVER_METADATA',
  'OAUTH_UNSUPPORTED_OPERATION',
]);

interface CodedError {
  code?: unknown;
  status?: unknown;
  error?: unknown;
  cause?: unknown;
}

/** HTTP status carried by an oauth4webapi error (directly, or by its `cause` Response). */
function statusOf(e: CodedError): number | undefined {
  if (typeof e.status === 'number') return e.status;
  const cause = e.cause as { status?: unknown } | undefined;
  return typeof cause?.status === 'number' ? cause.status : undefined;
}

function codeFor(e: unknown): PortalErrorCode {
  if (isAbortOrNetwork(e)) return 'network';
  if (typeof e !== 'object' || e === null) return 'bad-response';
  const err = e as CodedError;
  const code = typeof err.code === 'string' ? err.code : '';
  if (CONFIG_CODES.has(code)) return 'config';
  // The user refused or the provider refused the request: nothing to retry, log in again.
  if (code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR') return 'needs-login';
  const status = statusOf(err);
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'server';
  if (code === 'OAUTH_RESPONSE_BODY_ERROR' && typeof err.error === 'string') {
    return LOGIN_AGAIN.has(err.error) ? 'needs-login' : 'bad-response';
  }
  if (code === 'OAUTH_WWW_AUTHENTICATE_CHALLENGE' || status === 401) return 'needs-login';
  return 'bad-response';
}

/**
 * Maps anything thrown by oauth4webapi or fetch during discovery, login or refresh.
 *
 * @param e anything caught
 * @returns a PortalError (unchanged when `e` already is one); never throws
 */
export function toOidcError(e: unknown): PortalError {
  if (e instanceof PortalError) return e;
  return new PortalError(codeFor(e), undefined, { cause: e });
}
