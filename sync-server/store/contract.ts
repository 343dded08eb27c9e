/**
 * describeBundleStoreContract(name, make): the behaviour every {@link BundleStore} must have,
 * as a reusable vitest suite (test support, not shipped code: it only runs when a
 * `*.test.ts` calls it). Each test gets a fresh store from `make` and closes it.
 * Boundaries: a nonce or mailbox is alive while `now < expiresAt`; quota allows
 * `usage + size <= quotaBytes`; retention deletes `receivedAt < before`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleStore, StoredDeviceEntry } from './bundle-store';

let counter = 0;
/** A fresh 22-character id (the store treats ids as opaque strings). */
const id = (tag: string): string => `${tag}${String(++counter).padStart(22, '0')}`.slice(-22);
const key = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
const bytes = (length: number, fill = 1): Uint8Array => new Uint8Array(length).fill(fill);

function entry(
  vaultId: string,
  seq: number,
  deviceId: string,
  kind: StoredDeviceEntry['kind'],
  fill = 7,
): StoredDeviceEntry {
  const hash = seq.toString(16).padStart(64, '0');
  const json = JSON.stringify({ seq, kind, device: deviceId });
  return { vaultId, seq, deviceId, kind, signPublicKey: key(fill), hash, json };
}

/** Registers the contract suite for the store built by `make`. */
export function describeBundleStoreContract(name: string, make: () => Promise<BundleStore>): void {
  describe(`BundleStore contract: ${name}`, () => {
    let open: BundleStore[] = [];
    const fresh = async (): Promise<BundleStore> => {
      const store = await make();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of open) await store.close();
      open = [];
    });

    async function vaultWithGenesis(store: BundleStore) {
      const vaultId = id('v');
      const deviceId = id('d');
      expect(await store.createVault(entry(vaultId, 0, deviceId, 'genesis'), 1000)).toBe('created');
      return { vaultId, deviceId };
    }

    it('creates a vault once and returns its genesis entry', async () => {
      const store = await fresh();
      const vaultId = id('v');
      const genesis = entry(vaultId, 0, id('d'), 'genesis');
      expect(await store.createVault(genesis, 1000)).toBe('created');
      expect(await store.createVault(entry(vaultId, 0, id('d'), 'genesis'), 1001)).toBe('exists');
      const log = await store.deviceLog(vaultId);
      expect(log).toHaveLength(1);
      expect(log[0]?.json).toBe(genesis.json);
      expect(log[0]?.hash).toBe(genesis.hash);
      expect([...(log[0]?.signPublicKey ?? [])]).toEqual([...genesis.signPublicKey]);
      expect(await store.deviceLog(id('v'))).toEqual([]);
    });

    it('appends device entries in seq order and refuses any seq but last + 1', async () => {
      const store = await fresh();
      const { vaultId } = await vaultWithGenesis(store);
      const added = id('d');
      expect(await store.appendDeviceEntry(entry(vaultId, 1, added, 'add'))).toBe('appended');
      expect(await store.appendDeviceEntry(entry(vaultId, 1, id('d'), 'add'))).toBe('conflict');
      expect(await store.appendDeviceEntry(entry(vaultId, 3, id('d'), 'add'))).toBe('conflict');
      expect(await store.appendDeviceEntry(entry(vaultId, 2, added, 'revoke'))).toBe('appended');
      expect((await store.deviceLog(vaultId)).map((e) => [e.seq, e.kind])).toEqual([
        [0, 'genesis'],
        [1, 'add'],
        [2, 'revoke'],
      ]);
    });

    it('looks devices up in any vault and marks them revoked after a revoke entry', async () => {
      const store = await fresh();
      const { vaultId, deviceId } = await vaultWithGenesis(store);
      const other = id('d');
      expect(await store.device(other)).toBeNull();
      await store.appendDeviceEntry(entry(vaultId, 1, other, 'add', 9));
      const before = await store.device(other);
      expect(before).toMatchObject({ deviceId: other, vaultId, revoked: false });
      expect([...(before?.signPublicKey ?? [])]).toEqual([...key(9)]);
      await store.appendDeviceEntry(entry(vaultId, 2, other, 'revoke', 9));
      expect(await store.device(other)).toMatchObject({ deviceId: other, vaultId, revoked: true });
      expect(await store.device(deviceId)).toMatchObject({ vaultId, revoked: false });
    });

    it('assigns per-vault server seqs from 1 and tracks lastSeq and usage', async () => {
      const store = await fresh();
      const a = await vaultWithGenesis(store);
      const b = await vaultWithGenesis(store);
      expect(await store.lastSeq(a.vaultId)).toBe(0);
      const put = (vaultId: string, size: number) =>
        store.putBundle({
          vaultId,
          bundleId: id('b'),
          deviceId: a.deviceId,
          bytes: bytes(size),
          receivedAt: 2000,
          quotaBytes: 1_000_000,
        });
      expect(await put(a.vaultId, 10)).toEqual({ status: 'stored', seq: 1 });
      expect(await put(a.vaultId, 20)).toEqual({ status: 'stored', seq: 2 });
      expect(await put(b.vaultId, 5)).toEqual({ status: 'stored', seq: 1 });
      expect(await store.lastSeq(a.vaultId)).toBe(2);
      expect(await store.usage(a.vaultId)).toBe(30);
      expect(await store.usage(b.vaultId)).toBe(5);
    });

    it('is idempotent by bundle id within a vault: duplicate, conflict, other vault', async () => {
      const store = await fresh();
      const a = await vaultWithGenesis(store);
      const b = await vaultWithGenesis(store);
      const bundleId = id('b');
      const put = (vaultId: string, data: Uint8Array, quotaBytes = 1_000_000) =>
        store.putBundle({
          vaultId,
          bundleId,
          deviceId: a.deviceId,
          bytes: data,
          receivedAt: 1,
          quotaBytes,
        });
      expect(await put(a.vaultId, bytes(8, 1))).toEqual({ status: 'stored', seq: 1 });
      expect(await put(a.vaultId, bytes(8, 1))).toEqual({ status: 'duplicate', seq: 1 });
      // A duplicate is answered even when the vault is now full.
      expect(await put(a.vaultId, bytes(8, 1), 0)).toEqual({ status: 'duplicate', seq: 1 });
      expect(await put(a.vaultId, bytes(8, 2))).toEqual({ status: 'conflict' });
      expect(await put(a.vaultId, bytes(9, 1))).toEqual({ status: 'conflict' });
      expect(await put(b.vaultId, bytes(8, 1))).toEqual({ status: 'stored', seq: 1 });
      expect(await store.lastSeq(a.vaultId)).toBe(1);
      expect(await store.usage(a.vaultId)).toBe(8);
    });

    it('enforces the quota at N−1, N and N+1 bytes', async () => {
      const store = await fresh();
      const { vaultId, deviceId } = await vaultWithGenesis(store);
      const put = (size: number) =>
        store.putBundle({
          vaultId,
          bundleId: id('b'),
          deviceId,
          bytes: bytes(size),
          receivedAt: 1,
          quotaBytes: 100,
        });
      expect((await put(99)).status).toBe('stored'); // 99 = N − 1
      expect((await put(1)).status).toBe('stored'); // 100 = N
      expect(await put(1)).toEqual({ status: 'quota' }); // 101 = N + 1
      expect(await store.usage(vaultId)).toBe(100);
      expect(await store.lastSeq(vaultId)).toBe(2);
    });

    it('lists bundles after a seq, ascending, at most limit, with their bytes', async () => {
      const store = await fresh();
      const { vaultId, deviceId } = await vaultWithGenesis(store);
      for (let i = 1; i <= 5; i++) {
        await store.putBundle({
          vaultId,
          bundleId: id('b'),
          deviceId,
          bytes: bytes(i, i),
          receivedAt: 1,
          quotaBytes: 1e6,
        });
      }
      const seqs = async (after: number, limit: number) =>
        (await store.listBundles(vaultId, after, limit)).map((b) => b.seq);
      expect(await seqs(0, 10)).toEqual([1, 2, 3, 4, 5]);
      expect(await seqs(2, 2)).toEqual([3, 4]);
      expect(await seqs(4, 1)).toEqual([5]);
      expect(await seqs(5, 10)).toEqual([]);
      const [third] = await store.listBundles(vaultId, 2, 1);
      expect([...(third?.bytes ?? [])]).toEqual([3, 3, 3]);
      expect(await store.listBundles(id('v'), 0, 10)).toEqual([]);
    });

    it('deletes bundles received before a time, keeps seqs monotone and frees usage', async () => {
      const store = await fresh();
      const { vaultId, deviceId } = await vaultWithGenesis(store);
      const put = (receivedAt: number) =>
        store.putBundle({
          vaultId,
          bundleId: id('b'),
          deviceId,
          bytes: bytes(10),
          receivedAt,
          quotaBytes: 1e6,
        });
      await put(100);
      await put(199);
      await put(200);
      expect(await store.deleteBundlesReceivedBefore(200)).toBe(2);
      expect((await store.listBundles(vaultId, 0, 10)).map((b) => b.seq)).toEqual([3]);
      expect(await store.usage(vaultId)).toBe(10);
      expect(await store.lastSeq(vaultId)).toBe(3);
      expect(await put(300)).toEqual({ status: 'stored', seq: 4 });
      expect(await store.deleteBundlesReceivedBefore(1000)).toBe(2);
      expect(await store.lastSeq(vaultId)).toBe(4);
      expect(await store.usage(vaultId)).toBe(0);
    });

    it('remembers nonces per device until they expire', async () => {
      const store = await fresh();
      const [d1, d2] = [id('d'), id('d')];
      expect(await store.rememberNonce(d1, 'n1', 1000, 0)).toBe(true);
      expect(await store.rememberNonce(d1, 'n1', 1500, 500)).toBe(false);
      expect(await store.rememberNonce(d2, 'n1', 1000, 500)).toBe(true);
      expect(await store.rememberNonce(d1, 'n1', 1999, 999)).toBe(false);
      expect(await store.rememberNonce(d1, 'n1', 2000, 1000)).toBe(true);
      expect(await store.rememberNonce(d1, 'n1', 2500, 1500)).toBe(false);
    });

    it('fills a mailbox once, hands its content out once, and forgets it after expiry', async () => {
      const store = await fresh();
      const box = id('m');
      expect(await store.putMailbox(box, bytes(3, 4), 1000, 0)).toBe(true);
      expect(await store.putMailbox(box, bytes(3, 5), 1000, 10)).toBe(false);
      expect([...((await store.takeMailbox(box, 999)) ?? [])]).toEqual([4, 4, 4]);
      expect(await store.takeMailbox(box, 999)).toBeNull();
      expect(await store.putMailbox(box, bytes(2, 6), 2000, 1000)).toBe(true);
      expect(await store.takeMailbox(box, 2000)).toBeNull();
      const late = id('m');
      expect(await store.putMailbox(late, bytes(1), 3000, 2000)).toBe(true);
      expect(await store.putMailbox(late, bytes(1, 2), 4000, 3000)).toBe(true);
      expect([...((await store.takeMailbox(late, 3999)) ?? [])]).toEqual([2]);
      expect(await store.takeMailbox(id('m'), 0)).toBeNull();
    });
  });
}
