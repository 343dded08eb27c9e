/** Generic error bodies and logs without bodies, nonces, signatures or mailbox ids. */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../sync-server/app';
import { createVault, makeBundle, randomId, relayApp, TestDevice } from './helpers';

const GENERIC = /^\{"error":"[a-z_]+"\}$/;

describe('error bodies and logs', () => {
  it('answers every refusal with a generic body that echoes no input', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const { vault } = await createVault(h, device);
    const secret = 'MARTIN-285047511112321';
    const bundles = `/v1/vaults/${vault}/bundles`;
    const responses = [
      await h.request(
        '/v1/vaults',
        device.signedInit('POST', '/v1/vaults', `{"vault":"${secret}"`),
      ),
      await h.request(bundles, device.signedInit('POST', bundles, secret)),
      await h.request(
        `${bundles}?after=${secret}`,
        device.signedInit('GET', `${bundles}?after=${secret}`),
      ),
      await h.request(`/v1/vaults/${secret}/devices`, { headers: { 'comptoir-device': secret } }),
      await h.request(`/v1/pairing/${secret}`, { method: 'PUT', body: secret }),
    ];
    for (const res of responses) {
      const text = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(text).toMatch(GENERIC);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('stack');
    }
  });

  it('logs route patterns, statuses and the verified device id only', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const { vault } = await createVault(h, device);
    const bundles = `/v1/vaults/${vault}/bundles`;
    const nonce = randomId();
    const bundle = makeBundle(device, vault, { fill: 0x5a });
    const init = device.signedInit('POST', bundles, bundle, { nonce });
    const signature = (init.headers as Record<string, string>)['comptoir-signature'] ?? '';
    expect((await h.request(bundles, init)).status).toBe(201);
    const mailbox = randomId();
    await h.request(`/v1/pairing/${mailbox}`, { method: 'PUT', body: 'pairing-payload' });
    await h.request(`/v1/pairing/${mailbox}`);
    const all = h.logs.join('\n');
    expect(all).toContain(`relay POST /v1/vaults/:vault/bundles 201 device=${device.id}`);
    expect(all).toContain('relay PUT /v1/pairing/:mailbox 201 device=-');
    expect(all).toContain('PUT /v1/pairing/:mailbox 201');
    for (const leak of [
      nonce,
      signature,
      mailbox,
      'pairing-payload',
      Buffer.from(bundle).toString('base64url').slice(0, 40),
    ]) {
      expect(all).not.toContain(leak);
    }
  });

  it('keeps the app without a relay as before: /v1/health answers, vault routes are 404', async () => {
    const app = createApp({ staticDir: null, version: '1.2.3' });
    expect(await (await app.request('/v1/health')).json()).toEqual({ ok: true, version: '1.2.3' });
    expect((await app.request('/v1/vaults', { method: 'POST' })).status).toBe(404);
    const h = relayApp();
    expect((await h.request('/v1/health')).status).toBe(200);
    expect((await h.request('/v1/config')).status).toBe(200);
    expect((await h.request('/v1/nothing')).status).toBe(404);
  });
});
