/**
 * Several relays on one database: two PostgresBundleStore instances (two pools, as two relay
 * processes would have) race on the same vault. PostgreSQL, not the process, must settle
 * every race: unique gap-free seqs, one row per bundle id, one winner per device-log seq,
 * nonce or mailbox, an exact quota.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { BundleStore } from '../../../sync-server/store/bundle-store';
import { bundle, bytesOf, entry } from '../relay-sqlite/helpers';
import { freshSchema, usePostgresStores } from '../../pg/postgres';

const { open } = usePostgresStores();
let a: BundleStore;
let b: BundleStore;
const VAULT = 'vault-multi';

beforeEach(async () => {
  const url = await freshSchema('multi');
  [a, b] = [await open(url), await open(url)];
  expect(await a.createVault(entry(VAULT, 0, 'genesis-device'), 1)).toBe('created');
});

/** `count` calls of `job(store, i)`, alternating the two relays, all at once. */
function race<T>(count: number, job: (store: BundleStore, i: number) => Promise<T>) {
  return Promise.all(Array.from({ length: count }, (_, i) => job(i % 2 === 0 ? a : b, i)));
}

describe('PostgresBundleStore shared by two relays', () => {
  it('gives concurrent pushes of distinct bundles unique, gap-free seqs', async () => {
    const results = await race(120, (store, i) =>
      store.putBundle(bundle(VAULT, `bundle-${i}`, bytesOf(i, 100))),
    );
    const seqs = results.map((r) => (r.status === 'stored' ? r.seq : -1));
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs.map((_, i) => i + 1));
    expect(await a.lastSeq(VAULT)).toBe(120);
    expect(await b.usage(VAULT)).toBe(120 * 100);
    const listed = await b.listBundles(VAULT, 0, 1000);
    expect(listed.map((x) => x.seq)).toEqual(seqs.map((_, i) => i + 1));
  });

  it('stores one row for concurrent identical pushes through both relays', async () => {
    const bytes = bytesOf(7, 64);
    const results = await race(12, (store) => store.putBundle(bundle(VAULT, 'same', bytes)));
    expect(results.filter((r) => r.status === 'stored')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(11);
    expect(new Set(results.map((r) => ('seq' in r ? r.seq : 0)))).toEqual(new Set([1]));
    expect(await a.listBundles(VAULT, 0, 10)).toHaveLength(1);
    expect(await b.usage(VAULT)).toBe(64);
  });

  it('answers conflict to the loser of concurrent pushes of one id with different bytes', async () => {
    const results = await race(10, (store, i) =>
      store.putBundle(bundle(VAULT, 'contested', bytesOf(i % 2, 32))),
    );
    const winner = results.findIndex((r) => r.status === 'stored');
    expect(winner).toBeGreaterThanOrEqual(0);
    results.forEach((r, i) =>
      expect(r.status).toBe(
        i === winner ? 'stored' : i % 2 === winner % 2 ? 'duplicate' : 'conflict',
      ),
    );
    expect(await a.lastSeq(VAULT)).toBe(1);
  });

  it('lets exactly one of concurrent device-log appends at the same seq through', async () => {
    const results = await race(10, (store, i) =>
      store.appendDeviceEntry(entry(VAULT, 1, `device-${i}`)),
    );
    expect(results.filter((r) => r === 'appended')).toHaveLength(1);
    const log = await b.deviceLog(VAULT);
    expect(log.map((e) => e.seq)).toEqual([0, 1]);
    const winner = log[1]?.deviceId ?? '';
    const devices = await race(10, (store, i) => store.device(`device-${i}`));
    expect(devices.filter((d) => d !== null).map((d) => d?.deviceId)).toEqual([winner]);
  });

  it('creates a vault once when two relays create it at the same time', async () => {
    const results = await race(6, (store, i) =>
      store.createVault(entry('vault-new', 0, `creator-${i}`), 1),
    );
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    expect(await a.deviceLog('vault-new')).toHaveLength(1);
  });

  it('enforces the quota exactly under concurrent pushes', async () => {
    const results = await race(20, (store, i) =>
      store.putBundle(bundle(VAULT, `q-${i}`, bytesOf(i, 10), { quotaBytes: 100 })),
    );
    expect(results.filter((r) => r.status === 'stored')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'quota')).toHaveLength(10);
    expect(await a.usage(VAULT)).toBe(100);
  });

  it('accepts a nonce once and hands a mailbox out once across relays', async () => {
    const nonces = await race(10, (store) => store.rememberNonce('device-n', 'n1', 5_000, 1_000));
    expect(nonces.filter(Boolean)).toHaveLength(1);
    const puts = await race(6, (store, i) => store.putMailbox('box', bytesOf(i, 8), 5_000, 1_000));
    expect(puts.filter(Boolean)).toHaveLength(1);
    const takes = await race(6, (store) => store.takeMailbox('box', 2_000));
    expect(takes.filter((t) => t !== null)).toHaveLength(1);
  });

  it('keeps usage exact and seqs fresh when both relays sweep while pushes go on', async () => {
    for (let i = 0; i < 30; i++) {
      await a.putBundle(bundle(VAULT, `old-${i}`, bytesOf(i, 10), { receivedAt: 100 }));
    }
    const [pushed, sweptA, sweptB] = await Promise.all([
      race(30, (store, i) =>
        store.putBundle(bundle(VAULT, `new-${i}`, bytesOf(i, 20), { receivedAt: 500 })),
      ),
      a.deleteBundlesReceivedBefore(200),
      b.deleteBundlesReceivedBefore(200),
    ]);
    expect(sweptA + sweptB).toBe(30);
    expect(pushed.every((r) => r.status === 'stored' && r.seq > 30)).toBe(true);
    expect(await b.usage(VAULT)).toBe(30 * 20);
    expect(await a.lastSeq(VAULT)).toBe(60);
    expect(await b.deleteBundlesReceivedBefore(1_000)).toBe(30);
    expect(await a.putBundle(bundle(VAULT, 'after', bytesOf(1)))).toEqual({
      status: 'stored',
      seq: 61,
    });
  });
});
