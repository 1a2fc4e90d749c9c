import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { freePort } from './server-process';

export const screenshotDir = join(import.meta.dirname, '../../test-results/screenshots');

/** Starts the platform as the README does (`lianjian start`, demo city, fresh embedded database) on a random port. */
export async function startPlatform(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-browser-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(import.meta.dirname, '../../bin/lianjian.js'), 'start', ...args],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        LIANJIAN_DATA_DIR: join(dir, 'data'),
        PORT: String(port),
        LIANJIAN_LOG_LEVEL: 'warn',
        LIANJIAN_DEMO_ACTIVITY: 'false',
        // Browser tests sign in as the demo accounts; the forced change has its own test (test/browser/accounts.test.ts).
        LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('接口文档')) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`平台未能启动：\n${output}`));
      }
    }, 200);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
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
