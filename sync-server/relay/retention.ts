/**
 * Retention (protocol v1 "Limits"): bundles older than the retention period, by received
 * time, are deleted by a periodic sweep. Devices keep their data; a device offline longer
 * than the retention catches up from a newer snapshot.
 */
import { DEFAULT_RETENTION_DAYS } from '../protocol';
import type { BundleStore } from '../store/bundle-store';

const DAY_MS = 86_400_000;

/** Deletes bundles received more than `retentionDays` before `now`; resolves how many. */
export async function sweepExpired(
  store: BundleStore,
  now: number,
  retentionDays = DEFAULT_RETENTION_DAYS,
): Promise<number> {
  return store.deleteBundlesReceivedBefore(now - retentionDays * DAY_MS);
}

/**
 * Runs {@link sweepExpired} every `intervalMs` (default hourly) on an unref'd timer, so it
 * never keeps the process alive. Returns the function that stops it.
 */
export function startRetentionSweep(
  store: BundleStore,
  options: { retentionDays?: number; intervalMs?: number; log?: (line: string) => void } = {},
): () => void {
  const run = (): void => {
    sweepExpired(store, Date.now(), options.retentionDays).then(
      (n) => {
        if (n > 0) options.log?.(`relay retention: deleted ${n} bundles`);
      },
      (err: unknown) => {
        console.error(`relay retention sweep failed: ${(err as Error).name}`);
      },
    );
  };
  const timer = setInterval(run, options.intervalMs ?? 3_600_000);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
