/**
 * OpenID Connect client of the national portal's identity provider (Pro Santé Connect in
 * production, the sandbox issuer in development): authorization code flow with PKCE for a
 * public client (no secret on a tablet). The SOLE import point of `oauth4webapi` (ESLint).
 *
 * - RFC 6749 §4.1 (code grant): https://www.rfc-editor.org/rfc/rfc6749#section-4.1
 * - RFC 7636 (PKCE, S256): https://www.rfc-editor.org/rfc/rfc7636
 * - RFC 9207 (`iss` in the authorization response): https://www.rfc-editor.org/rfc/rfc9207
 * - RFC 8414 / OIDC Discovery: https://www.rfc-editor.org/rfc/rfc8414
 *
 * ID token signatures are not verified (oauth4webapi's default for tokens received
 * directly from the token endpoint over TLS, OIDC Core §3.1.3.7 item 6); claims are.
 */
import * as oauth from 'oauth4webapi';
import type { PortalSession } from '../store';
import { PortalError } from './errors';
import { toOidcError } from './oidc-errors';

/** The provider's checked metadata (RFC 8414), as returned by {@link discoverIssuer}. */
export type AuthorizationServer = oauth.AuthorizationServer;

/** A `fetch` the caller injects (tests, the service worker's network-only fetch). */
export type FetchLike = typeof fetch;

/** The app as an OAuth public client. */
export interface PortalClient {
  readonly clientId: string;
  /** Registered redirect URI (the app's `/portail/retour` page). */
  readonly redirectUri: string;
}

/** What must survive the redirect to the provider (kept by the caller, not in the URL). */
export interface LoginRequest {
  /** The authorization URL to navigate to. */
  readonly url: string;
  readonly state: string;
  readonly codeVerifier: string;
  readonly nonce: string;
}

/** Host names where a plain-`http:` issuer is allowed (the development sandbox). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `url` is a loopback `http:` URL (sandbox only). Throws `config` otherwise on http. */
function isInsecureLoopback(url: URL): boolean {
  if (url.protocol === 'https:') return false;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return true;
  throw new PortalError('config', undefined, {
    cause: new Error(`refused portal URL scheme ${url.protocol}//${url.hostname}`),
  });
}

function parseUrl(value: string): URL {
  try {
    return new URL(value);
  } catch (e) {
    throw new PortalError('config', undefined, { cause: e });
  }
}

/** Request options: custom fetch and, for the loopback sandbox only, plain HTTP. */
function requestOptions(
  as: oauth.AuthorizationServer,
  fetchImpl?: FetchLike,
): oauth.TokenEndpointRequestOptions {
  const insecure = isInsecureLoopback(parseUrl(as.issuer));
  return {
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(fetchImpl ? { [oauth.customFetch]: fetchImpl } : {}),
  };
}

function oauthClient(client: PortalClient): oauth.Client {
  return { client_id: client.clientId, token_endpoint_auth_method: 'none' };
}

/**
 * Fetches and checks the provider's metadata (`/.well-known/openid-configuration`), whose
 * `issuer` must equal `issuer` exactly (RFC 8414 §3.3).
 *
 * @param issuer issuer identifier; `https:`, or `http:` on localhost / 127.0.0.1 only
 * @throws PortalError `config` (bad or non-HTTPS issuer), `network`, `server`,
 *   `bad-response` (metadata missing or for another issuer)
 */
export async function discoverIssuer(
  issuer: string,
  fetchImpl?: FetchLike,
): Promise<oauth.AuthorizationServer> {
  const url = parseUrl(issuer);
  const insecure = isInsecureLoopback(url);
  try {
    const response = await oauth.discoveryRequest(url, {
      algorithm: 'oidc',
      ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
      ...(fetchImpl ? { [oauth.customFetch]: fetchImpl } : {}),
    });
    return await oauth.processDiscoveryResponse(url, response);
  } catch (e) {
    throw toOidcError(e);
  }
}

/**
 * Prepares a login: random `state` and `nonce`, a PKCE verifier and its S256 challenge
 * (RFC 7636 §4.2), and the authorization URL (scope `openid profile`).
 *
 * @throws PortalError `config` when the provider has no authorization endpoint or it is
 *   not HTTPS (loopback excepted)
 */
