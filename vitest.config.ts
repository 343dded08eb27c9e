import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'app/**/*.test.ts',
      'sync-server/**/*.test.ts',
    ],
    environment: 'node',
    // Argon2id at the 64 MiB floor takes ~0.2–1 s on 2 cores: give crypto tests room.
    testTimeout: 30_000,
    pool: 'forks',
  },
});
