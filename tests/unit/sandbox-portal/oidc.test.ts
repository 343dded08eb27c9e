/**
 * The sandbox OpenID Connect issuer through `app.request()`: discovery, the login page,
 * the code flow with PKCE (RFC 7636), RFC 9207 `iss`, refresh rotation and the JWKS.
 */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  authorize,
  authorizeParams,
  CLAIRE,
  form,
  ISS,
  login,
  MARC,
  mountPortal,
  pkcePair,
  REDIRECT_URI,
  type Mounted,
} from './fixtures';

const tokenRequest = (m: Mounted, fields: Record<string, string>) =>
  m.request('/token', form({ client_id: 'comptoir', ...fields }));

async function codeAndVerifier(m: Mounted) {
  const { verifier, challenge } = pkcePair();
  const code = (await authorize(m, challenge)).searchParams.get('code') ?? '';
  return { code, verifier };
}

const redeem = (m: Mounted, code: string, verifier: string) =>
  tokenRequest(m, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });

describe('sandbox issuer discovery', () => {
  it('publishes OIDC metadata whose URLs derive from the request origin', async () => {
    const m = mountPortal();
    const res = await m.request('/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      issuer: ISS,
      authorization_endpoint: `${ISS}/authorize`,
      token_endpoint: `${ISS}/token`,
      jwks_uri: `${ISS}/jwks`,
      userinfo_endpoint: `${ISS}/userinfo`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['openid', 'profile'],
      authorization_response_iss_parameter_supported: true,
    });
    const other = await m.app.request(
      'https://pharma.example/sandbox-portal/.well-known/openid-configuration',
    );
    expect(((await other.json()) as { issuer: string }).issuer).toBe(
      'https://pharma.example/sandbox-portal',
    );
  });

  it('serves one public ES256 signing key', async () => {
    const { keys } = (await (await mountPortal().request('/jwks')).json()) as JSONWebKeySet;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0]?.kid).toBeTruthy();
    expect(keys[0]).not.toHaveProperty('d');
  });
});