export async function createLoginRequest(
  as: oauth.AuthorizationServer,
  client: PortalClient,
): Promise<LoginRequest> {
  if (!as.authorization_endpoint) throw new PortalError('config');
  const url = parseUrl(as.authorization_endpoint);
  isInsecureLoopback(url);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const challenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', client.clientId);
  params.set('redirect_uri', client.redirectUri);
  params.set('scope', 'openid profile');
  params.set('state', state);
  params.set('nonce', nonce);
  params.set('code_challenge', challenge);
  params.set('code_challenge_method', 'S256');
  return { url: url.href, state, codeVerifier, nonce };
}

/** Turns a token endpoint response into a session. */
function toSession(
  as: oauth.AuthorizationServer,
  result: oauth.TokenEndpointResponse,
  now: number,
  previous?: PortalSession,
): PortalSession {
  if (result.token_type.toLowerCase() !== 'bearer') {
    throw new PortalError('bad-response', undefined, { cause: new Error('not a bearer token') });
  }
  const claims = oauth.getValidatedIdTokenClaims(result);
  const subject = claims?.sub ?? previous?.subject;
  if (!subject) throw new PortalError('bad-response');
  if (previous && subject !== previous.subject) {
    throw new PortalError('bad-response', undefined, { cause: new Error('subject changed') });
  }
  const name = typeof claims?.name === 'string' ? claims.name : previous?.name;
  const refreshToken = result.refresh_token ?? previous?.refreshToken;
  // No `expires_in` (RFC 6749 §5.1 makes it RECOMMENDED): assume a short 5-minute life.
  const lifetimeS = typeof result.expires_in === 'number' ? result.expires_in : 300;
  return {
    accessToken: result.access_token,
    expiresAt: now + lifetimeS * 1000,
    subject,
    issuer: as.issuer,
    ...(refreshToken ? { refreshToken } : {}),
    ...(name ? { name } : {}),
  };
}

/**
 * Finishes a login from the redirect back to the app: checks the authorization response
 * (`state`, and `iss` per RFC 9207), redeems the code with the PKCE verifier, checks the
 * ID token claims (issuer, audience, expiry, `nonce`).
 *
 * @param request what {@link createLoginRequest} returned for this login
 * @param callbackUrl the full URL the provider redirected to
 * @returns the new session (subject = ID token `sub`, name = ID token `name`)
 * @throws PortalError `needs-login` (the user refused, or the code was refused),
 *   `bad-response` (state / iss / nonce mismatch, malformed answer), `network`, `server`,
 *   `config`
 */
export async function completeLogin(
  as: oauth.AuthorizationServer,
  client: PortalClient,
  request: LoginRequest,
  callbackUrl: string,
  fetchImpl?: FetchLike,
): Promise<PortalSession> {
  const c = oauthClient(client);
  try {
    const params = oauth.validateAuthResponse(as, c, parseUrl(callbackUrl), request.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      c,
      oauth.None(),
      params,
      client.redirectUri,
      request.codeVerifier,
      requestOptions(as, fetchImpl),
    );
    const result = await oauth.processAuthorizationCodeResponse(as, c, response, {
      expectedNonce: request.nonce,
      requireIdToken: true,
    });
    return toSession(as, result, Date.now());
  } catch (e) {
    throw toOidcError(e);
  }
}

/**
 * Gets a new access token with the refresh token (RFC 6749 §6). A rotated refresh token
 * replaces the old one; otherwise the old one is kept.
 *
 * @throws PortalError `needs-login` (no refresh token, or it was refused: `invalid_grant`),
 *   `network`, `server`, `bad-response` (e.g. another subject), `config`
 */
export async function refreshSession(
  as: oauth.AuthorizationServer,
  client: PortalClient,
  session: PortalSession,
  fetchImpl?: FetchLike,
): Promise<PortalSession> {
  if (!session.refreshToken) throw new PortalError('needs-login');
  if (session.issuer !== as.issuer) throw new PortalError('config');
  const c = oauthClient(client);
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      c,
      oauth.None(),
      session.refreshToken,
      requestOptions(as, fetchImpl),
    );
    const result = await oauth.processRefreshTokenResponse(as, c, response);
    return toSession(as, result, Date.now(), session);
  } catch (e) {
    throw toOidcError(e);
  }
}
