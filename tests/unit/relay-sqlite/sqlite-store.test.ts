import { describe, expect, it } from 'vitest';
import { bundle, bytesOf, entry, useStores } from './helpers';

describe('SqliteBundleStore: vaults and device log', () => {
  const { open } = useStores();

  it('creates a vault with its genesis entry and registers the genesis device', async () => {
    const store = open();
    const genesis = entry('v1', 0, 'd1');
    expect(await store.createVault(genesis, 5)).toBe('created');
    expect(await store.deviceLog('v1')).toEqual([genesis]);
    expect(await store.device('d1')).toEqual({
      deviceId: 'd1',
      vaultId: 'v1',
      signPublicKey: genesis.signPublicKey,
      revoked: false,
    });
  });

  it('answers exists when the vault id is taken, keeping the first genesis', async () => {
    const store = open();
    await store.createVault(entry('v1', 0, 'd1'), 5);
    expect(await store.createVault(entry('v1', 0, 'd2'), 6)).toBe('exists');
    expect((await store.deviceLog('v1')).map((e) => e.deviceId)).toEqual(['d1']);
    expect(await store.device('d2')).toBeNull();
  });

  it('returns an empty log and no device for unknown ids', async () => {
    const store = open();
    expect(await store.deviceLog('nope')).toEqual([]);
    expect(await store.device('nope')).toBeNull();
  });

  it('appends an entry only at exactly last seq + 1', async () => {
    const store = open();
    await store.createVault(entry('v1', 0, 'd1'), 5);
    expect(await store.appendDeviceEntry(entry('v1', 2, 'd2'))).toBe('conflict');
    expect(await store.appendDeviceEntry(entry('v1', 0, 'd2', 'add'))).toBe('conflict');
    expect(await store.appendDeviceEntry(entry('v1', 1, 'd2'))).toBe('appended');
    expect(await store.appendDeviceEntry(entry('v1', 1, 'd3'))).toBe('conflict');
    expect((await store.deviceLog('v1')).map((e) => e.seq)).toEqual([0, 1]);
    expect((await store.device('d2'))?.vaultId).toBe('v1');
  });

  it('refuses to append to a vault that does not exist', async () => {
    const store = open();
    expect(await store.appendDeviceEntry(entry('ghost', 1, 'd2'))).toBe('conflict');
  });

  it('marks a device revoked on a revoke entry, keeping it in the log', async () => {
    const store = open();
    await store.createVault(entry('v1', 0, 'd1'), 5);
    await store.appendDeviceEntry(entry('v1', 1, 'd2'));
    expect(await store.appendDeviceEntry(entry('v1', 2, 'd2', 'revoke'))).toBe('appended');
    expect((await store.device('d2'))?.revoked).toBe(true);
    expect((await store.device('d1'))?.revoked).toBe(false);
    expect((await store.deviceLog('v1')).map((e) => e.kind)).toEqual(['genesis', 'add', 'revoke']);
  });

  it('serialises concurrent appends at the same seq: one wins', async () => {
    const store = open();
    await store.createVault(entry('v1', 0, 'd1'), 5);
    const results = await Promise.all([
      store.appendDeviceEntry(entry('v1', 1, 'd2')),
      store.appendDeviceEntry(entry('v1', 1, 'd3')),
    ]);
    expect(results).toEqual(['appended', 'conflict']);
  });
});

