/** POST /v1/vaults: a vault is created by a self-signed genesis entry. */
import { describe, expect, it } from 'vitest';
import type { VaultId } from '../../../sync-server/protocol';
import { genesisEntry, randomId, relayApp, TestDevice } from './helpers';

function creation(
  device: TestDevice,
  opts: { vault?: string; mutate?: (g: object) => object } = {},
) {
  const vault = (opts.vault ?? randomId()) as VaultId;
  const genesis = genesisEntry(device, vault);
  return { vault, body: JSON.stringify({ vault, genesis: opts.mutate?.(genesis) ?? genesis }) };
}

describe('vault creation', () => {
  it('creates a vault from a genesis entry signed by the requesting device', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const { vault, body } = creation(device);
    const res = await h.request('/v1/vaults', device.signedInit('POST', '/v1/vaults', body));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ vault, seq: 0 });
    expect(await h.store.device(device.id)).toMatchObject({ vaultId: vault, revoked: false });
  });

  it('answers 409 when the vault id is taken', async () => {
    const h = relayApp();
    const vault = randomId();
    const first = new TestDevice();
    const { body } = creation(first, { vault });
    expect(
      (await h.request('/v1/vaults', first.signedInit('POST', '/v1/vaults', body))).status,
    ).toBe(201);
    const second = new TestDevice();
    const again = creation(second, { vault }).body;
    const res = await h.request('/v1/vaults', second.signedInit('POST', '/v1/vaults', again));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'conflict' });
  });

  it('answers 409 when the genesis device is already registered in a vault', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const one = creation(device).body;
    await h.request('/v1/vaults', device.signedInit('POST', '/v1/vaults', one));
    const two = creation(device).body;
    expect(
      (await h.request('/v1/vaults', device.signedInit('POST', '/v1/vaults', two))).status,
    ).toBe(409);
  });

  it('refuses a genesis entry whose own signature is bad (400)', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const { body } = creation(device, { mutate: (g) => ({ ...g, at: 1 }) });
    const res = await h.request('/v1/vaults', device.signedInit('POST', '/v1/vaults', body));
    expect(res.status).toBe(400);
    expect(await h.store.device(device.id)).toBeNull();
  });

  it('refuses a request signed by another key than the genesis key (401)', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const impostor = new TestDevice();
    const { body } = creation(device);
    const init = impostor.signedInit('POST', '/v1/vaults', body);
    (init.headers as Record<string, string>)['comptoir-device'] = device.id;
    const res = await h.request('/v1/vaults', init);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
  });

  it('refuses a request whose device header is not the genesis device (401)', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const other = new TestDevice();
    const { body } = creation(device);
    expect(
      (await h.request('/v1/vaults', other.signedInit('POST', '/v1/vaults', body))).status,
    ).toBe(401);
  });

  it('refuses a replayed creation request (same nonce) with 401', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const { body } = creation(device);
    const init = device.signedInit('POST', '/v1/vaults', body, { nonce: randomId() });
    expect((await h.request('/v1/vaults', init)).status).toBe(201);
    expect((await h.request('/v1/vaults', { ...init, body })).status).toBe(401);
  });

  it('refuses a body vault id that differs from the genesis vault, or a malformed body (400)', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const genesis = genesisEntry(device, randomId() as VaultId);
    const mismatch = JSON.stringify({ vault: randomId(), genesis });
    expect(
      (await h.request('/v1/vaults', device.signedInit('POST', '/v1/vaults', mismatch))).status,
    ).toBe(400);
    for (const bad of ['{', '[]', JSON.stringify({ vault: 'short', genesis })]) {
      expect(
        (await h.request('/v1/vaults', device.signedInit('POST', '/v1/vaults', bad))).status,
      ).toBe(400);
    }
  });
});
