/**
 * Report part of `npm run bench` (`npx tsx tests/bench/report-bench.ts`): the month report
 * over 20,000 visits of one month (May 2021: every day, 4 staff members, 5 kits, results
 * and transmission states mixed). Node, a vault on fake-indexeddb (in-memory), real
 * libsodium — the environment of the sync and portal benches. Writes
 * `.dist/partial-report.json`.
 *
 * - `month_report_20000_ms`: the full path, `listMonthTallies` (one transaction, two bulk
 *   reads, 20,000 visit envelopes decrypted and checked, reduced to tallies) then
 *   `monthReport`; baseline: `monthReport` alone on the same tallies (the pure
 *   computation), timed in the same runs. The note splits the rest into the bulk read
 *   (raw `toArray` of the same rows) and the decryption.
 * - `month_report_20000_purged_ms`: the same month after the purge, i.e. 20,000 stored
 *   tallies (`records` kind `'tally'`) and no live visit.
 */
import { performance } from 'node:perf_hooks';
import { randomId, type Keyring } from '../../app/crypto';
import {
  monthReport,
  monthReportCsv,
  tallyRecordId,
  tallyOfVisit,
  type ResultValue,
  type Visit,
  type VisitState,
} from '../../app/domain';
import { listMonthTallies, putVisit, TALLY_KIND, type ComptoirDb } from '../../app/store';
import { sealRecordRow } from '../../app/store/record-rows';
import { openVisitRow } from '../../app/store/visit-rows';
import { vaultDb } from '../unit/store/fixtures';
import type { PartialFigure } from './bench-api';
import { benchVisit } from './fixtures';
import { writePartial } from './partials';
import { median } from './stats';

const VISITS = 20_000;
const RUNS = 7;
const MONTH = '2021-05';
const STAFF = ['Claire Moreau', 'Hugo Lambert', 'Inès Garnier', 'Julien Faure'];
const KITS = ['1232', '1363', '1767', '2010', '345'];

/** Visit `i` of the month: day `i mod 31`, mixed results, readers, kits and states. */
function monthVisit(i: number): Visit {
  const base = benchVisit(randomId(), i);
  const day = `${MONTH}-${String((i % 31) + 1).padStart(2, '0')}`;
  const state: VisitState = i % 50 === 0 ? 'queued' : i % 97 === 0 ? 'rejected' : 'transmitted';
  const value: ResultValue = i % 101 === 0 ? 'invalid' : i % 9 === 0 ? 'positive' : 'negative';
  const staff = i % STAFF.length;
  const kitId = KITS[i % KITS.length] ?? '1232';
  if (!base.test || !base.result) throw new Error('benchVisit has a test and a result');
  return {
    ...base,
    day,
    state,
    test: { ...base.test, kitId, kitName: `Kit ${kitId}` },
    result: {
      ...base.result,
      value,
      readBy: { staffId: `staff${staff}`, name: STAFF[staff] ?? '', rpps: '10001234565' },
    },
    ...(state === 'transmitted' && {
      transmission: { attempts: 1, receipt: `Observation/${i}`, transmittedAt: base.updatedAt },
    }),
  };
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** A vault on its own fake-indexeddb factory. */
interface Vault {
  readonly db: ComptoirDb;
  readonly keyring: Keyring;
}

/**
 * Two vaults holding the month: `live` as visits written by putVisit (as the app writes
 * them), `purged` as the tallies a purge leaves (sealRecordRow + bulkPut).
 */
async function fill(): Promise<{ live: Vault; purged: Vault }> {
  const live = await vaultDb();
  const purged = await vaultDb();
  for (let i = 0; i < VISITS; i += 1) await putVisit(live.db, live.keyring, monthVisit(i));
  const tallies = await listMonthTallies(live.db, live.keyring, MONTH);
  if (tallies.length !== VISITS) throw new Error(`${tallies.length} tallies`);
  const rows = tallies.map((t) => sealRecordRow(purged.keyring, TALLY_KIND, tallyRecordId(t), t));
  await purged.db.records.bulkPut(rows);
  return { live, purged };
}

/** One run: full path on both vaults, the pure computation, and the full path's parts. */
interface Run {
  full: number;
  pure: number;
  purged: number;
  /** Bulk read alone: the same `day` range, `toArray`, no decryption. */
  read: number;
  /** Decrypt + check + tallyOfVisit of the rows read, alone. */
  open: number;
  csv: number;
}

async function once(live: Vault, purged: Vault): Promise<Run> {
  const [tallies, full] = await time(async () => {
    const t = await listMonthTallies(live.db, live.keyring, MONTH);
    monthReport(t, MONTH);
    return t;
  });
  const [report, pure] = await time(() => monthReport(tallies, MONTH));
  if (report.totals.tests !== VISITS) throw new Error(`${report.totals.tests} tests`);
  const [, csv] = await time(() => monthReportCsv(report));
  const [, purgedMs] = await time(async () =>
    monthReport(await listMonthTallies(purged.db, purged.keyring, MONTH), MONTH),
  );
  const [rows, read] = await time(() =>
    live.db.visits.where('day').between(`${MONTH}-01`, `${MONTH}-31`, true, true).toArray(),
  );
  const [, open] = await time(() => rows.map((r) => tallyOfVisit(openVisitRow(live.keyring, r))));
  return { full, pure, purged: purgedMs, read, open, csv };
}

function figures(runs: Run[], fillMs: number): PartialFigure[] {
  const m = (pick: (r: Run) => number, digits = 0) => median(runs.map(pick)).toFixed(digits);
  const baseline = { label: 'monthReport alone (pure computation)', runs: runs.map((r) => r.pure) };
  const env = `Node, fake-indexeddb (in-memory), real libsodium; ${RUNS} runs after 1 warm-up`;
  return [
    {
      name: 'month_report_20000_ms',
      env: 'node',
      unit: 'ms',
      runs: runs.map((r) => r.full),
      baseline,
      note: `${env}; ${VISITS} live visits of ${MONTH} (31 days, 4 staff, 5 kits; written with putVisit in ${(fillMs / 1000).toFixed(0)} s, not timed); listMonthTallies + monthReport. Parts timed alone (medians): bulk read ${m((r) => r.read)} ms, decrypt + check + tallyOfVisit ${m((r) => r.open)} ms, monthReport ${m((r) => r.pure, 1)} ms; CSV of the report ${m((r) => r.csv, 2)} ms`,
    },
    {
      name: 'month_report_20000_purged_ms',
      env: 'node',
      unit: 'ms',
      runs: runs.map((r) => r.purged),
      baseline,
      note: `${env}; the same month after the purge: ${VISITS} stored tallies (records kind 'tally', ≈ ${((median(runs.map((r) => r.purged)) / VISITS) * 1000).toFixed(0)} µs each), no live visit`,
    },
  ];
}

async function main(): Promise<void> {
  console.log(`report: filling ${VISITS} visits of ${MONTH}…`);
  const [{ live, purged }, fillMs] = await time(fill);
  const runs: Run[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const r = await once(live, purged);
    if (run > 0) runs.push(r); // run 0 warms up (JIT, first transaction)
    console.log(
      `report: run ${run}/${RUNS}: full ${r.full.toFixed(0)} ms (read ${r.read.toFixed(0)}, open ${r.open.toFixed(0)}, pure ${r.pure.toFixed(1)}), purged ${r.purged.toFixed(0)} ms`,
    );
  }
  writePartial('report', figures(runs, fillMs));
  live.db.close();
  purged.db.close();
}

await main();