describe('SqliteBundleStore: bundles', () => {
  const { open } = useStores();

  it('assigns seqs 1, 2, 3 per vault, independently across vaults', async () => {
    const store = open();
    expect(await store.putBundle(bundle('v1', 'b1', bytesOf(1)))).toEqual({
      status: 'stored',
      seq: 1,
    });
    expect(await store.putBundle(bundle('v1', 'b2', bytesOf(2)))).toEqual({
      status: 'stored',
      seq: 2,
    });
    expect(await store.putBundle(bundle('v2', 'b1', bytesOf(3)))).toEqual({
      status: 'stored',
      seq: 1,
    });
    expect(await store.lastSeq('v1')).toBe(2);
    expect(await store.lastSeq('v2')).toBe(1);
    expect(await store.lastSeq('v3')).toBe(0);
  });

  it('answers duplicate with the same seq for the same id and bytes, conflict for other bytes', async () => {
    const store = open();
    await store.putBundle(bundle('v1', 'b1', bytesOf(1)));
    expect(await store.putBundle(bundle('v1', 'b1', bytesOf(1)))).toEqual({
      status: 'duplicate',
      seq: 1,
    });
    expect(await store.putBundle(bundle('v1', 'b1', bytesOf(9)))).toEqual({ status: 'conflict' });
    expect(await store.lastSeq('v1')).toBe(1);
    expect(await store.usage('v1')).toBe(16);
  });

  it('accepts a bundle that reaches the quota exactly and refuses one byte more', async () => {
    const store = open();
    await store.putBundle(bundle('v1', 'b1', bytesOf(1, 60), { quotaBytes: 100 }));
    expect(await store.putBundle(bundle('v1', 'b2', bytesOf(2, 41), { quotaBytes: 100 }))).toEqual({
      status: 'quota',
    });
    expect(await store.putBundle(bundle('v1', 'b3', bytesOf(3, 40), { quotaBytes: 100 }))).toEqual({
      status: 'stored',
      seq: 2,
    });
    expect(await store.usage('v1')).toBe(100);
    // A duplicate is still recognised at full quota.
    expect(await store.putBundle(bundle('v1', 'b3', bytesOf(3, 40), { quotaBytes: 100 }))).toEqual({
      status: 'duplicate',
      seq: 2,
    });
  });

  it('lists bundles after a seq, ascending, at most limit, with their exact bytes', async () => {
    const store = open();
    for (let i = 1; i <= 5; i++) await store.putBundle(bundle('v1', `b${i}`, bytesOf(i, i)));
    const page = await store.listBundles('v1', 1, 3);
    expect(page).toEqual([
      { seq: 2, bytes: bytesOf(2, 2) },
      { seq: 3, bytes: bytesOf(3, 3) },
      { seq: 4, bytes: bytesOf(4, 4) },
    ]);
    expect(page[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect(await store.listBundles('v1', 5, 10)).toEqual([]);
    expect(await store.listBundles('other', 0, 10)).toEqual([]);
  });

  it('stores bytes verbatim, including a view into a larger buffer and an empty bundle', async () => {
    const store = open();
    const backing = bytesOf(7, 64);
    await store.putBundle(bundle('v1', 'view', backing.subarray(10, 20)));
    await store.putBundle(bundle('v1', 'empty', new Uint8Array(0)));
    expect(await store.listBundles('v1', 0, 10)).toEqual([
      { seq: 1, bytes: backing.slice(10, 20) },
      { seq: 2, bytes: new Uint8Array(0) },
    ]);
  });

  it('deletes bundles received strictly before the cut-off, frees usage, never reuses a seq', async () => {
    const store = open();
    await store.putBundle(bundle('v1', 'old', bytesOf(1, 10), { receivedAt: 100 }));
    await store.putBundle(bundle('v2', 'old', bytesOf(2, 20), { receivedAt: 199 }));
    await store.putBundle(bundle('v1', 'edge', bytesOf(3, 30), { receivedAt: 200 }));
    expect(await store.deleteBundlesReceivedBefore(200)).toBe(2);
    expect(await store.usage('v1')).toBe(30);
    expect(await store.usage('v2')).toBe(0);
    expect(await store.listBundles('v1', 0, 10)).toEqual([{ seq: 2, bytes: bytesOf(3, 30) }]);
    expect(await store.lastSeq('v2')).toBe(1);
    expect(await store.putBundle(bundle('v2', 'new', bytesOf(4)))).toEqual({
      status: 'stored',
      seq: 2,
    });
    expect(await store.deleteBundlesReceivedBefore(200)).toBe(0);
  });
});

describe('SqliteBundleStore: nonces and mailboxes', () => {
  const { open } = useStores();

  it('remembers a nonce per device and refuses its replay until it expires', async () => {
    const store = open();
    expect(await store.rememberNonce('d1', 'n1', 1_000, 0)).toBe(true);
    expect(await store.rememberNonce('d1', 'n1', 1_000, 999)).toBe(false);
    expect(await store.rememberNonce('d2', 'n1', 1_000, 999)).toBe(true);
    expect(await store.rememberNonce('d1', 'n1', 2_000, 1_000)).toBe(true);
    expect(await store.rememberNonce('d1', 'n1', 2_000, 1_500)).toBe(false);
  });

  it('refuses the second of two concurrent identical nonces', async () => {
    const store = open();
    const results = await Promise.all([
      store.rememberNonce('d1', 'n1', 1_000, 0),
      store.rememberNonce('d1', 'n1', 1_000, 0),
    ]);
    expect(results).toEqual([true, false]);
  });

  it('fills a mailbox once and hands its content out once', async () => {
    const store = open();
    expect(await store.putMailbox('m1', bytesOf(1), 1_000, 0)).toBe(true);
    expect(await store.putMailbox('m1', bytesOf(2), 1_000, 10)).toBe(false);
    expect(await store.takeMailbox('m1', 20)).toEqual(bytesOf(1));
    expect(await store.takeMailbox('m1', 30)).toBeNull();
    expect(await store.putMailbox('m1', bytesOf(3), 1_000, 40)).toBe(true);
  });

  it('treats a mailbox as empty from its expiry on', async () => {
    const store = open();
    await store.putMailbox('m1', bytesOf(1), 1_000, 0);
    await store.putMailbox('m2', bytesOf(2), 1_000, 0);
    expect(await store.takeMailbox('m1', 999)).toEqual(bytesOf(1));
    expect(await store.takeMailbox('m2', 1_000)).toBeNull();
    expect(await store.takeMailbox('never', 0)).toBeNull();
    await store.putMailbox('m3', bytesOf(3), 1_000, 0);
    expect(await store.putMailbox('m3', bytesOf(4), 3_000, 1_000)).toBe(true);
    expect(await store.takeMailbox('m3', 1_001)).toEqual(bytesOf(4));
  });
});

describe('SqliteBundleStore: close', () => {
  const { open } = useStores();

  it('commits queued writes before closing and rejects calls afterwards', async () => {
    const store = open();
    const put = store.putBundle(bundle('v1', 'b1', bytesOf(1)));
    await store.close();
    expect(await put).toEqual({ status: 'stored', seq: 1 });
    await expect(store.lastSeq('v1')).rejects.toThrow(/closed/);
    await expect(store.putBundle(bundle('v1', 'b2', bytesOf(2)))).rejects.toThrow(/closed/);
    await store.close();
  });
});
