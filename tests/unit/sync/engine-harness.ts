/**
 * Two (or more) devices of one pharmacy, each on its own fake IndexedDB, syncing through
 * the REAL relay app (MemoryBundleStore) reached in process with `app.request`, on a shared
 * controllable clock. `tamper` lets a test play a malicious relay on pull answers.
 */
import { exportSharedKeyring, importSharedKeyring, type Keyring } from '../../../app/crypto';
import {
  absorbIntakeEntries,
  enableSync,
  listDayVisits,
  saveIntakeEntry,
  type ComptoirDb,
} from '../../../app/store';
import {
  SyncEngine,
  changeMembership,
  createRelayClient,
  createRelayVault,
  type RelayClient,
  type SyncStatus,
} from '../../../app/sync';
import { canonicalJson } from '../../../app/domain';
import { createApp } from '../../../sync-server/app';
import { MemoryBundleStore } from '../../../sync-server/store/memory-store';
import { DAY, freshDb, intakeEntry, vaultDb } from '../store/fixtures';

export const RELAY_URL = 'http://relay.test';

/** A page of `GET …/bundles` as JSON, for tampering. */
export type PullPage = { bundles: { seq: number; data: string }[]; next: number; more: boolean };

/** The relay, its store, a shared clock and a tamper hook on pull answers. */
export interface TestRelay {
  readonly store: MemoryBundleStore;
  readonly clock: { t: number };
  tamper: ((page: PullPage) => PullPage) | null;
  /** When true every request fails like an unreachable network. */
  offline: boolean;
  readonly fetchImpl: typeof fetch;
}

/** Starts an in-process relay. */
export function testRelay(): TestRelay {
  const store = new MemoryBundleStore();
  const clock = { t: Date.now() };
  const app = createApp({
    staticDir: null,
    version: 't',
    relay: { store, now: () => clock.t, rateLimit: { perSecond: 10_000, burst: 10_000 } },
  });
  const relay: TestRelay = {
    store,
    clock,
    tamper: null,
    offline: false,
    fetchImpl: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (relay.offline) throw new TypeError('fetch failed');
      const url = input instanceof Request ? input.url : String(input);
      const response = await app.request(url, init);
      if (!relay.tamper || !/\/bundles\?/.test(url) || response.status !== 200) return response;
      const page = relay.tamper((await response.json()) as PullPage);
      return new Response(JSON.stringify(page), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch,
  };
  return relay;
}

/** One device: its database, keyring, relay client and engine. */
export interface TestDevice {
  readonly name: string;
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
  readonly relay: RelayClient;
  readonly engine: SyncEngine;
  readonly statuses: SyncStatus[];
  readonly timers: { fn: () => void; ms: number }[];
}

function device(name: string, db: ComptoirDb, keyring: Keyring, relay: TestRelay): TestDevice {
  const client = createRelayClient({
    baseUrl: RELAY_URL,
    keyring: () => keyring,
    fetchImpl: relay.fetchImpl,
    now: () => relay.clock.t,
  });
  const statuses: SyncStatus[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const engine = new SyncEngine({
    db,
    keyring: () => keyring,
    relay: client,
    now: () => relay.clock.t,
    // Timers are recorded, never fired: tests drive cycles with syncNow().
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
    random: () => 0.5,
    onChange: (s) => statuses.push(s),
  });
  return { name, db, keyring, relay: client, engine, statuses, timers };
}

/** Device A: a vault with an admin, created on the relay, sync enabled. */
export async function firstDevice(relay: TestRelay): Promise<TestDevice> {
  const t = await vaultDb();
  const a = device('Comptoir 1', t.db, t.keyring, relay);
  await createRelayVault(
    { db: a.db, keyring: a.keyring, relay: a.relay, now: () => relay.clock.t },
    a.name,
  );
  await enableSync(a.db, a.keyring, RELAY_URL);
  return a;
}

/**
 * Another device holding A's vault keys with its own device keys (what pairing produces),
 * added to the device log by A, with sync enabled on an empty database.
 */
export async function joinDevice(
  relay: TestRelay,
  a: TestDevice,
  name: string,
): Promise<TestDevice> {
  const keyring = importSharedKeyring(exportSharedKeyring(a.keyring));
  await changeMembership(
    { db: a.db, keyring: a.keyring, relay: a.relay, now: () => relay.clock.t },
    'add',
    {
      id: keyring.deviceId,
      sign: keyring.deviceSignPublicKey,
      box: keyring.deviceBoxPublicKey,
      name,
    },
  );
  const { db } = await freshDb();
  // The vault row a paired device writes when it adopts the received keyring.
  await db.meta.add({
    key: 'vault',
    vaultId: keyring.vaultId,
    intakePublicKey: keyring.intakePublicKey,
    deviceId: keyring.deviceId,
    createdAt: new Date(relay.clock.t).toISOString(),
  });
  await enableSync(db, keyring, RELAY_URL);
  return device(name, db, keyring, relay);
}

/** Records intake entries and absorbs them as visits (a local, offline change). */
export async function addVisits(d: TestDevice, ids: readonly string[]): Promise<void> {
  for (const id of ids) await saveIntakeEntry(d.db, d.keyring.intakePublicKey, intakeEntry(id, id));
  await absorbIntakeEntries(d.db, d.keyring);
}

/** The visits of the test day, sorted by id, as JSON (to compare devices). */
export async function visitsOf(d: TestDevice): Promise<string> {
  const day = await listDayVisits(d.db, d.keyring, DAY);
  return canonicalJson([...day.visits].sort((x, y) => (x.id < y.id ? -1 : 1)));
}

/** Visit ids of the test day, sorted. */
export async function visitIds(d: TestDevice): Promise<string[]> {
  const day = await listDayVisits(d.db, d.keyring, DAY);
  return day.visits.map((v) => v.id).sort();
}

/** Runs `rounds` sync cycles on each device in turn, so every change reaches every device. */
export async function settle(devices: readonly TestDevice[], rounds = 2): Promise<void> {
  for (let round = 0; round < rounds; round += 1) for (const d of devices) await d.engine.syncNow();
}

/** Deterministic PRNG (mulberry32) so a failing random sequence can be replayed. */
export function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
