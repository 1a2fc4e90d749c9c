import { defineConfig } from 'vitest/config';

// Browser tests: the real start command serves the built web app; Playwright drives Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
