/**
 * Malicious relay simulation (DESIGN.md "Sync relay": the relay is trusted for availability,
 * not integrity). Real devices (fake IndexedDB, real crypto, the real SyncEngine) sync through
 * the real relay app behind a `fetch` wrapper that drops, reorders, replays, injects or
 * tampers with bundles, and rolls back, forks or forges the device log — per device, so two
 * devices can be served different histories. For each attack the victim's SyncStatus (the
 * data SyncStatusBar renders in its role="alert" banner, or as the error line) must name the
 * right anomaly in French, nothing forged or unverifiable may reach the visit list, and once
 * the relay behaves again the honest data converge on every device (the merge is
 * order-independent; data the relay withheld come back with the author's next snapshot).
 */
import { describe, expect, it } from 'vitest';
import { exportSharedKeyring, importSharedKeyring, type Keyring } from '../../../app/crypto';
import { canonicalJson } from '../../../app/domain';
import { listDayVisits } from '../../../app/store';
import {
  createMemberEntry,
  loadDeviceLog,
  verifyDeviceLog,
  type IntegrityWarningKind,
} from '../../../app/sync';
import { BUNDLE_HEADER_BYTES, BUNDLE_OFFSET_DEVICE_SEQ } from '../../../sync-server/protocol';
import { DAY } from '../store/fixtures';
import { addVisits, firstDevice, joinDevice, visitIds, type TestDevice } from './engine-harness';
import {
  editBytes,
  headerOf,
  isBundle,
  maliciousRelay,
  offlineAuthor,
  type Attack,
  type MaliciousRelay,
  type PageItem,
} from './malicious-relay-harness';

const DAY_MS = 24 * 3600 * 1000;
/** Past every device's snapshot interval (7 days), well within the relay's retention. */
const UNTIL_NEXT_SNAPSHOT_MS = 8 * DAY_MS;
/** The advice every integrity warning ends with (warnings.ts). */
const ADVICE = /Prévenez le responsable de la pharmacie/;

/** A pharmacy: A (admin, "Comptoir 1") and B ("Comptoir 2") synced once through the relay. */
interface World {
  readonly relay: MaliciousRelay;
  readonly a: TestDevice;
  readonly b: TestDevice;
  /** Every device of the pharmacy (the convergence check covers them all). */
  readonly devices: TestDevice[];
  /** Visit ids written by honest devices. */
  readonly honest: Set<string>;
  /** Writes each visit on `d` and syncs after each: one bundle per visit. */
  write(d: TestDevice, ...ids: string[]): Promise<void>;
  /** Pairs another device (A appends it to the device log). */
  join(name: string): Promise<TestDevice>;
  /** Sets the attack, aimed at `victim` only. */
  attack(victim: TestDevice, attack: Attack): void;
}

async function pharmacy(): Promise<World> {
  const relay = maliciousRelay();
  const a = await firstDevice(relay);
  const b = await joinDevice(relay, a, 'Comptoir 2');
  await a.engine.syncNow(); // A's bundle 1 (its enable-sync snapshot)
  await b.engine.syncNow(); // B verifies the log, pushes its bundle 1, pulls A's
  const devices = [a, b];
  const honest = new Set<string>();
  return {
    relay,
    a,
    b,
    devices,
    honest,
    async write(d, ...ids) {
      for (const id of ids) {
        await addVisits(d, [id]);
        await d.engine.syncNow();
        honest.add(id);
      }
    },
    async join(name) {
      const d = await joinDevice(relay, a, name);
      devices.push(d);
      return d;
    },
    attack(victim, { bundles, deviceLog }) {
      const target = victim.keyring.deviceId;
      relay.attack = {
        ...(bundles && {
          bundles: (page, caller) => (caller === target ? bundles(page, caller) : page),
        }),
        ...(deviceLog && {
          deviceLog: (entries, caller) =>
            caller === target ? deviceLog(entries, caller) : entries,
        }),
      };
    },
  };
}

