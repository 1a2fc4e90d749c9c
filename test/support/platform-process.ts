import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { chinaDate } from '../../src/shared/china-date';
import { cliArgs } from './cli-entry';
import { freePort, untilListening } from './server-process';

export const screenshotDir = join(import.meta.dirname, '../../test-results/screenshots');

/** A demo city loaded once per browser run (test/support/browser-global-setup.ts), copied for each test file. */
export interface PlatformTemplate {
  /** The data directory of a platform started with no arguments and no extra environment, then stopped. */
  dataDir: string;
  /** The China date it was loaded on: the demo city's dates count from that day. */
  chinaDate: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Provided by the browser run only. */
    platformTemplate?: PlatformTemplate;
  }
}

type Platform = { url: string; output: () => string; stop: () => Promise<void> };

/**
 * Starts the platform as the README does (`lianjian start`, demo city, embedded database of its own) on a random port.
 * Without `args` and `env`, in a browser run, the database is a fresh copy of the run's demo-city template (the same
 * data a start on an empty directory loads, without loading it again for every file); otherwise, or when the China
 * date has changed since the template was loaded, `start` loads the demo city into an empty directory.
 */
export async function startPlatform(args: string[] = [], env: Record<string, string> = {}): Promise<Platform> {
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-browser-'));
  const template = args.length === 0 && Object.keys(env).length === 0 ? inject('platformTemplate') : undefined;
  if (template && template.chinaDate === chinaDate(new Date()))
    cpSync(template.dataDir, join(dir, 'data'), { recursive: true });
  const platform = await launchPlatform(join(dir, 'data'), args, env);
  return {
    ...platform,
    stop: async () => {
      await platform.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `lianjian start ARGS…` on the data directory `dataDir`; `stop` ends it as systemd would (SIGTERM) and keeps the directory. */
export async function launchPlatform(
  dataDir: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Platform> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, cliArgs('start', ...args), {
    env: {
      ...process.env,
      DATABASE_URL: '',
      LIANJIAN_DATA_DIR: dataDir,
      PORT: String(port),
      LIANJIAN_LOG_LEVEL: 'warn',
      LIANJIAN_DEMO_ACTIVITY: 'false',
      // Browser tests sign in as the demo accounts; the forced change has its own test (test/browser/accounts.test.ts).
      LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE: 'true',
      // The day's jobs run before a test's flow begins, as they did before the start-up delay (src/config.ts).
      LIANJIAN_JOBS_DELAY_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = await untilListening(child);
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
