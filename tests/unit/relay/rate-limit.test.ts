/** Per-device token bucket keyed on the verified device id: 429 with Retry-After. */
import { describe, expect, it } from 'vitest';
import { createVault, relayApp, T0, TestDevice } from './helpers';

describe('rate limit', () => {
  it('answers 429 with Retry-After once the burst is spent, per device, and refills with time', async () => {
    const h = relayApp({ rateLimit: { perSecond: 1, burst: 3 } });
    const alice = new TestDevice();
    const bob = new TestDevice();
    const { vault } = await createVault(h, alice); // takes 1 token of alice
    await createVault(h, bob);
    const path = `/v1/vaults/${vault}/devices`;
    const get = (d: TestDevice) => h.request(path, d.signedInit('GET', path));
    expect((await get(alice)).status).toBe(200);
    expect((await get(alice)).status).toBe(200);
    const limited = await get(alice);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ error: 'too_many_requests' });
    // Bob's bucket is his own (he is 404 on alice's vault, but not limited).
    expect((await get(bob)).status).toBe(404);
    h.clock.now = T0 + 1000;
    expect((await get(alice)).status).toBe(200);
  });

  it('does not spend tokens of a device for requests with a bad signature', async () => {
    const h = relayApp({ rateLimit: { perSecond: 1, burst: 2 } });
    const alice = new TestDevice();
    const { vault } = await createVault(h, alice);
    const path = `/v1/vaults/${vault}/devices`;
    for (let i = 0; i < 5; i++) {
      const forged = alice.signedInit('GET', path, undefined, { signedBody: 'x' });
      expect((await h.request(path, forged)).status).toBe(401);
    }
    expect((await h.request(path, alice.signedInit('GET', path))).status).toBe(200);
  });
});