/** What a scenario expects on its victim. */
interface Verdict {
  readonly victim: TestDevice;
  /** Warnings in the victim's status, in order: kind, device concerned ('' = the log), words. */
  readonly warnings: readonly {
    readonly kind: IntegrityWarningKind;
    readonly deviceId: string;
    readonly mentions?: readonly string[];
  }[];
  /** The French error the status shows instead (sync refused outright). */
  readonly error?: RegExp;
  /** Visit ids that must not be on the victim after the attack (withheld or unverifiable). */
  readonly absent: readonly string[];
  /** Forged visit ids that must never reach any device, even after recovery. */
  readonly forged?: readonly string[];
  /** 'snapshot': the relay withheld honest bundles; they come back with the next snapshot. */
  readonly recovery: 'immediate' | 'snapshot';
}

interface Scenario {
  readonly name: string;
  play(w: World): Promise<Verdict>;
}

/** The single element of `list` (a scenario's precondition). */
function one<T>(list: readonly T[]): T {
  const [only] = list;
  if (list.length !== 1 || only === undefined) throw new Error(`expected one, got ${list.length}`);
  return only;
}

/** Keyring of a device with the vault keys but its own device keys (as pairing makes). */
const outsider = (a: Keyring): Keyring => importSharedKeyring(exportSharedKeyring(a));

const publicKeys = (k: Keyring, name: string) => ({
  id: k.deviceId,
  sign: k.deviceSignPublicKey,
  box: k.deviceBoxPublicKey,
  name,
});

