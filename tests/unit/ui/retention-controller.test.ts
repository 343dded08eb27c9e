/**
 * The retention controller (issue 6): the purge runs when the session opens ("at
 * start-up", with the keys), publishes the warning for untransmitted visits, applies a
 * newly saved policy at once, and stops with the session.
 */
import { describe, expect, it } from 'vitest';
import { getVisit } from '../../../app/store';
import { RetentionController } from '../../../app/ui/hooks/retention';
import { TRANSMITTED_AT, storeVisit, vaultDb } from '../store/fixtures';

const DAY_MS = 86_400_000;

async function setUp(days: number) {
  const a = await vaultDb();
  let now = new Date(Date.parse(TRANSMITTED_AT) + days * DAY_MS);
  const purged: string[][] = [];
  let changes = 0;
  const controller = new RetentionController({
    db: () => a.db,
    keyring: () => a.keyring,
    changed: () => void changes++,
    purged: (ids) => void purged.push(ids),
    now: () => now,
  });
  return {
    a,
    controller,
    purged,
    changes: () => changes,
    setNow: (d: number) => (now = new Date(Date.parse(TRANSMITTED_AT) + d * DAY_MS)),
  };
}

describe('RetentionController', () => {
  it('purges at start, reports the run and the untransmitted visits', async () => {
    const t = await setUp(8);
    const old = await storeVisit(t.a, 'OLD', 'transmitted');
    await storeVisit(t.a, 'WAIT', 'resulted');
    await t.controller.start();
    t.controller.stop();
    await expect(getVisit(t.a.db, t.a.keyring, old.id)).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(t.purged).toEqual([[old.id]]);
    expect(t.changes()).toBe(1);
    const view = t.controller.view.value;
    expect(view.lastRun?.purged).toBe(1);
    expect(view.progress).toBeNull();
    expect(view.warning).toEqual({ count: 1, oldestDay: old.day });
    expect(view.error).toBeNull();
  });

  it('applies a saved policy at once, on this device and in the synced record', async () => {
    const t = await setUp(2);
    const visit = await storeVisit(t.a, 'SOON', 'transmitted');
    await t.controller.start();
    expect(t.purged).toEqual([]);
    await t.controller.savePolicy({ purgeAfterDays: 1, warnAfterDays: 3 });
    t.controller.stop();
    expect(t.purged).toEqual([[visit.id]]);
    expect(t.controller.view.value.policy).toEqual({ purgeAfterDays: 1, warnAfterDays: 3 });
  });

  it('shows a failure in French instead of throwing (locked keys)', async () => {
    const t = await setUp(8);
    await storeVisit(t.a, 'LOCK', 'transmitted');
    t.a.keyring.wipe();
    await t.controller.start();
    t.controller.stop();
    expect(t.controller.view.value.error).toMatch(/\S/);
    expect(t.purged).toEqual([]);
  });
});
