/**
 * Partial results: each bench script writes its figures to `.dist/partial-<part>.json`
 * (git-ignored); `report.ts` merges them into `results.json` and the printed tables.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PartialFigure, UnlockRuns } from './bench-api';

/** The bench folder (`tests/bench`). */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PARTIAL_DIR = join(BENCH_DIR, '.dist');

/** Writes the figures of one part (`node`, `chromium`). */
export function writePartial(part: string, figures: readonly PartialFigure[]): void {
  mkdirSync(PARTIAL_DIR, { recursive: true });
  writeFileSync(join(PARTIAL_DIR, `partial-${part}.json`), JSON.stringify(figures, null, 2));
}

/** Reads every part written by this run, in file-name order. */
export function readPartials(): PartialFigure[] {
  const files = readdirSync(PARTIAL_DIR)
    .filter((f) => /^partial-.+\.json$/.test(f))
    .sort();
  return files.flatMap(
    (f) => JSON.parse(readFileSync(join(PARTIAL_DIR, f), 'utf8')) as PartialFigure[],
  );
}

/** Turns unlock timings of one environment into figures. */
export function unlockFigures(env: PartialFigure['env'], u: UnlockRuns): PartialFigure[] {
  const baseline = (p: string) => `raw deriveKek (Argon2id) at ${p}`;
  return [
    {
      name: 'unlock_ms',
      env,
      unit: 'ms',
      runs: u.calibrated.runs,
      baseline: { label: baseline('calibrated cost'), runs: u.calibrated.baseline },
      targetMax: 1000,
      note: `calibrated m = ${u.memlimitMib} MiB, t = ${u.opslimit}`,
    },
    {
      name: 'unlock_floor_ms',
      env,
      unit: 'ms',
      runs: u.floor.runs,
      baseline: { label: baseline('floor'), runs: u.floor.baseline },
      note: 'KDF_FLOOR m = 64 MiB, t = 3',
    },
    {
      name: 'kdf_memlimit_mib',
      env,
      unit: 'MiB',
      runs: [u.memlimitMib],
      note: `calibrateKdf() choice (floor derivation took ${u.calibrationMs.toFixed(0)} ms)`,
    },
  ];
}
