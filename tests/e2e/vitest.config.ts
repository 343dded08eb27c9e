import { defineConfig } from 'vitest/config';

/** End-to-end suite: real server process, real Chromium. Files run one at a time (2 cores). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
