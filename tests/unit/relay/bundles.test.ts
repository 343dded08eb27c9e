/** POST/GET /v1/vaults/:vault/bundles: push (idempotent by bundle id) and pull. */
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, parsePullBundlesResponse } from '../../../sync-server/protocol';
import { addDevice, createVault, makeBundle, randomId, relayApp, TestDevice } from './helpers';

async function setup(options: Parameters<typeof relayApp>[0] = {}) {
  const h = relayApp(options);
  const device = new TestDevice();
  const { vault, genesis } = await createVault(h, device);
  const path = `/v1/vaults/${vault}/bundles`;
  const push = (bytes: Uint8Array, by = device) =>
    h.request(path, by.signedInit('POST', path, bytes));
  const pull = (query: string, by = device) =>
    h.request(`${path}${query}`, by.signedInit('GET', `${path}${query}`));
  return { h, device, vault, genesis, path, push, pull };
}

describe('bundle push', () => {
  it('stores a valid bundle (201, seq 1) and answers a re-push as a duplicate (200, same seq)', async () => {
    const { device, vault, push } = await setup();
    const bundle = makeBundle(device, vault);
    const first = await push(bundle);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ seq: 1, duplicate: false });
    const again = await push(bundle);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ seq: 1, duplicate: true });
    const next = await push(makeBundle(device, vault, { deviceSeq: 1 }));
    expect(await next.json()).toEqual({ seq: 2, duplicate: false });
  });

  it('answers 409 for other bytes under an existing bundle id', async () => {
    const { device, vault, push } = await setup();
    const bundleId = randomId();
    expect((await push(makeBundle(device, vault, { bundleId, fill: 1 }))).status).toBe(201);
    const res = await push(makeBundle(device, vault, { bundleId, fill: 2 }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'conflict' });
  });

  it('answers 403 when the bundle author is not the caller, even a fellow member', async () => {
    const { h, device, vault, genesis, push } = await setup();
    const other = new TestDevice();
    await addDevice(h, device, genesis, other);
    const res = await push(makeBundle(other, vault), device);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'forbidden' });
  });

  it('answers 400 for a bad bundle signature, another vault, or a malformed bundle', async () => {
    const { device, vault, push } = await setup();
    const tampered = makeBundle(device, vault);
    tampered[100] = (tampered[100] ?? 0) ^ 1;
    expect((await push(tampered)).status).toBe(400);
    expect((await push(makeBundle(device, randomId()))).status).toBe(400);
    const wrongVersion = makeBundle(device, vault);
    wrongVersion[0] = 2;
    expect((await push(wrongVersion)).status).toBe(400);
    expect((await push(makeBundle(device, vault).subarray(0, 150))).status).toBe(400);
    expect((await push(new Uint8Array(0))).status).toBe(400);
  });

  it('answers 507 quota_exceeded when the vault would exceed its quota (N−1, N, N+1)', async () => {
    const author = new TestDevice();
    const size = makeBundle(author, randomId()).length;
    // usage after the second push: 2·size, against quotas of 2·size + 1, 2·size, 2·size − 1.
    for (const [quotaBytes, status] of [
      [2 * size + 1, 201],
      [2 * size, 201],
      [2 * size - 1, 507],
    ] as const) {
      const { device, vault, push } = await setup({ quotaBytes });
      expect((await push(makeBundle(device, vault))).status).toBe(201);
      const res = await push(makeBundle(device, vault));
      expect(res.status, `quota ${quotaBytes}`).toBe(status);
      if (status === 507) expect(await res.json()).toEqual({ error: 'quota_exceeded' });
    }
  });
});

describe('bundle pull', () => {
  it('pages with after/limit and tells whether more remain', async () => {
    const { device, vault, push, pull } = await setup();
    const pushed: Uint8Array[] = [];
    for (let i = 0; i < 5; i++) {
      const b = makeBundle(device, vault, { fill: i });
      pushed.push(b);
      await push(b);
    }
    const page1 = parsePullBundlesResponse(await (await pull('?after=0&limit=2')).json());
    expect(page1.bundles.map((b) => b.seq)).toEqual([1, 2]);
    expect(page1).toMatchObject({ next: 2, more: true });
    expect([...(decodeBase64Url(page1.bundles[0]?.data ?? '') ?? [])]).toEqual([
      ...(pushed[0] ?? []),
    ]);
    const page2 = parsePullBundlesResponse(await (await pull('?after=2&limit=3')).json());
    expect(page2.bundles.map((b) => b.seq)).toEqual([3, 4, 5]);
    expect(page2).toMatchObject({ next: 5, more: false });
    const empty = parsePullBundlesResponse(await (await pull('?after=5')).json());
    expect(empty).toEqual({ bundles: [], next: 5, more: false });
    const all = parsePullBundlesResponse(await (await pull('')).json());
    expect(all.bundles).toHaveLength(5);
  });

  it('accepts limit 1 and 1000, refuses 0, 1001 and malformed after/limit with 400', async () => {
    const { pull } = await setup();
    expect((await pull('?limit=1')).status).toBe(200);
    expect((await pull('?limit=1000')).status).toBe(200);
    for (const q of [
      '?limit=0',
      '?limit=1001',
      '?after=-1',
      '?after=1.5',
      '?after=abc',
      '?after=01',
      '?after=1&after=2',
      '?limit=',
    ]) {
      const res = await pull(q);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toEqual({ error: 'bad_request' });
    }
  });
});
