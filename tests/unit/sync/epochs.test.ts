/**
 * Epochs of the vault key across devices (issues 4 and 6), through the real relay app: a
 * 30-day rotation that every device adopts, switches to and then drops the old key of; and
 * the re-key after a removal, whose key the removed device never receives.
 */
import { describe, expect, it } from 'vitest';
import { envelopeEpoch, type Keyring } from '../../../app/crypto';
import { isEpochRecord } from '../../../app/domain';
import { readKeyStatus } from '../../../app/store';
import { openRecordRow } from '../../../app/store/record-rows';
import { changeMembership, epochStep } from '../../../app/sync';
import { verifyBundle } from '../../../app/sync/decode-bundle';
import {
  addVisits,
  firstDevice,
  settle,
  joinDevice,
  prng,
  testRelay,
  visitIds,
  visitsOf,
  type TestDevice,
  type TestRelay,
} from './engine-harness';

const DAY_MS = 86_400_000;

/** The key epoch of every bundle on the relay, by author, in server order. */
async function bundleEpochs(reader: TestDevice, signers: Map<string, Uint8Array>) {
  const page = await reader.relay.pullBundles(0, 500);
  return page.bundles.map((b) => {
    const checked = verifyBundle(b.data, {
      keyring: reader.keyring,
      deviceKey: (id) => signers.get(id) ?? null,
    });
    return { author: checked.header.deviceId, epoch: checked.header.keyEpoch };
  });
}

/** `by` removes `gone` as « Retirer » does: the revoke entry, then the re-key. */
async function removeDevice(relay: TestRelay, by: TestDevice, gone: TestDevice) {
  const ctx = { db: by.db, keyring: by.keyring, relay: by.relay, now: () => relay.clock.t };
  const after = await changeMembership(ctx, 'revoke', {
    id: gone.keyring.deviceId,
    sign: gone.keyring.deviceSignPublicKey,
    box: gone.keyring.deviceBoxPublicKey,
    name: gone.name,
  });
  return epochStep(ctx, after, true);
}

const signersOf = (...keyrings: Keyring[]) =>
  new Map(keyrings.map((k) => [k.deviceId, k.deviceSignPublicKey] as const));

