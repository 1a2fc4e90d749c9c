/**
 * What the HTTP benches share (bench-load.ts, bench-verify.ts): the platform started from the sources as a child
 * process, a keep-alive request, and the closed-loop load generator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { freePort, untilListening } from '../test/support/server-process';

const root = join(import.meta.dirname, '..');

export interface BenchPlatform {
  base: string;
  pid: number;
  /** The start-up line the platform printed (启动用时 …). */
  started: string;
  stop(): Promise<void>;
}

/**
 * `lianjian start` from the sources (tsx) on a free port, behind a stand-in Nginx (one trusted proxy hop), demo city
 * without demo activity (the benches draw their own rounds); `env` adds to or overrides that, `nodeArgs` go to node.
 */
export async function startBenchPlatform(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchPlatform> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(root, 'src/cli/main.ts'), 'start'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        LIANJIAN_LOG_LEVEL: 'warn',
        LIANJIAN_TRUST_PROXY: '1',
        LIANJIAN_DEMO_ACTIVITY: 'false',
        // The benches sign in as the demo admin without the change of password at first login.
        LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = await untilListening(child);
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    started:
      output()
        .split('\n')
        .find((l) => l.includes('启动用时'))
        ?.trim() ?? '',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One request on `agent` (keep-alive), its whole answer as text. */
export function request(
  agent: http.Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `connections` workers, each sending its next request as soon as the last one is answered, for `seconds`; latencies in ms. */
export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  firstError: string;
}

/** `send(n)` makes request n (1, 2, …) and returns null when its answer is right, or what was wrong with it. */
export async function closedLoopLoad(
  connections: number,
  seconds: number,
  send: (n: number) => Promise<string | null>,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  let n = 0;
  const began = performance.now();
  const end = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const sent = performance.now();
        let problem: string | null;
        try {
          problem = await send((n += 1));
        } catch (error) {
          problem = String(error);
        }
        if (problem !== null) {
          errors += 1;
          firstError ||= problem;
        }
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
    firstError,
  };
}
