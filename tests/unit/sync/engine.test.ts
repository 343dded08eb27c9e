import { describe, expect, it } from 'vitest';
import { readSyncMeta, readSyncState } from '../../../app/store';
import {
  BACKOFF_BASE_MS,
  SyncEngine,
  backoffDelay,
  flushPendingBundle,
  loadDeviceLog,
  pushBundle,
  runSyncCycle,
  type RelayClient,
  type SyncStatus,
} from '../../../app/sync';
import { addVisits, firstDevice, joinDevice, testRelay, visitIds } from './engine-harness';

describe('sync engine', () => {
  it('re-pushes the SAME bundle after a crash between push and bookkeeping (relay: duplicate)', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await addVisits(a, ['v1']);
    // The relay stores the bundle, then the device "crashes" before recording it.
    const crashing: RelayClient = {
      ...a.relay,
      pushBundle: async (bytes) => {
        await a.relay.pushBundle(bytes);
        throw new Error('power cut');
      },
    };
    const ctx = { db: a.db, keyring: a.keyring, relay: crashing, now: () => relay.clock.t };
    await expect(pushBundle(ctx, [], 0, false)).rejects.toThrow('power cut');
    expect((await readSyncMeta(a.db)).deviceSeq).toBe(0);
    expect(await readSyncState(a.db, 'pending-bundle')).not.toBeNull();
    const pushes: boolean[] = [];
    const watching: RelayClient = {
      ...a.relay,
      pushBundle: async (bytes) => {
        const r = await a.relay.pushBundle(bytes);
        pushes.push(r.duplicate);
        return r;
      },
    };
    expect(await flushPendingBundle({ ...ctx, relay: watching })).toBe(true);
    expect(pushes).toEqual([true]);
    expect((await readSyncMeta(a.db)).deviceSeq).toBe(1);
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await visitIds(b)).toEqual(['v1']);
    expect(b.engine.status.warnings).toEqual([]);
  });

  it('reports offline in French, keeps changes pending, retries with backoff, then recovers', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    await addVisits(a, ['v1']);
    relay.offline = true;
    a.engine.start();
    const down = await a.engine.syncNow();
    expect(down).toMatchObject({ online: false, errorCode: 'network' });
    expect(down.pending).toBeGreaterThan(0);
    expect(down.error).toMatch(/injoignable/);
    expect(a.timers.at(-1)?.ms).toBe(backoffDelay(0, () => 0.5));
    await a.engine.syncNow();
    expect(a.timers.at(-1)?.ms).toBe(backoffDelay(1, () => 0.5));
    expect(backoffDelay(1, () => 0.5)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(30, () => 0.99)).toBeLessThanOrEqual(300_000);
    expect(backoffDelay(0, () => 0, 7000)).toBe(7000);
    relay.offline = false;
    const up = await a.engine.syncNow();
    expect(up).toMatchObject({ online: true, pending: 0 });
    expect(up.error).toBeUndefined();
    expect(up.lastSyncAt).toBe(relay.clock.t);
    a.engine.stop();
  });

  it('shares one cycle between concurrent syncNow calls', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    await addVisits(a, ['v1']);
    const [x, y] = await Promise.all([a.engine.syncNow(), a.engine.syncNow()]);
    expect(x).toBe(y);
    expect((await readSyncMeta(a.db)).deviceSeq).toBe(1);
  });

  it('reports pull progress while catching up', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    for (const id of ['v1', 'v2', 'v3']) {
      await addVisits(a, [id]);
      await a.engine.syncNow();
    }
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await b.engine.syncNow();
    const progress = b.statuses.map((s) => s.pulling).filter(Boolean);
    // A's three bundles, and B's own first one (pushed before the pull).
    expect(progress.at(-1)?.done).toBe(4);
    expect(b.engine.status.pulling).toBeUndefined();
  });

  it('pulls on relay events once started, and stops cleanly', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    const seen: SyncStatus[] = [];
    const live = new SyncEngine({
      db: b.db,
      keyring: () => b.keyring,
      relay: b.relay,
      now: () => relay.clock.t,
      setTimer: (fn, ms) => setTimeout(fn, Math.min(ms, 50)),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      random: Math.random,
      pollIntervalMs: 60_000,
      onChange: (s) => seen.push(s),
    });
    live.start();
    await live.syncNow();
    await addVisits(a, ['live-1']);
    await a.engine.syncNow();
    for (let i = 0; i < 100 && !(await visitIds(b)).includes('live-1'); i += 1) {
      await new Promise((r) => setTimeout(r, 20));
    }
    live.stop();
    expect(await visitIds(b)).toEqual(['live-1']);
  });

  it('warns and ignores bundles of a device the verified log does not name', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await b.engine.syncNow();
    // The relay rewrites the author id: a device nobody added.
    await addVisits(a, ['v1']);
    await a.engine.syncNow();
    relay.tamper = (page) => ({
      ...page,
      bundles: page.bundles.map((x) => {
        const bytes = Buffer.from(x.data, 'base64url');
        bytes.fill(7, 34, 50);
        return { ...x, data: bytes.toString('base64url') };
      }),
    });
    await b.engine.syncNow();
    expect(b.engine.status.warnings.map((w) => w.kind)).toContain('unknown-device');
    expect(await visitIds(b)).toEqual([]);
    b.engine.dismissWarnings();
    expect(b.engine.status.warnings).toEqual([]);
  });

  it('keeps the verified device log when the relay serves a rolled-back one, and warns', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await b.engine.syncNow();
    await addVisits(b, ['from-b']);
    await b.engine.syncNow();
    // The relay now hides B's "add" entry from A, who already verified it.
    await a.engine.syncNow();
    const rolledBack: RelayClient = {
      ...a.relay,
      deviceLog: async () => (await a.relay.deviceLog()).slice(0, 1),
    };
    const result = await runSyncCycle({
      db: a.db,
      keyring: a.keyring,
      relay: rolledBack,
      now: () => relay.clock.t,
    });
    expect(result.warnings.map((w) => w.kind)).toEqual(['device-log']);
    expect((await loadDeviceLog(a.db, a.keyring.vaultId))?.members.has(b.keyring.deviceId)).toBe(
      true,
    );
  });
});
