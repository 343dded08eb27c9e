/**
 * The contract between the browser bench page (`browser/bench-entry.ts`) and its Node driver
 * (`chromium-bench.ts`), and the partial-result format every bench script writes for
 * `report.ts`. Functions return raw timings in ms (`performance.now()`); medians are
 * computed in Node.
 */

/** Timings of one figure and of its baseline, measured interleaved in the same run. */
export interface PairedRuns {
  /** The measured operation, one entry per run (ms). */
  readonly runs: number[];
  /** The baseline operation, one entry per run (ms). */
  readonly baseline: number[];
}

/** What `unlock` measures on one environment. */
export interface UnlockRuns {
  /** The calibrated Argon2id memlimit, in MiB, and the floor measurement calibration used. */
  readonly memlimitMib: number;
  readonly opslimit: number;
  readonly calibrationMs: number;
  /** `openPassphraseSlot` vs raw `deriveKek` at the calibrated parameters. */
  readonly calibrated: PairedRuns;
  /** The same at `KDF_FLOOR`. */
  readonly floor: PairedRuns;
}

/** The API the bench page exposes as `window.comptoirBench`. */
export interface BenchApi {
  /** Unlock timings (calibrates first, like vault creation does). */
  unlock(runs: number): Promise<UnlockRuns>;
  /** Kiosk entry (build + seal + store) vs a raw IndexedDB put of the plaintext JSON. */
  kiosk(runs: number): Promise<PairedRuns>;
  /** Fills a fresh vault with `visits` visits of one day, then times `listDayVisits`. */
  dayList(visits: number, runs: number): Promise<PairedRuns & { fillMs: number }>;
}

declare global {
  interface Window {
    comptoirBench?: BenchApi;
  }
}

/** Environments a figure is measured on. */
export type BenchEnv = 'node' | 'chromium';

/** One measured figure, before aggregation (`report.ts` turns it into medians and ratios). */
export interface PartialFigure {
  readonly name: string;
  readonly env: BenchEnv;
  /** `/s`: a throughput (requests or items per second; higher is better). */
  readonly unit: 'ms' | 's' | 'KB' | 'MiB' | '/s';
  /** One value per run (a single value for deterministic figures such as sizes). */
  readonly runs: number[];
  /** Baseline runs and what the baseline is, when the figure has one. */
  readonly baseline?: { readonly label: string; readonly runs: number[] };
  /** Upper bound from the brief, in `unit`, when there is one. */
  readonly targetMax?: number;
  /** Lower bound from the brief, in `unit` (throughputs), when there is one. */
  readonly targetMin?: number;
  /** Upper bound on the ratio figure / baseline (e.g. 0.2 for "≥ 5× faster"). */
  readonly targetRatioMax?: number;
  /** Free text printed next to the figure (e.g. how it was measured). */
  readonly note?: string;
}
