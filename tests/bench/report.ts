/**
 * Merges the partial results of this run into `results.json` (`{name, value, unit, env}`,
 * value = median) and prints markdown tables: median (min–max), runs, baseline median
 * measured in the same run, ratio figure / baseline, target and whether it is met.
 * Speed is measured, not asserted: a missed target is printed, never an exit code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PartialFigure } from './bench-api';
import { BENCH_DIR, readPartials } from './partials';
import { formatSpread, median } from './stats';

/** One entry of `results.json` (exactly these keys). */
interface Result {
  name: string;
  value: number;
  unit: string;
  env: string;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function digitsFor(f: PartialFigure): number {
  return f.unit === 'MiB' ? 0 : f.unit === 'KB' || f.unit === 's' ? 1 : median(f.runs) < 20 ? 2 : 0;
}

function row(f: PartialFigure): string {
  const d = digitsFor(f);
  const m = median(f.runs);
  const base = f.baseline ? median(f.baseline.runs) : undefined;
  const cells = [
    `\`${f.name}\``,
    f.env,
    `${formatSpread(f.runs, d)} ${f.unit}`,
    String(f.runs.length),
    base === undefined || !f.baseline ? '—' : `${base.toFixed(d)} ${f.unit} (${f.baseline.label})`,
    base === undefined ? '—' : `${(m / base).toFixed(2)}×`,
    target(f),
    met(f, m, base),
  ];
  return `| ${cells.join(' | ')} |`;
}

function target(f: PartialFigure): string {
  const parts: string[] = [];
  if (f.targetMax !== undefined) parts.push(`≤ ${f.targetMax} ${f.unit}`);
  if (f.targetMin !== undefined) parts.push(`≥ ${f.targetMin} ${f.unit}`);
  if (f.targetRatioMax !== undefined) parts.push(`ratio ≤ ${f.targetRatioMax}`);
  return parts.length === 0 ? '—' : parts.join(', ');
}

function met(f: PartialFigure, m: number, base: number | undefined): string {
  const checks: boolean[] = [];
  if (f.targetMax !== undefined) checks.push(m <= f.targetMax);
  if (f.targetMin !== undefined) checks.push(m >= f.targetMin);
  if (f.targetRatioMax !== undefined && base !== undefined) {
    checks.push(m / base <= f.targetRatioMax);
  }
  if (checks.length === 0) return '—';
  return checks.every(Boolean) ? 'yes' : '**NO**';
}

function table(title: string, figures: readonly PartialFigure[]): string {
  const head =
    '| figure | env | median (min–max) | runs | baseline (median) | ratio | target | met? |';
  const rule = '| --- | --- | --- | --- | --- | --- | --- | --- |';
  return [`### ${title}`, '', head, rule, ...figures.map(row), ''].join('\n');
}

function notes(figures: readonly PartialFigure[]): string {
  return figures
    .filter((f) => f.note !== undefined)
    .map((f) => `- \`${f.name}\` (${f.env}): ${f.note ?? ''}`)
    .join('\n');
}

/** Print order: the brief's figures in order, each on Node before Chromium. */
const ORDER = [
  'unlock_ms',
  'unlock_floor_ms',
  'kdf_memlimit_mib',
  'kiosk_entry_ms',
  'day_list_300_ms',
  'day_list_10000_ms',
  'first_screen_js_gzip_kb',
  'unlock_js_gzip_kb',
  'total_js_gzip_kb',
  'portal_drain_1000_s',
  'portal_drain_1000_with_429_s',
  'fhir_bundle_build_ms',
  'relay_push_1_per_s',
  'relay_push_100_per_s',
  'relay_push_p50_ms',
  'relay_push_p99_ms',
  'relay_pull_bundles_per_s',
  'hono_bare_per_s',
  'sync_10000_ms',
  'pouchdb_sync_10000_ms',
  'month_report_20000_ms',
  'month_report_20000_purged_ms',
  'purge_10000_ms',
  'purge_longest_block_ms',
  'epoch_drop_10000_ms',
];

function rank(f: PartialFigure): number {
  const i = ORDER.indexOf(f.name);
  return (i === -1 ? ORDER.length : i) * 2 + (f.env === 'node' ? 0 : 1);
}

function main(): void {
  const figures = readPartials().sort((a, b) => rank(a) - rank(b));
  const isTime = (f: PartialFigure) => f.unit === 'ms' || f.unit === 's';
  const isRate = (f: PartialFigure) => f.unit === '/s';
  const timings = figures.filter(isTime);
  const rates = figures.filter(isRate);
  const sizes = figures.filter((f) => !isTime(f) && !isRate(f));
  console.log('\n## Comptoir benchmarks\n');
  console.log(table('Timings (ms or s, performance.now())', timings));
  if (rates.length > 0) console.log(table('Throughput (per second, higher is better)', rates));
  console.log(table('Calibration and JS weight (gzip -9, 1 KB = 1024 bytes)', sizes));
  console.log('- `scanner_js_gzip_kb`: n/a (no scanner yet)');
  console.log(`${notes(figures)}\n`);
  const results: Result[] = figures.map((f) => ({
    name: f.name,
    value: round2(median(f.runs)),
    unit: f.unit,
    env: f.env,
  }));
  const out = join(BENCH_DIR, 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${results.length} figures to tests/bench/results.json`);
}

main();
