/**
 * The sandbox as the server mounts it: `/v1/config`, the mount at `/sandbox-portal` under
 * the app's CSP, and the portal configuration parsed from the environment.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../sync-server/app';
import { parseServerConfig } from '../../../sync-server/config';

const REAL = {
  COMPTOIR_PORTAL_ISSUER: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet',
  COMPTOIR_PORTAL_FHIR_BASE: 'https://sidep.example.gouv.fr/fhir',
  COMPTOIR_PORTAL_CLIENT_ID: 'comptoir-prod',
};

describe('sandbox portal mounted in the server app', () => {
  const logs: string[] = [];
  const app = createApp({
    staticDir: null,
    version: '1',
    sandboxPortal: true,
    log: (l) => logs.push(l),
  });

  it('points /v1/config at the sandbox on the request origin', async () => {
    const res = await app.request('https://pharma.example/v1/config');
    expect(await res.json()).toEqual({
      portal: {
        issuer: 'https://pharma.example/sandbox-portal',
        fhirBase: 'https://pharma.example/sandbox-portal/fhir',
        clientId: 'comptoir',
      },
    });
  });

  it('serves discovery and the login page under the strict CSP', async () => {
    const disco = await app.request(
      'http://localhost/sandbox-portal/.well-known/openid-configuration',
    );
    expect(((await disco.json()) as { issuer: string }).issuer).toBe(
      'http://localhost/sandbox-portal',
    );
    const page = await app.request('http://localhost/sandbox-portal/authorize?client_id=x');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers unknown portal routes 404 and logs paths without tokens', async () => {
    expect((await app.request('/sandbox-portal/nope')).status).toBe(404);
    logs.length = 0;
    await app.request('/sandbox-portal/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&client_id=comptoir&refresh_token=SECRET123',
    });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^POST \/sandbox-portal\/token 400 /);
    expect(logs.join('')).not.toContain('SECRET123');
  });

  it('mounts no sandbox when a real portal is configured, and reports that portal', async () => {
    const portal = {
      issuer: REAL.COMPTOIR_PORTAL_ISSUER,
      fhirBase: REAL.COMPTOIR_PORTAL_FHIR_BASE,
      clientId: 'c',
    };
    const prod = createApp({ staticDir: null, version: '1', portal, sandboxPortal: true });
    expect(await (await prod.request('/v1/config')).json()).toEqual({ portal });
    expect((await prod.request('/sandbox-portal/jwks')).status).toBe(404);
    const bare = createApp({ staticDir: null, version: '1' });
    expect(await (await bare.request('/v1/config')).json()).toEqual({ portal: null });
  });
});

describe('portal configuration from the environment', () => {
  it('means "use the sandbox" when COMPTOIR_PORTAL_FHIR_BASE is unset', () => {
    expect(parseServerConfig({}).portal).toBeNull();
  });

  it('reads the three variables of a real portal', () => {
    expect(parseServerConfig(REAL).portal).toEqual({
      issuer: REAL.COMPTOIR_PORTAL_ISSUER,
      fhirBase: REAL.COMPTOIR_PORTAL_FHIR_BASE,
      clientId: 'comptoir-prod',
    });
  });

  it.each(['http://localhost:9000/fhir', 'http://127.0.0.1/fhir'])(
    'accepts plain http on loopback: %s',
    (url) => {
      expect(parseServerConfig({ ...REAL, COMPTOIR_PORTAL_FHIR_BASE: url }).portal?.fhirBase).toBe(
        url,
      );
    },
  );

  it.each([
    ['COMPTOIR_PORTAL_FHIR_BASE', 'http://sidep.example/fhir'],
    ['COMPTOIR_PORTAL_FHIR_BASE', '/fhir'],
    ['COMPTOIR_PORTAL_ISSUER', 'ftp://auth.example'],
    ['COMPTOIR_PORTAL_ISSUER', 'https://auth.example/?realm=x'],
    ['COMPTOIR_PORTAL_ISSUER', undefined],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => parseServerConfig({ ...REAL, [name]: value })).toThrow(new RegExp(name));
  });

  it('refuses a missing client id, and an issuer without a FHIR base', () => {
    expect(() => parseServerConfig({ ...REAL, COMPTOIR_PORTAL_CLIENT_ID: '' })).toThrow(
      /CLIENT_ID/,
    );
    expect(() =>
      parseServerConfig({ COMPTOIR_PORTAL_ISSUER: REAL.COMPTOIR_PORTAL_ISSUER }),
    ).toThrow(/COMPTOIR_PORTAL_FHIR_BASE must be set/);
  });
});
