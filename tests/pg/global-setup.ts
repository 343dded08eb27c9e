/**
 * Vitest global setup of the `postgres` test project (vitest.config.ts): starts the private
 * cluster of `cluster.ts` once per run and provides its URL to the tests
 * (https://vitest.dev/config/globalsetup: `project.provide`, read with `inject`). A cluster
 * that does not start is provided as an error, so that every test needing it FAILS with the
 * reason (tests/pg/postgres.ts) instead of the whole run stopping or anything being skipped.
 */
import type { TestProject } from 'vitest/node';
import { startTestCluster } from './cluster';
import type { PostgresProvided } from './provided';

/** Starts the cluster; the returned teardown stops it and removes its folder. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  try {
    const cluster = await startTestCluster();
    project.provide('postgres', { url: cluster.url, error: null } satisfies PostgresProvided);
    const ms = Math.round(performance.now() - started);
    console.info(`PostgreSQL test cluster ready in ${ms} ms`);
    return async () => {
      const stopping = performance.now();
      await cluster.stop();
      console.info(
        `PostgreSQL test cluster stopped in ${Math.round(performance.now() - stopping)} ms`,
      );
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    project.provide('postgres', { url: null, error: reason });
    console.error(`PostgreSQL test cluster did not start: ${reason}`);
    return async () => {};
  }
}
