import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that need PostgreSQL. They form their own project so that the private cluster of
 * tests/pg/global-setup.ts (a global setup runs per project, only when one of its files is
 * queued) starts only for runs that include them.
 */
const POSTGRES_TESTS = ['tests/unit/relay-postgres/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    // Argon2id at the 64 MiB floor takes ~0.2–1 s on 2 cores: give crypto tests room.
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'tests/unit/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'app/**/*.test.ts',
            'sync-server/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...POSTGRES_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: POSTGRES_TESTS,
          globalSetup: ['tests/pg/global-setup.ts'],
        },
      },
    ],
  },
});
