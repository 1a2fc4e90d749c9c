import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliArgs } from './cli-entry';

const execFileAsync = promisify(execFile);

const checkpointDirs = new Map<string, string>();
/**
 * Audit checkpoints go with the database (each is also a chain entry that verification compares with the file):
 * one temporary directory per database these processes open, never the working directory.
 */
function checkpointEnv(env: Record<string, string>): Record<string, string> {
  const key = env['DATABASE_URL'] || env['LIANJIAN_DATA_DIR'] || 'default';
  if (!checkpointDirs.has(key)) checkpointDirs.set(key, mkdtempSync(join(tmpdir(), 'lianjian-process-audit-')));
  const dir = checkpointDirs.get(key)!;
  return {
    LIANJIAN_AUDIT_CHECKPOINT_DIR: join(dir, 'audit-checkpoints'),
    LIANJIAN_AUDIT_KEY_FILE: join(dir, 'keys', 'audit-checkpoint.key'),
  };
}

/** A port the OS reports free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * `lianjian start` as its own process on the database `env` names (LIANJIAN_DATA_DIR or DATABASE_URL);
 * resolves once it listens, rejects with its output if it exits first.
 */
export async function spawnServer(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, cliArgs('start', ...args), {
    env: {
      ...process.env,
      DATABASE_URL: '',
      LIANJIAN_LOG_LEVEL: 'warn',
      PORT: String(port),
      // The demo accounts sign in without the change at first login (tested in test/auth and test/browser/accounts).
      LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE: 'true',
      // The day's jobs run before a test's flow begins, as they did before the start-up delay (src/config.ts).
      LIANJIAN_JOBS_DELAY_SECONDS: '0',
      ...checkpointEnv(env),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = await untilListening(child);
  return { url: `http://127.0.0.1:${port}`, child, output, exited };
}

/**
 * A started platform's output, gathered as it comes; resolves (with the output so far, and later) once the platform
 * announces its API documentation, which it does when it listens. Rejects with the output if the process ends first.
 */
export function untilListening(child: ChildProcess): Promise<() => string> {
  let output = '';
  let listening = false;
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      // Text decoded across chunks, so a character split between two reads still matches.
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => {
        output += text;
        // Looked for until found, not in every later line of a long-running platform's output.
        if (!listening && output.includes('接口文档')) {
          listening = true;
          resolve(() => output);
        }
      });
    }
    child.once('close', () => reject(new Error(`平台未能启动：\n${output}`)));
  });
}

/** `lianjian ARGS…` on the database `env` names; a non-zero exit is returned, not thrown. */
export async function runCli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, cliArgs(...args), {
      env: { ...process.env, DATABASE_URL: '', ...checkpointEnv(env), ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
