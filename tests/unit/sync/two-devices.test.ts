/**
 * Two devices of one pharmacy syncing through the real relay: offline changes on both
 * sides converge whatever the interleaving; a device catches up from a snapshot after the
 * relay's retention deleted older bundles; a relay dropping or reordering bundles is caught.
 */
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../../app/crypto';
import { getVisit, putVisit, readSyncMeta } from '../../../app/store';
import { pushBundle } from '../../../app/sync';
import {
  addVisits,
  firstDevice,
  settle,
  joinDevice,
  prng,
  testRelay,
  visitIds,
  visitsOf,
} from './engine-harness';

const DAY_MS = 24 * 3600 * 1000;

describe('two devices', () => {
  it.each([1, 2, 3])('converge to identical visit lists (interleaving seed %i)', async (seed) => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    const random = prng(seed);
    const steps: (() => Promise<unknown>)[] = [
      () => addVisits(a, [`a-${Math.floor(random() * 1e6)}`]),
      () => addVisits(b, [`b-${Math.floor(random() * 1e6)}`]),
      () => a.engine.syncNow(),
      () => b.engine.syncNow(),
    ];
    await addVisits(a, ['shared']);
    await a.engine.syncNow();
    await b.engine.syncNow();
    for (let i = 0; i < 10; i += 1) await steps[Math.floor(random() * steps.length)]?.();
    // Both edit the same visit while offline from each other: the merge decides, the same way.
    const onA = await getVisit(a.db, a.keyring, 'shared');
    await putVisit(a.db, a.keyring, { ...onA, identity: { ...onA.identity, city: 'Paris' } });
    const onB = await getVisit(b.db, b.keyring, 'shared');
    await putVisit(b.db, b.keyring, {
      ...onB,
      identity: { ...onB.identity, phone: '+33698765432' },
    });
    await putVisit(b.db, b.keyring, { ...onB, identity: { ...onB.identity, city: 'Lille' } });
    await settle(random() < 0.5 ? [a, b] : [b, a]);
    expect(await visitsOf(b)).toBe(await visitsOf(a));
    expect(await visitIds(a)).toContain('shared');
    for (const d of [a, b]) {
      expect(d.engine.status).toMatchObject({ online: true, pending: 0, warnings: [] });
      expect(d.engine.status.error).toBeUndefined();
    }
  });

  it('lets a new device catch up from a snapshot after older bundles expired', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await addVisits(a, ['old-1', 'old-2']);
    await a.engine.syncNow();
    await addVisits(b, ['old-b']);
    await b.engine.syncNow();
    await a.engine.syncNow();
    // A month later: A's periodic snapshot is due; then the relay's retention sweep runs.
    relay.clock.t += 31 * DAY_MS;
    await addVisits(a, ['new-1']);
    await a.engine.syncNow();
    expect(await relay.store.deleteBundlesReceivedBefore(relay.clock.t - DAY_MS)).toBeGreaterThan(
      0,
    );
    const c = await joinDevice(relay, a, 'Comptoir 3');
    await c.engine.syncNow();
    expect(await visitIds(c)).toEqual(['new-1', 'old-1', 'old-2', 'old-b']);
    expect(await visitsOf(c)).toBe(await visitsOf(a));
    expect(c.engine.status.warnings).toEqual([]);
  });

  it('warns when a relay drops one of an author’s bundles', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    for (const id of ['v1', 'v2', 'v3']) {
      await addVisits(a, [id]);
      await a.engine.syncNow();
    }
    relay.tamper = (page) => ({ ...page, bundles: page.bundles.filter((x) => x.seq !== 2) });
    await b.engine.syncNow();
    const kinds = b.engine.status.warnings.map((w) => w.kind);
    expect(kinds).toEqual(['missing']);
    expect(b.engine.status.warnings[0]).toMatchObject({ deviceId: a.keyring.deviceId });
    expect(b.engine.status.warnings[0]?.detail).toContain('Comptoir 1');
  });

  it('warns when a relay reorders an author’s bundles, and still converges', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    for (const id of ['v1', 'v2', 'v3']) {
      await addVisits(a, [id]);
      await a.engine.syncNow();
    }
    relay.tamper = (page) => {
      const [x, y, ...rest] = page.bundles;
      return x && y ? { ...page, bundles: [y, x, ...rest] } : page;
    };
    await b.engine.syncNow();
    expect(b.engine.status.warnings.map((w) => w.kind)).toContain('reordered');
    expect(await visitIds(b)).toEqual(['v1', 'v2', 'v3']);
  });

  it('stops before a bundle of a newer app version instead of skipping it', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await settle([a, b]);
    const cursor = (await readSyncMeta(b.db)).cursor;
    // A (already updated, say) pushes changes in a wire form this version does not know.
    const ctx = { db: a.db, keyring: a.keyring, relay: a.relay, now: () => relay.clock.t };
    await pushBundle(ctx, [utf8Encode('{"v":4,"visits":[]}')], 0, false);
    await addVisits(a, ['after-newer']);
    await a.engine.syncNow();
    const status = await b.engine.syncNow();
    expect(status.errorCode).toBe('protocol');
    expect(status.error).toMatch(/version plus récente de Comptoir/);
    expect(status.warnings).toEqual([]);
    // Nothing of the page was applied and the cursor stayed: nothing is skipped for good.
    expect((await readSyncMeta(b.db)).cursor).toBe(cursor);
    expect(await visitIds(b)).not.toContain('after-newer');
  });
});
