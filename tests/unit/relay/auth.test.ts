/** Signed requests: headers, clock skew, nonces, body digest, devices and tenancy. */
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, NONCE_TTL_MS } from '../../../sync-server/protocol';
import { addDevice, chainEntry, createVault, randomId, relayApp, T0, TestDevice } from './helpers';

async function memberSetup() {
  const h = relayApp();
  const device = new TestDevice();
  const { vault, genesis } = await createVault(h, device);
  const path = `/v1/vaults/${vault}/devices`;
  return { h, device, vault, genesis, path };
}

describe('signed requests', () => {
  it('accepts a timestamp at skew N−1 and N, refuses N+1, in both directions', async () => {
    const { h, device, path } = await memberSetup();
    const at = async (timestamp: number) =>
      (await h.request(path, device.signedInit('GET', path, undefined, { timestamp }))).status;
    for (const sign of [1, -1]) {
      expect(await at(T0 + sign * (CLOCK_SKEW_MS - 1))).toBe(200);
      expect(await at(T0 + sign * CLOCK_SKEW_MS)).toBe(200);
      expect(await at(T0 + sign * (CLOCK_SKEW_MS + 1))).toBe(401);
    }
  });

  it('refuses a reused nonce while remembered, for the same device only', async () => {
    const { h, device, path } = await memberSetup();
    const nonce = randomId();
    const init = () => device.signedInit('GET', path, undefined, { nonce });
    expect((await h.request(path, init())).status).toBe(200);
    const replay = await h.request(path, init());
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: 'unauthorized' });
    // After 2 × skew the nonce is forgotten, but then the timestamp is out of the window.
    h.clock.now = T0 + NONCE_TTL_MS;
    expect((await h.request(path, init())).status).toBe(401);
  });

  it('refuses a body that is not the one signed (bad digest)', async () => {
    const { h, device, vault } = await memberSetup();
    const path = `/v1/vaults/${vault}/bundles`;
    const init = device.signedInit('POST', path, 'actual body', { signedBody: 'another body' });
    expect((await h.request(path, init)).status).toBe(401);
  });

  it('refuses a signature over another path or method', async () => {
    const { h, device, vault, path } = await memberSetup();
    const otherPath = device.signedInit('GET', `/v1/vaults/${vault}/bundles`);
    expect((await h.request(path, otherPath)).status).toBe(401);
    const query = device.signedInit('GET', `${path}?x=1`);
    expect((await h.request(path, query)).status).toBe(401);
  });

  it('refuses missing or malformed signature headers', async () => {
    const { h, device, path } = await memberSetup();
    expect((await h.request(path)).status).toBe(401);
    for (const [name, value] of [
      ['comptoir-device', 'not-an-id'],
      ['comptoir-timestamp', '+1750000000000'],
      ['comptoir-timestamp', '1750000000000.0'],
      ['comptoir-nonce', 'short'],
      ['comptoir-signature', 'AAAA'],
    ] as const) {
      const init = device.signedInit('GET', path);
      (init.headers as Record<string, string>)[name] = value;
      expect((await h.request(path, init)).status).toBe(401);
    }
  });

  it('refuses an unknown device with 401', async () => {
    const { h, path } = await memberSetup();
    const stranger = new TestDevice();
    const res = await h.request(path, stranger.signedInit('GET', path));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
  });

  it('refuses a revoked device with 401', async () => {
    const { h, device, genesis, path } = await memberSetup();
    const second = new TestDevice();
    const add = await addDevice(h, device, genesis, second);
    const revoke = chainEntry(device, add, 'revoke', second);
    expect(
      (await h.request(path, device.signedInit('POST', path, JSON.stringify(revoke)))).status,
    ).toBe(201);
    expect((await h.request(path, second.signedInit('GET', path))).status).toBe(401);
  });

  it('answers a device of vault A on vault B exactly as an unknown vault', async () => {
    const h = relayApp();
    const alice = new TestDevice();
    const bob = new TestDevice();
    await createVault(h, alice);
    const { vault: vaultB } = await createVault(h, bob);
    const foreign = await h.request(
      `/v1/vaults/${vaultB}/devices`,
      alice.signedInit('GET', `/v1/vaults/${vaultB}/devices`),
    );
    const missing = `/v1/vaults/${randomId()}/devices`;
    const unknown = await h.request(missing, alice.signedInit('GET', missing));
    const malformed = await h.request(
      '/v1/vaults/x/devices',
      alice.signedInit('GET', '/v1/vaults/x/devices'),
    );
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    const bodies = await Promise.all([foreign, unknown, malformed].map((r) => r.text()));
    expect(new Set(bodies)).toEqual(new Set(['{"error":"not_found"}']));
    expect(foreign.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
  });
});
