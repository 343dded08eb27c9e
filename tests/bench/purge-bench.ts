/**
 * Purge part of `npm run bench` (`npx tsx tests/bench/purge-bench.ts`): the retention
 * purge of 10,000 expired visits (issue 6). Node, a vault on fake-indexeddb (in-memory),
 * real libsodium — the environment of the sync, portal and report benches. Writes
 * `.dist/partial-purge.json`.
 *
 * - `purge_10000_ms`: `purgeExpiredVisits` over 10,000 transmitted visits 30 days old
 *   (index scan, then per chunk of 250: bulk read, decrypt and check, tally sealed, rows
 *   deleted, tombstones and clocks written, one transaction each); baseline: reading and
 *   decrypting the same 10,000 visits (`listDayVisits` over their days), timed in the same
 *   runs, so the ratio is what the purge costs over the decryption it cannot avoid.
 * - `purge_longest_block_ms`: the longest stretch the purge held the event loop (between
 *   two pauses: one chunk), i.e. how long a tap on the counter could wait during a purge.
 * - `epoch_drop_10000_ms`: the 30-day key renewal on the same vault before the purge (a new
 *   epoch, then the 10,000 visits and every record sealed again under it in chunks of 250,
 *   then the old key dropped: crypto-shredding); same baseline.
 */
import { performance } from 'node:perf_hooks';
import { randomId } from '../../app/crypto';
import { DEFAULT_RETENTION, type Visit } from '../../app/domain';
import { listDayVisits, maintainEpochs, purgeExpiredVisits, putVisit } from '../../app/store';
import { vaultDb } from '../unit/store/fixtures';
import type { PartialFigure } from './bench-api';
import { benchVisit } from './fixtures';
import { writePartial } from './partials';
import { median } from './stats';

const VISITS = 10_000;
const RUNS = 3;
const MONTH = '2021-05';
const NOW = new Date('2021-07-15T10:00:00+02:00');

const dayOf = (i: number): string => `${MONTH}-${String((i % 31) + 1).padStart(2, '0')}`;

/** Visit `i`: transmitted on its day, weeks before NOW. */
function expiredVisit(i: number): Visit {
  const base = benchVisit(randomId(), i);
  const day = dayOf(i);
  const at = `${day}T18:00:00+02:00`;
  return {
    ...base,
    day,
    state: 'transmitted',
    transmission: { attempts: 1, receipt: `Observation/${i}`, transmittedAt: at },
  };
}

interface Run {
  readonly dropMs: number;
  readonly purgeMs: number;
  readonly readMs: number;
  readonly longestBlockMs: number;
  readonly purged: number;
}

async function oneRun(): Promise<Run> {
  const vault = await vaultDb();
  for (let i = 0; i < VISITS; i++) await putVisit(vault.db, vault.keyring, expiredVisit(i));
  const days = [...new Set(Array.from({ length: 31 }, (_, i) => dayOf(i)))];

  let t = performance.now();
  let read = 0;
  for (const day of days) read += (await listDayVisits(vault.db, vault.keyring, day)).visits.length;
  const readMs = performance.now() - t;
  if (read !== VISITS) throw new Error(`read ${read} visits, expected ${VISITS}`);

  t = performance.now();
  const self = { id: vault.keyring.deviceId, box: vault.keyring.deviceBoxPublicKey };
  const renewal = await maintainEpochs(vault.db, vault.keyring, {
    active: [self],
    now: Date.now() + 31 * 86_400_000,
    resealBudget: Number.POSITIVE_INFINITY,
  });
  const dropMs = performance.now() - t;
  if (renewal.dropped.length !== 1 || renewal.resealed < VISITS) {
    throw new Error(`renewal dropped ${renewal.dropped.length}, resealed ${renewal.resealed}`);
  }

  let longestBlockMs = 0;
  let since = performance.now();
  t = since;
  const outcome = await purgeExpiredVisits(vault.db, vault.keyring, DEFAULT_RETENTION, {
    now: NOW,
    pause: async () => {
      longestBlockMs = Math.max(longestBlockMs, performance.now() - since);
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = performance.now();
    },
  });
  const purgeMs = performance.now() - t;
  longestBlockMs = Math.max(longestBlockMs, performance.now() - since);
  if (outcome.purged.length !== VISITS) throw new Error(`purged ${outcome.purged.length}`);
  vault.db.close();
  return { dropMs, purgeMs, readMs, longestBlockMs, purged: outcome.purged.length };
}

async function main(): Promise<void> {
  console.log(`purge: ${VISITS} expired visits, ${RUNS} runs…`);
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await oneRun());
  const note = 'Node, fake-indexeddb (in-memory), real libsodium; chunks of 250 visits';
  const figures: PartialFigure[] = [
    {
      name: 'purge_10000_ms',
      env: 'node',
      unit: 'ms',
      runs: runs.map((r) => r.purgeMs),
      baseline: {
        label: 'reading and decrypting the same 10,000 visits',
        runs: runs.map((r) => r.readMs),
      },
      note,
    },
    {
      name: 'epoch_drop_10000_ms',
      env: 'node',
      unit: 'ms',
      runs: runs.map((r) => r.dropMs),
      baseline: {
        label: 'reading and decrypting the same 10,000 visits',
        runs: runs.map((r) => r.readMs),
      },
      note: `${note}; a new epoch, every row sealed again, the old key dropped`,
    },
    {
      name: 'purge_longest_block_ms',
      env: 'node',
      unit: 'ms',
      runs: runs.map((r) => r.longestBlockMs),
      note: `longest time the event loop was held between two chunks (median ${median(
        runs.map((r) => r.longestBlockMs),
      ).toFixed(0)} ms): the UI answers between chunks`,
    },
  ];
  writePartial('purge', figures);
}

await main();
