import { defineConfig } from 'vitest/config';

// Module tests share one migrated database per run (PGlite costs ~3 s and ~0.8 GB to start),
// so files run one after another in a single process; each test builds its own data.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    pool: 'forks',
    isolate: false,
    fileParallelism: false,
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