describe('epochs across devices', () => {
  it('rotate after 30 days: both devices switch, then both forget epoch 1, and still converge', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await addVisits(a, ['v1']);
    await addVisits(b, ['v2']);
    await settle([a, b], 3);
    expect([a.keyring.epochs(), b.keyring.epochs()]).toEqual([[1], [1]]);

    relay.clock.t += 31 * DAY_MS;
    await settle([a, b], 3);
    const epoch = a.keyring.currentEpoch;
    expect(epoch).not.toBe(1);
    for (const d of [a, b]) {
      expect([d.keyring.epochs(), d.keyring.currentEpoch]).toEqual([[epoch], epoch]);
      const rows = [...(await d.db.records.toArray()), ...(await d.db.visits.toArray())];
      expect(new Set(rows.map((r) => r.epoch).filter((e) => e !== 0))).toEqual(new Set([epoch]));
      expect(d.engine.status.warnings).toEqual([]);
    }
    await addVisits(b, ['v3']);
    await settle([a, b], 3);
    expect(await visitIds(a)).toEqual(['v1', 'v2', 'v3']);
    expect(await visitsOf(a)).toBe(await visitsOf(b));
    // Nothing was sealed under the new epoch before both held it: every bundle still opened.
    const epochs = await bundleEpochs(a, signersOf(a.keyring, b.keyring));
    expect(epochs.at(-1)).toEqual({ author: b.keyring.deviceId, epoch });

    // A device paired now never held epoch 1, whose bundles are still on the relay: it
    // catches up from the snapshots, quietly.
    const c = await joinDevice(relay, a, 'Comptoir 3');
    expect(c.keyring.epochs()).toEqual([epoch]);
    await settle([a, b, c], 3);
    expect(await visitsOf(c)).toBe(await visitsOf(a));
    expect(c.engine.status.warnings).toEqual([]);
  });

  it('re-keys after a removal: the removed device never gets the new key', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    const c = await joinDevice(relay, a, 'Tablette perdue');
    await addVisits(a, ['v1']);
    await settle([a, b, c], 3);

    const rekey = await removeDevice(relay, a, c);
    const epoch = rekey.started ?? -1;
    await settle([a, b], 3);
    await addVisits(a, ['v-after']);
    await settle([a, b], 3);

    for (const d of [a, b]) expect(d.keyring.currentEpoch).toBe(epoch);
    expect(await visitIds(b)).toEqual(['v-after', 'v1']);
    expect(c.keyring.hasEpoch(epoch)).toBe(false);
    // The removed tablet is refused by the relay, and what is written now is not for its keys.
    await c.engine.syncNow();
    expect(c.engine.status.error).toBeDefined();
    const last = (await bundleEpochs(a, signersOf(a.keyring, b.keyring, c.keyring))).at(-1);
    expect(last?.epoch).toBe(epoch);
    const visitRow = await a.db.visits.get('v-after');
    expect(visitRow && 'env' in visitRow ? envelopeEpoch(visitRow.env) : 0).toBe(epoch);
  });

  it('adds a key copy for a device paired while an epoch was on its way, then switches', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    await settle([a, b], 3);
    relay.clock.t += 31 * DAY_MS;
    // B starts the rotation; A has not heard of it when it pairs C.
    await b.engine.syncNow();
    expect(await readKeyStatus(b.db, b.keyring)).toMatchObject({ dropped: 0, pending: true });
    const epoch = [...b.keyring.epochs()].find((e) => e !== 1) ?? -1;
    const c = await joinDevice(relay, a, 'Comptoir 3');
    expect(c.keyring.hasEpoch(epoch)).toBe(false);
    await settle([a, b, c], 3);
    // B's record had no copy for C: a device holding the key added one.
    const row = await a.db.records.get(`epoch:${epoch}`);
    const record = row ? openRecordRow(a.keyring, row, isEpochRecord) : null;
    expect(record?.createdBy).toBe(b.keyring.deviceId);
    expect(record?.retired).toBe(false);
    expect(Object.keys(record?.keys ?? {})).toContain(c.keyring.deviceId);
    for (const d of [a, b, c])
      expect([d.keyring.epochs(), d.keyring.currentEpoch]).toEqual([[epoch], epoch]);
    await addVisits(c, ['from-c']);
    await settle([a, b, c], 3);
    expect(await visitIds(a)).toEqual(['from-c']);
  });

  it('keeps syncing with a warning when an epoch record is damaged on this device', async () => {
    const relay = testRelay();
    const a = await firstDevice(relay);
    const b = await joinDevice(relay, a, 'Comptoir 2');
    relay.clock.t += 31 * DAY_MS;
    await settle([a, b], 3);
    const [row] = await a.db.records.where('kind').equals('epoch').toArray();
    if (!row) throw new Error('no epoch record');
    const env = row.env.slice();
    env[env.length - 1] = (env[env.length - 1] ?? 0) ^ 0xff;
    await a.db.records.put({ ...row, env });
    await addVisits(b, ['still-here']);
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect(a.engine.status.error).toBeUndefined();
    expect(a.engine.status.warnings.map((w) => w.kind)).toEqual(['keys']);
    expect(await visitIds(a)).toEqual(['still-here']);
  });

  it.each([11, 22, 33, 44])(
    'converge on one key whatever the order of syncs, rotations, pairings and a removal (seed %i)',
    async (seed) => {
      const random = prng(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const relay = testRelay();
      const a = await firstDevice(relay);
      const devices: TestDevice[] = [a, await joinDevice(relay, a, 'Comptoir 2')];
      let removed: TestDevice | null = null;
      let n = 0;
      for (let step = 0; step < 40; step += 1) {
        const roll = random();
        const d = pick(devices);
        if (roll < 0.35) await d.engine.syncNow();
        else if (roll < 0.6) await addVisits(d, [`s${seed}-${(n += 1)}`]);
        else if (roll < 0.8) relay.clock.t += Math.floor(random() * 20) * DAY_MS;
        else if (roll < 0.9 && devices.length < 4) {
          devices.push(await joinDevice(relay, d, `Comptoir ${devices.length + 1}`));
        } else if (removed === null && devices.length > 2) {
          // The first device removes the last one added, as « Retirer » does.
          const gone = devices.pop() as TestDevice;
          await a.engine.syncNow();
          await removeDevice(relay, a, gone);
          removed = gone;
        }
      }
      await settle(devices, 4);
      const current = a.keyring.currentEpoch;
      // Each sequence renewed the key at least once (clock jumps or the removal).
      expect(current).not.toBe(1);
      for (const d of devices) {
        expect(d.engine.status.warnings).toEqual([]);
        expect([d.name, d.keyring.epochs(), d.keyring.currentEpoch]).toEqual([
          d.name,
          [current],
          current,
        ]);
        expect(await visitsOf(d)).toBe(await visitsOf(a));
      }
      if (removed) expect(removed.keyring.hasEpoch(current)).toBe(false);
    },
  );
});