/** Appends items at the end of a page under its last seq (the cursor stays honest). */
const appended = (page: { bundles: PageItem[]; next: number; more: boolean }, data: string[]) => ({
  ...page,
  bundles: [...page.bundles, ...data.map((d) => ({ seq: page.next, data: d }))],
});

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'a relay that drops one bundle of an author is reported as missing (lot 3)',
    async play(w) {
      await w.write(w.a, 'a1', 'a2', 'a3'); // A's bundles 2, 3, 4
      const A = w.a.keyring.deviceId;
      w.attack(w.b, {
        bundles: (p) => ({ ...p, bundles: p.bundles.filter((x) => !isBundle(x, A, 3)) }),
      });
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [{ kind: 'missing', deviceId: A, mentions: ['Comptoir 1', 'lot 3'] }],
        absent: ['a2'],
        recovery: 'snapshot',
      };
    },
  },
  {
    name: 'a relay that hides the start of an author’s history from a new device is reported as missing',
    async play(w) {
      await w.write(w.a, 'a1', 'a2'); // A's bundles 2, 3
      const c = await w.join('Comptoir 3');
      const A = w.a.keyring.deviceId;
      w.attack(c, {
        bundles: (p) => ({
          ...p,
          bundles: p.bundles.filter(
            (x) => !(headerOf(x).author === A && headerOf(x).deviceSeq <= 2),
          ),
        }),
      });
      await c.engine.syncNow();
      return {
        victim: c,
        warnings: [
          { kind: 'missing', deviceId: A, mentions: ['Comptoir 1', 'modifications antérieures'] },
        ],
        absent: ['a1'],
        recovery: 'snapshot',
      };
    },
  },
  {
    name: 'a relay that swaps two bundles of an author (with their seqs) is reported as reordered, and both apply',
    async play(w) {
      await w.write(w.a, 'a1', 'a2', 'a3');
      const A = w.a.keyring.deviceId;
      w.attack(w.b, {
        bundles: (p) => {
          const third = one(p.bundles.filter((x) => isBundle(x, A, 3)));
          const fourth = one(p.bundles.filter((x) => isBundle(x, A, 4)));
          const swap = (x: PageItem) => (x === third ? fourth : x === fourth ? third : x);
          return { ...p, bundles: p.bundles.map(swap) };
        },
      });
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [
          { kind: 'missing', deviceId: A, mentions: ['lot 3'] },
          { kind: 'reordered', deviceId: A, mentions: ['Comptoir 1', 'lot 3 après le lot 4'] },
        ],
        absent: [],
        recovery: 'immediate',
      };
    },
  },
  {
    name: 'a relay that replays an old bundle of an author after a newer one is reported as reordered, harmlessly',
    async play(w) {
      await w.write(w.a, 'a1', 'a2');
      await w.b.engine.syncNow(); // B is at A's bundle 3
      await w.write(w.a, 'a3'); // A's bundle 4
      const old = w.relay.bundle(w.a.keyring.deviceId, 2).data;
      w.attack(w.b, { bundles: (p) => appended(p, [old]) });
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [
          { kind: 'reordered', deviceId: w.a.keyring.deviceId, mentions: ['lot 2 après le lot 4'] },
        ],
        absent: [],
        recovery: 'immediate',
      };
    },
  },
  {
    name: 'a relay that alters the encrypted payload of a bundle is caught by the signature and nothing of it applies',
    async play(w) {
      await w.write(w.a, 'a1', 'a2'); // 'a2' travels in A's bundle 3
      const A = w.a.keyring.deviceId;
      w.attack(w.b, {
        bundles: (p) => ({
          ...p,
          bundles: p.bundles.map((x) =>
            isBundle(x, A, 3)
              ? {
                  ...x,
                  data: editBytes(x.data, (b) =>
                    b.set([(b[BUNDLE_HEADER_BYTES + 20] ?? 0) ^ 1], BUNDLE_HEADER_BYTES + 20),
                  ),
                }
              : x,
          ),
        }),
      });
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [{ kind: 'bad-signature', deviceId: A, mentions: ['Comptoir 1'] }],
        absent: ['a2'],
        recovery: 'snapshot',
      };
    },
  },
  {
    name: 'a relay that renumbers a bundle to paper over a dropped one is caught by the signature',
    async play(w) {
      await w.write(w.a, 'a1', 'a2', 'a3');
      const A = w.a.keyring.deviceId;
      w.attack(w.b, {
        bundles: (p) => ({
          ...p,
          bundles: p.bundles
            .filter((x) => !isBundle(x, A, 3))
            .map((x) =>
              isBundle(x, A, 4)
                ? { ...x, data: editBytes(x.data, (b) => b.set([3], BUNDLE_OFFSET_DEVICE_SEQ + 7)) }
                : x,
            ),
        }),
      });
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [{ kind: 'bad-signature', deviceId: A, mentions: ['Comptoir 1'] }],
        absent: ['a2', 'a3'],
        recovery: 'snapshot',
      };
    },
  },
  {
    name: 'a relay that slips in a bundle of another pharmacy’s vault has it refused',
    async play(w) {
      const z = await firstDevice(w.relay); // another pharmacy on the same relay
      await addVisits(z, ['other-pharmacy']);
      await z.engine.syncNow();
      const foreign = w.relay.bundle(z.keyring.deviceId, 1).data;
      await w.write(w.a, 'a1');
      w.attack(w.b, { bundles: (p) => appended(p, [foreign]) });
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [
          { kind: 'bad-signature', deviceId: z.keyring.deviceId, mentions: ['un appareil'] },
        ],
        absent: ['other-pharmacy'],
        forged: ['other-pharmacy'],
        recovery: 'immediate',
      };
    },
  },
  {
    name: 'a relay that adds its own device to the log and serves its bundles has both refused',
    async play(w) {
      const rogue = outsider(w.a.keyring); // even holding the vault keys, it is no member
      const injected = await (await offlineAuthor(rogue, () => w.relay.clock.t)).write(['rogue']);
      const log = await loadDeviceLog(w.a.db, w.a.keyring.vaultId);
      const forgedEntry = createMemberEntry(
        rogue,
        one(log ? [log] : []),
        'add',
        publicKeys(rogue, 'Comptoir 9'),
        w.relay.clock.t,
      );
      await w.write(w.a, 'a1');
      w.attack(w.b, {
        deviceLog: (entries) => [...entries, forgedEntry],
        bundles: (p) => appended(p, injected),
      });
      await w.b.engine.syncNow();
      const kept = await loadDeviceLog(w.b.db, w.b.keyring.vaultId);
      expect(kept?.members.has(rogue.deviceId)).toBe(false);
      return {
        victim: w.b,
        warnings: [
          { kind: 'device-log', deviceId: '', mentions: ['liste des appareils'] },
          { kind: 'unknown-device', deviceId: rogue.deviceId, mentions: ['appareil inconnu'] },
        ],
        absent: ['rogue'],
        forged: ['rogue'],
        recovery: 'immediate',
      };
    },
  },
  {
    name: 'a relay that rolls the device log back to hide a paired device has the log refused, the newer one kept',
    async play(w) {
      const c = await w.join('Comptoir 3');
      await w.b.engine.syncNow(); // B verifies the log naming C
      await w.write(c, 'c1');
      w.attack(w.b, { deviceLog: (entries) => entries.slice(0, 2) });
      await w.b.engine.syncNow();
      const kept = await loadDeviceLog(w.b.db, w.b.keyring.vaultId);
      expect(kept?.members.has(c.keyring.deviceId)).toBe(true);
      expect(await visitIds(w.b)).toContain('c1'); // still verified with the kept log
      return {
        victim: w.b,
        warnings: [
          { kind: 'device-log', deviceId: '', mentions: ["l'ancienne liste reste en vigueur"] },
        ],
        absent: [],
        recovery: 'immediate',
      };
    },
  },
  {
    name: 'a relay that serves one device a validly signed but forked device log has it refused',
    async play(w) {
      const c = await w.join('Comptoir 3');
      await w.b.engine.syncNow(); // B verifies [genesis, add B, add C]
      // A's "add D" at the same place as "add C": what A signs if the relay showed it a
      // rolled-back log while pairing D. Valid signatures, another history.
      const entries = await w.a.relay.deviceLog();
      const before = await verifyDeviceLog(entries.slice(0, 2), w.a.keyring.vaultId);
      const d = outsider(w.a.keyring);
      const branch = createMemberEntry(
        w.a.keyring,
        before,
        'add',
        publicKeys(d, 'Comptoir 4'),
        w.relay.clock.t,
      );
      w.attack(w.b, { deviceLog: (all) => [...all.slice(0, 2), branch] });
      await w.b.engine.syncNow();
      const kept = await loadDeviceLog(w.b.db, w.b.keyring.vaultId);
      expect(kept?.members.has(c.keyring.deviceId)).toBe(true);
      expect(kept?.members.has(d.deviceId)).toBe(false);
      return {
        victim: w.b,
        warnings: [{ kind: 'device-log', deviceId: '', mentions: ['ne prolonge pas'] }],
        absent: [],
        recovery: 'immediate',
      };
    },
  },
  {
    name: 'a relay that hides a paired device from one device only gets that device’s bundles refused as unknown',
    async play(w) {
      const c = await w.join('Comptoir 3');
      // B only ever sees [genesis, add B]: a consistent but partial view of the log.
      w.attack(w.b, { deviceLog: (entries) => entries.slice(0, 2) });
      await w.write(c, 'c1');
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [
          { kind: 'unknown-device', deviceId: c.keyring.deviceId, mentions: ['ignorées'] },
        ],
        absent: ['c1'],
        recovery: 'snapshot',
      };
    },
  },
  {
    name: 'a relay that serves a new device a forged device log stops its sync with a French error',
    async play(w) {
      await w.write(w.a, 'a1');
      const c = await w.join('Comptoir 3');
      w.attack(c, {
        deviceLog: (entries) =>
          entries.map((e, i) => (i === 1 ? { ...e, device: { ...e.device, name: 'Pirate' } } : e)),
      });
      await c.engine.syncNow();
      expect(c.engine.status.errorCode).toBe('integrity');
      return {
        victim: c,
        warnings: [],
        error: /n'est pas authentique/,
        absent: ['a1'],
        recovery: 'immediate',
      };
    },
  },
  {
    name: 'a relay that serves two devices different histories of an author (a restored backup) is caught as forked when they meet',
    async play(w) {
      await w.write(w.a, 'a1'); // A's bundle 2
      const A = w.a.keyring.deviceId;
      // A copy of A restored from the backup taken after bundle 1 writes its own bundle 2.
      const twin = await offlineAuthor(w.a.keyring, () => w.relay.clock.t, w.relay.bundle(A, 1));
      const twin2 = one(await twin.write(['twin']));
      const c = await w.join('Comptoir 3');
      // C gets [1, 2'] (a consistent chain on its own), B the real [1, 2, 3].
      w.attack(c, {
        bundles: (p) => ({
          ...p,
          bundles: p.bundles.map((x) => (isBundle(x, A, 2) ? { ...x, data: twin2 } : x)),
        }),
      });
      await c.engine.syncNow();
      expect(c.engine.status.warnings).toEqual([]);
      await w.write(w.a, 'a2'); // A's bundle 3 chains to the real bundle 2
      await w.b.engine.syncNow();
      await c.engine.syncNow();
      expect(w.b.engine.status.warnings).toEqual([]);
      return {
        victim: c,
        warnings: [{ kind: 'forked', deviceId: A, mentions: ['Comptoir 1', 'lot 3'] }],
        absent: ['a1'],
        recovery: 'snapshot',
      };
    },
  },
  {
    name: 'a relay that serves one device both branches of an author’s chain is caught as forked at once',
    async play(w) {
      await w.write(w.a, 'a1');
      const A = w.a.keyring.deviceId;
      const twin = await offlineAuthor(w.a.keyring, () => w.relay.clock.t, w.relay.bundle(A, 1));
      const twin2 = one(await twin.write(['twin']));
      w.attack(w.b, { bundles: (p) => appended(p, [twin2]) });
      await w.b.engine.syncNow();
      return {
        victim: w.b,
        warnings: [
          { kind: 'forked', deviceId: A, mentions: ['Deux versions différentes', 'lot 2'] },
        ],
        absent: [],
        recovery: 'immediate',
      };
    },
  },
];

