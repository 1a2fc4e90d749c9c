#!/usr/bin/env node
// In a source checkout (src/ present) the CLI runs the TypeScript through tsx, so every change is live and the
// tests, which start the CLI through this file, never exercise a stale build. In the release (no src/, only
// the compiled dist/) it runs the bundle: about half the start-up time, less memory, and no compiler installed.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  // Stack traces name the src/ files through the bundle's source map, as `node --enable-source-maps` would.
  process.setSourceMapsEnabled(true);
  await import('../dist/cli/main.js');
}
