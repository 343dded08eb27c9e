/** The retention sweep deletes bundles by received time; seqs are never reused. */
import { describe, expect, it } from 'vitest';
import { sweepExpired } from '../../../sync-server/relay';
import { createVault, makeBundle, relayApp, T0, TestDevice } from './helpers';

const DAY_MS = 86_400_000;

describe('retention sweep', () => {
  it('deletes bundles received more than 30 days ago (N−1 kept, N+1 deleted)', async () => {
    const h = relayApp();
    const device = new TestDevice();
    const { vault } = await createVault(h, device);
    const path = `/v1/vaults/${vault}/bundles`;
    const push = async (at: number) => {
      h.clock.now = at;
      const init = device.signedInit('POST', path, makeBundle(device, vault), { timestamp: at });
      expect((await h.request(path, init)).status).toBe(201);
    };
    const now = T0 + 40 * DAY_MS;
    await push(now - 30 * DAY_MS - 1); // older than 30 days: deleted
    await push(now - 30 * DAY_MS); // exactly 30 days: kept
    await push(now - 30 * DAY_MS + 1);
    expect(await sweepExpired(h.store, now, 30)).toBe(1);
    expect((await h.store.listBundles(vault, 0, 10)).map((b) => b.seq)).toEqual([2, 3]);
    expect(await sweepExpired(h.store, now + DAY_MS, 30)).toBe(2);
    await push(now + DAY_MS);
    expect(await h.store.lastSeq(vault)).toBe(4);
  });
});
