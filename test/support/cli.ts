import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AppConfig } from '../../src/config';
import { cliArgs } from './cli-entry';
import { testConfig } from './test-platform';

const run = promisify(execFile);

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
  /** Where the CLI keeps the audit checkpoints and their signing key (those of the database it works on). */
  auditCheckpoints: AppConfig['auditCheckpoints'];
}

/**
 * The CLI runs as a separate process on a database of its own: a fresh PGlite directory, or on the PostgreSQL leg the
 * run's test database (the CLI only adds rows there).
 */
export function testCli(dirPrefix: string, timeoutMs = 120_000): TestCli {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const dataDir = join(dir, 'data');
  const shared = testConfig();
  const configured = shared.database;
  const database: AppConfig['database'] = configured.kind === 'postgres' ? configured : { kind: 'pglite', dataDir };
  // Checkpoints go with the database: the run's on PostgreSQL, this CLI's own directory with its own PGlite.
  const auditCheckpoints =
    configured.kind === 'postgres'
      ? shared.auditCheckpoints
      : { dir: join(dir, 'audit-checkpoints'), keyFile: join(dir, 'keys', 'audit-checkpoint.key') };
  const env = {
    ...process.env,
    LIANJIAN_DATA_DIR: dataDir,
    LIANJIAN_AUDIT_CHECKPOINT_DIR: auditCheckpoints.dir,
    LIANJIAN_AUDIT_KEY_FILE: auditCheckpoints.keyFile,
    ...(configured.kind === 'postgres' ? { DATABASE_URL: configured.url } : {}),
  };
  return {
    dir,
    database,
    auditCheckpoints,
    async run(...args) {
      try {
        const { stdout, stderr } = await run(process.execPath, cliArgs(...args), { env, timeout: timeoutMs });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as CliResult;
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    },
  };
}
