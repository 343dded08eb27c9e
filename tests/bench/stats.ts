/** Small statistics helpers for the bench report. */

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/** "median (min–max)" with `digits` decimals. */
export function formatSpread(values: readonly number[], digits: number): string {
  const m = median(values).toFixed(digits);
  if (values.length < 2) return m;
  const min = Math.min(...values).toFixed(digits);
  const max = Math.max(...values).toFixed(digits);
  return `${m} (${min}–${max})`;
}