/** The honest visits of `d` (by id), as canonical JSON. */
async function honestView(d: TestDevice, honest: ReadonlySet<string>): Promise<string> {
  const day = await listDayVisits(d.db, d.keyring, DAY);
  const visits = day.visits.filter((v) => honest.has(v.id)).sort((x, y) => (x.id < y.id ? -1 : 1));
  return canonicalJson(visits);
}

describe('malicious relay', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const w = await pharmacy();
    const verdict = await scenario.play(w);
    const { victim } = verdict;
    const status = victim.engine.status;

    // 1. Detected: the right kinds, about the right device, in French with the advice.
    expect(status.warnings.map((x) => ({ kind: x.kind, deviceId: x.deviceId }))).toEqual(
      verdict.warnings.map((x) => ({ kind: x.kind, deviceId: x.deviceId })),
    );
    verdict.warnings.forEach((expected, i) => {
      const detail = status.warnings[i]?.detail ?? '';
      expect(detail).toMatch(ADVICE);
      for (const words of expected.mentions ?? []) expect(detail).toContain(words);
    });
    if (verdict.error) {
      expect(status.error).toMatch(verdict.error);
    } else {
      expect(status.error).toBeUndefined();
    }
    // Shown: the status handed to the UI (onChange) is this one; SyncStatusBar renders a
    // non-empty `warnings` as its role="alert" banner and `error` as its error line.
    expect(victim.statuses.at(-1)).toEqual(status);
    expect(status.warnings.length > 0 || status.error !== undefined).toBe(true);

    // 2. Nothing forged, tampered or withheld reached the victim's visit list.
    const onVictim = await visitIds(victim);
    for (const id of verdict.absent) expect(onVictim).not.toContain(id);

    // 3. The relay behaves again: honest data converge on every device.
    w.relay.attack = null;
    if (verdict.recovery === 'snapshot') w.relay.clock.t += UNTIL_NEXT_SNAPSHOT_MS;
    for (let round = 0; round < 2; round += 1) for (const d of w.devices) await d.engine.syncNow();
    const expectedIds = [...w.honest].sort();
    const reference = await honestView(w.a, w.honest);
    for (const d of w.devices) {
      const ids = await visitIds(d);
      expect(ids.filter((id) => w.honest.has(id))).toEqual(expectedIds);
      for (const id of verdict.forged ?? []) expect(ids).not.toContain(id);
      expect(await honestView(d, w.honest)).toBe(reference);
      expect(d.engine.status.error).toBeUndefined();
    }
  });

  it('skips, without a warning, an exact replay of the bundle already at the head of a chain', async () => {
    // Not an attack with an effect: the bytes are those just applied (merge is idempotent).
    const w = await pharmacy();
    await w.write(w.a, 'a1');
    await w.b.engine.syncNow();
    const before = await honestView(w.b, w.honest);
    const head = w.relay.bundle(w.a.keyring.deviceId, 2).data;
    w.attack(w.b, { bundles: (p) => appended(p, [head, head]) });
    await w.b.engine.syncNow();
    expect(w.b.engine.status.warnings).toEqual([]);
    expect(await honestView(w.b, w.honest)).toBe(before);
  });
});
