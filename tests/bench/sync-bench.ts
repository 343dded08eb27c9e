/**
 * Sync part of `npm run bench` (`npx tsx tests/bench/sync-bench.ts`): 10,000 visits from
 * device A to device B through the relay, against the same 10,000 visits replicated by
 * PouchDB (pouchdb-bench.ts), runs interleaved. Node, in-memory storage on both devices
 * (fake-indexeddb; PouchDB's memory adapter) and on both servers (the relay on a
 * MemoryBundleStore in a child process; pouchdb-server --in-memory in a child process),
 * loopback HTTP. Writes `.dist/partial-sync.json`.
 *
 * Comptoir path: A and B are paired and have exchanged their initial snapshots; A then
 * records 10,000 visits with `putVisit` (sync on: each lands in the outbox). The clock
 * starts with A's `syncNow()` (device-log refresh, the outbox cut into bundles, sealed,
 * signed, pushed) and stops when B's `syncNow()` resolves (pulled, verified, decrypted,
 * merged and stored). B's `listDayVisits` is then checked to list 10,000 visits (timed
 * apart, in the note).
 */
import { performance } from 'node:perf_hooks';
import { listDayVisits, putVisit } from '../../app/store';
import type { PartialFigure } from './bench-api';
import { BENCH_DAY, benchVisit } from './fixtures';
import { writePartial } from './partials';
import { POUCH_NOTE, pouchSyncOnce, startPouchServer, type PouchServer } from './pouchdb-bench';
import { startRelayServer, type ServerChild } from './relay-child';
import { median } from './stats';
import { firstSyncDevice, pairedSyncDevice, type SyncDevice } from './sync-devices';

const VISITS = 10_000;
const RUNS = 3;

interface ComptoirRun {
  totalMs: number;
  pushMs: number;
  pullMs: number;
  fillMs: number;
  listMs: number;
}

async function cycle(d: SyncDevice): Promise<void> {
  const status = await d.engine.syncNow();
  if (status.error !== undefined) throw new Error(`sync failed: ${status.errorCode ?? '?'}`);
}

async function comptoirOnce(relayUrl: string): Promise<ComptoirRun> {
  const a = await firstSyncDevice(relayUrl);
  const b = await pairedSyncDevice(relayUrl, a);
  try {
    // Initial snapshots exchanged: the timed cycles carry only the 10,000 visits.
    await cycle(a);
    await cycle(b);
    await cycle(a);
    let t = performance.now();
    for (let i = 0; i < VISITS; i += 1) await putVisit(a.db, a.keyring, benchVisit(`v${i}`, i));
    const fillMs = performance.now() - t;
    t = performance.now();
    await cycle(a);
    const pushMs = performance.now() - t;
    await cycle(b);
    const totalMs = performance.now() - t;
    t = performance.now();
    const day = await listDayVisits(b.db, b.keyring, BENCH_DAY);
    const listMs = performance.now() - t;
    if (day.visits.length !== VISITS) throw new Error(`B lists ${day.visits.length} visits`);
    return { totalMs, pushMs, pullMs: totalMs - pushMs, fillMs, listMs };
  } finally {
    a.engine.stop();
    b.engine.stop();
    a.db.close();
    b.db.close();
  }
}

function figures(runs: ComptoirRun[], pouch: number[]): PartialFigure[] {
  const m = (pick: (r: ComptoirRun) => number) => median(runs.map(pick)).toFixed(0);
  const total = runs.map((r) => r.totalMs);
  const speedup = median(pouch) / median(total);
  return [
    {
      name: 'sync_10000_ms',
      env: 'node',
      unit: 'ms',
      runs: total,
      baseline: { label: 'PouchDB 9 replication, same visits, interleaved runs', runs: pouch },
      targetRatioMax: 0.2,
      note: `${RUNS} runs; A push ${m((r) => r.pushMs)} ms + B pull/apply ${m((r) => r.pullMs)} ms (medians); relay = the real app on a MemoryBundleStore in a child process, devices on fake-indexeddb (one IDBFactory each), real libsodium, loopback HTTP, per-device rate limit raised to 1,000,000/s; visits recorded with putVisit after enableSync (${m((r) => r.fillMs)} ms, not timed); B's listDayVisits = ${VISITS} checked after (${m((r) => r.listMs)} ms, not timed); PouchDB / Comptoir = ${speedup.toFixed(2)}× (target ≥ 5×)`,
    },
    {
      name: 'pouchdb_sync_10000_ms',
      env: 'node',
      unit: 'ms',
      runs: pouch,
      note: `${RUNS} runs interleaved with sync_10000_ms; ${POUCH_NOTE}`,
    },
  ];
}

async function main(): Promise<void> {
  let relay: ServerChild | null = null;
  let pouchServer: PouchServer | null = null;
  try {
    relay = await startRelayServer('memory');
    pouchServer = await startPouchServer();
    const runs: ComptoirRun[] = [];
    const pouch: number[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const r = await comptoirOnce(relay.url);
      runs.push(r);
      pouch.push(await pouchSyncOnce(pouchServer, VISITS, `run${run}`));
      console.log(
        `sync: run ${run}/${RUNS}: Comptoir ${r.totalMs.toFixed(0)} ms (push ${r.pushMs.toFixed(0)}, pull ${r.pullMs.toFixed(0)}), PouchDB ${(pouch.at(-1) ?? 0).toFixed(0)} ms`,
      );
    }
    writePartial('sync', figures(runs, pouch));
  } finally {
    await relay?.stop();
    await pouchServer?.stop();
  }
}

await main();
