import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PortalError,
  completeLogin,
  createLoginRequest,
  discoverIssuer,
  refreshSession,
  type AuthorizationServer,
} from '../../../app/portal';
import { CLIENT, PRACTITIONER, login, startSandbox, type Sandbox } from './harness';

let sandbox: Sandbox;
let as: AuthorizationServer;

beforeAll(async () => {
  sandbox = await startSandbox();
  as = await discoverIssuer(sandbox.config.issuer);
});
afterAll(() => sandbox.close());

async function code(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PortalError);
  return (e as PortalError).code;
}

describe('OpenID Connect client against the sandbox issuer', () => {
  it('discovers the issuer and its endpoints', () => {
    expect(as.issuer).toBe(sandbox.config.issuer);
    expect(as.token_endpoint).toMatch(/\/token$/);
    expect(as.code_challenge_methods_supported).toContain('S256');
  });

  it('refuses a plain-http issuer that is not on the loopback', async () => {
    expect(await code(discoverIssuer('http://portail.example.fr/oidc'))).toBe('config');
    expect(await code(discoverIssuer('not a url'))).toBe('config');
  });

  it('says network when the issuer does not answer', async () => {
    expect(await code(discoverIssuer('http://127.0.0.1:9/none'))).toBe('network');
  });

  it('builds an authorization URL with PKCE S256, state and nonce', async () => {
    const r = await createLoginRequest(as, CLIENT);
    const url = new URL(r.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).not.toBe(r.codeVerifier);
    expect(url.searchParams.get('state')).toBe(r.state);
    expect(url.searchParams.get('nonce')).toBe(r.nonce);
    expect(url.searchParams.get('client_id')).toBe('comptoir');
  });

  it('logs in through the practitioner form and gets a session for that RPPS', async () => {
    const session = await login(as);
    expect(session.subject).toBe(PRACTITIONER.rpps);
    expect(session.name).toBe(PRACTITIONER.name);
    expect(session.issuer).toBe(as.issuer);
    expect(session.refreshToken).toBeTruthy();
    expect(session.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses a callback whose state or issuer does not match', async () => {
    const request = await createLoginRequest(as, CLIENT);
    const wrongState = `${CLIENT.redirectUri}?code=x&state=other&iss=${encodeURIComponent(as.issuer)}`;
    expect(await code(completeLogin(as, CLIENT, request, wrongState))).toBe('bad-response');
    const wrongIss = `${CLIENT.redirectUri}?code=x&state=${request.state}&iss=https%3A%2F%2Fevil.example`;
    expect(await code(completeLogin(as, CLIENT, request, wrongIss))).toBe('bad-response');
  });

  it('says needs-login when the user refused at the provider', async () => {
    const request = await createLoginRequest(as, CLIENT);
    const denied = `${CLIENT.redirectUri}?error=access_denied&state=${request.state}&iss=${encodeURIComponent(as.issuer)}`;
    expect(await code(completeLogin(as, CLIENT, request, denied))).toBe('needs-login');
  });

  it('refreshes a session (rotated refresh token) and keeps the subject', async () => {
    const session = await login(as);
    const next = await refreshSession(as, CLIENT, session);
    expect(next.accessToken).not.toBe(session.accessToken);
    expect(next.subject).toBe(session.subject);
    expect(next.refreshToken).toBeTruthy();
  });

  it('says needs-login when the refresh token was already used or is unknown', async () => {
    const session = await login(as);
    const next = await refreshSession(as, CLIENT, session);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(await code(refreshSession(as, CLIENT, session))).toBe('needs-login');
    const noRefresh = { ...session };
    delete noRefresh.refreshToken;
    expect(await code(refreshSession(as, CLIENT, noRefresh))).toBe('needs-login');
  });
});
