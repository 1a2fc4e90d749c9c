import { defineConfig } from 'vitest/config';

// Browser tests: the real start command serves the built web app; Playwright drives Debian's Chromium.
// The demo city is loaded once per run and copied for each file (test/support/browser-global-setup.ts).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/support/browser-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