describe('sandbox login page', () => {
  it('lists a button per test practitioner in a plain form, without any script', async () => {
    const m = mountPortal();
    const res = await m.request(`/authorize?${authorizeParams(pkcePair().challenge)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Portail national — environnement de test');
    expect(html).toContain('Se connecter en tant que Claire Dupont (RPPS 10001234565)');
    expect(html).toContain('Se connecter en tant que Marc Leroy (RPPS 10007654329)');
    expect(html).toMatch(
      /<form method="post" action="http:\/\/localhost\/sandbox-portal\/authorize">/,
    );
    expect(html).toContain('<input type="hidden" name="state" value="st-123">');
    expect(html).toContain('lang="fr"');
    expect(html.toLowerCase()).not.toContain('<script');
  });

  it('escapes request parameters it echoes into the form', async () => {
    const m = mountPortal();
    const params = authorizeParams(pkcePair().challenge, { state: '"><script>x</script>' });
    const html = await (await m.request(`/authorize?${params}`)).text();
    expect(html.toLowerCase()).not.toContain('<script');
  });

  it.each([
    ['an unknown client', { client_id: 'intrus' }],
    ['a relative redirect_uri', { redirect_uri: '/retour' }],
    ['a non-http redirect_uri', { redirect_uri: 'javascript:alert(1)' }],
    ['plain PKCE', { code_challenge_method: 'plain' }],
    ['a missing code_challenge', { code_challenge: '' }],
    ['another response_type', { response_type: 'token' }],
  ])('refuses %s with a 400 French page, never a redirect', async (_name, extra) => {
    const m = mountPortal();
    const res = await m.request(`/authorize?${authorizeParams(pkcePair().challenge, extra)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Connexion impossible');
  });
});

describe('authorization code flow with PKCE', () => {
  it('redirects with code, state and the RFC 9207 issuer, then issues verifiable tokens', async () => {
    const m = mountPortal();
    const { verifier, challenge } = pkcePair();
    const back = await authorize(m, challenge);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.get('iss')).toBe(ISS);
    const res = await redeem(m, back.searchParams.get('code') ?? '', verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tokens = (await res.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: 600,
      scope: 'openid profile',
    });

    const jwks = createLocalJWKSet((await (await m.request('/jwks')).json()) as JSONWebKeySet);
    const now = new Date(m.clock.ms);
    const access = await jwtVerify(String(tokens.access_token), jwks, {
      issuer: ISS,
      audience: 'sidep-sandbox',
      currentDate: now,
    });
    expect(access.payload).toMatchObject({
      sub: CLAIRE.rpps,
      client_id: 'comptoir',
      name: CLAIRE.name,
    });
    expect(access.payload.jti).toBeTruthy();
    const id = await jwtVerify(String(tokens.id_token), jwks, {
      issuer: ISS,
      audience: 'comptoir',
      currentDate: now,
    });
    expect(id.payload).toMatchObject({
      sub: CLAIRE.rpps,
      rpps: CLAIRE.rpps,
      name: CLAIRE.name,
      nonce: 'n-456',
    });
    expect(id.protectedHeader.alg).toBe('ES256');
  });

  it('answers userinfo for a valid bearer token and 401 otherwise', async () => {
    const m = mountPortal();
    const { access_token } = await login(m, MARC.rpps);
    const ok = await m.request('/userinfo', {
      headers: { Authorization: `Bearer ${access_token}` },
    });
    expect(await ok.json()).toEqual({ sub: MARC.rpps, name: MARC.name, rpps: MARC.rpps });
    const bad = await m.request('/userinfo', { headers: { Authorization: 'Bearer abc' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('refuses a wrong code_verifier with invalid_grant', async () => {
    const m = mountPortal();
    const { code } = await codeAndVerifier(m);
    const res = await redeem(m, code, pkcePair().verifier);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant' });
  });

  it('accepts a code once only', async () => {
    const m = mountPortal();
    const { code, verifier } = await codeAndVerifier(m);
    expect((await redeem(m, code, verifier)).status).toBe(200);
    const again = await redeem(m, code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_grant' });
  });

  it('accepts a code at 59.999 s and refuses it at 60 s', async () => {
    const m = mountPortal();
    const early = await codeAndVerifier(m);
    m.clock.ms += 59_999;
    expect((await redeem(m, early.code, early.verifier)).status).toBe(200);
    const late = await codeAndVerifier(m);
    m.clock.ms += 60_000;
    const res = await redeem(m, late.code, late.verifier);
    expect(await res.json()).toEqual({ error: 'invalid_grant' });
  });

  it('binds the code to its redirect_uri and client', async () => {
    const m = mountPortal({ clientIds: ['comptoir', 'autre'] });
    const a = await codeAndVerifier(m);
    const wrongUri = await tokenRequest(m, {
      grant_type: 'authorization_code',
      code: a.code,
      redirect_uri: 'http://localhost:5173/ailleurs',
      code_verifier: a.verifier,
    });
    expect(await wrongUri.json()).toEqual({ error: 'invalid_grant' });
    const b = await codeAndVerifier(m);
    const wrongClient = await m.request(
      '/token',
      form({
        grant_type: 'authorization_code',
        code: b.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: b.verifier,
        client_id: 'autre',
      }),
    );
    expect(await wrongClient.json()).toEqual({ error: 'invalid_grant' });
  });

  it.each([
    [{ grant_type: 'password' }, 'unsupported_grant_type'],
    [{ grant_type: 'authorization_code' }, 'invalid_request'],
    [{ grant_type: 'refresh_token', client_id: 'intrus', refresh_token: 'x' }, 'invalid_client'],
  ])('answers %j with %s', async (fields, error) => {
    const res = await tokenRequest(mountPortal(), fields);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error });
  });
});

describe('refresh tokens', () => {
  it('rotates on use and revokes the family when a rotated token is replayed', async () => {
    const m = mountPortal();
    const first = await login(m);
    const refresh = (token: string) =>
      tokenRequest(m, { grant_type: 'refresh_token', refresh_token: token });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const rotated = (await second.json()) as { refresh_token: string; access_token: string };
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect(rotated.access_token).not.toBe(first.access_token);

    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: 'invalid_grant' });
    // Reuse detection (RFC 9700 §4.14.2): the latest token of the family is revoked too.
    expect(await (await refresh(rotated.refresh_token)).json()).toEqual({ error: 'invalid_grant' });
  });
});
