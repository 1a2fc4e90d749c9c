import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AppConfig } from '../../src/config';
import { testConfig } from './test-platform';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/lianjian.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestCli {
  /** Runs `lianjian ARGS…` as its own process; a non-zero exit is returned, not thrown. */
  run(...args: string[]): Promise<CliResult>;
  /** A temporary directory of this CLI's own (remove it after the file's tests). */
  dir: string;
  /** The database the CLI works on, for a test that opens it directly. */
  database: AppConfig['database'];
}

/**
 * The CLI runs as a separate process on a database of its own: a fresh PGlite directory, or on the PostgreSQL leg the
 * run's test database (the CLI only adds rows there).
 */
export function testCli(dirPrefix: string, timeoutMs = 120_000): TestCli {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const dataDir = join(dir, 'data');
  const configured = testConfig().database;
  const database: AppConfig['database'] = configured.kind === 'postgres' ? configured : { kind: 'pglite', dataDir };
  const env = {
    ...process.env,
    LIANJIAN_DATA_DIR: dataDir,
    // Checkpoints and their key in this CLI's directory (on PostgreSQL the default is the working directory).
    LIANJIAN_AUDIT_CHECKPOINT_DIR: join(dir, 'audit-checkpoints'),
    LIANJIAN_AUDIT_KEY_FILE: join(dir, 'keys', 'audit-checkpoint.key'),
    ...(configured.kind === 'postgres' ? { DATABASE_URL: configured.url } : {}),
  };
  return {
    dir,
    database,
    async run(...args) {
      try {
        const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: timeoutMs });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as CliResult;
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    },
  };
}
