/**
 * `npm run bench:start`: how long `lianjian start` takes to serve, as a user sees it. Builds nothing: it runs the
 * built CLI (dist/cli/main.js, with the prebuilt demo city in dist/demo when `npm run build` made one today) as a
 * child process on a fresh temporary data directory and a free port, polls /api/health until it answers, reads the
 * server's resident memory, stops it with SIGTERM, then starts it again on the same directory (a restart).
 * Prints each figure against its goal (issue 19: first start ≤ 8 s to serving with the demo city, restart ≤ 2 s).
 *
 *   npm run bench:start [-- --runs 3]
 *
 * Wall clock from spawning the process to the first successful response; the server's own banner (its in-process
 * start time and whether the prebuilt demo city was loaded) is printed too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/server-process';

const GOAL_FIRST_S = 8;
const GOAL_RESTART_S = 2;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist/cli/main.js');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 1;

if (!existsSync(cli)) {
  console.error('缺少 dist/cli/main.js：请先运行 npm run build（本基准不构建任何东西）');
  process.exit(1);
}

/** Resident set size of a process in MB (Linux /proc). */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system, all threads) the process has used: on a shared machine the wall clock also counts
 * waiting for other work, the CPU time does not (it includes PGlite's and V8's helper threads, so it can exceed the wall clock).
 */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface Start {
  seconds: number;
  cpu: number | null;
  rss: number | null;
  banner: string;
  stop(): Promise<void>;
}

async function start(dataDir: string): Promise<Start> {
  const port = await freePort();
  const began = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', cli, 'start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LIANJIAN_DATA_DIR: dataDir,
      PORT: String(port),
      LIANJIAN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`平台未能启动：\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const seconds = (performance.now() - began) / 1000;
  const rss = rssMb(child.pid!);
  const cpu = cpuSeconds(child.pid!);
  return {
    seconds,
    cpu,
    rss,
    banner: output,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const bannerLine = (banner: string, marker: string) =>
  banner
    .split('\n')
    .find((l) => l.includes(marker))
    ?.trim() ?? '';
const verdict = (value: number, goal: number) => (value <= goal ? '达标' : '未达标');

const load = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '未知';
  }
};

console.log(`启动基准：${runs} 轮，每轮新建临时数据目录（机器负载 ${load()}）`);
const manifest = join(root, 'dist/demo/demo-city.json');
console.log(
  existsSync(manifest)
    ? `预构建演示库：构建于 ${(JSON.parse(readFileSync(manifest, 'utf8')) as { builtOn: string }).builtOn}`
    : '预构建演示库：无（首次启动将逐项生成演示数据）',
);
for (let run = 1; run <= runs; run += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-bench-start-'));
  try {
    const first = await start(join(dir, 'data'));
    const how =
      bannerLine(first.banner, '预构建') || bannerLine(first.banner, '演示业务数据') || '（横幅中无演示数据说明）';
    await first.stop();
    const again = await start(join(dir, 'data'));
    await again.stop();
    console.log(`第 ${run} 轮`);
    console.log(
      `  首次启动至可服务：${first.seconds.toFixed(2)} 秒（目标 ≤ ${GOAL_FIRST_S} 秒，${verdict(first.seconds, GOAL_FIRST_S)}）`,
    );
    console.log(`    ${how}`);
    console.log(
      `    服务器进程至可服务所用 CPU 时间：${first.cpu?.toFixed(2) ?? '?'} 秒（用户态 + 内核态，含辅助线程）`,
    );
    console.log(`    服务器自报：${bannerLine(first.banner, '启动用时')}`);
    console.log(`  首次启动后服务器常驻内存：${first.rss ?? '?'} MB`);
    console.log(
      `  重启至可服务：${again.seconds.toFixed(2)} 秒（目标 ≤ ${GOAL_RESTART_S} 秒，${verdict(again.seconds, GOAL_RESTART_S)}），常驻内存 ${again.rss ?? '?'} MB`,
    );
    console.log(`    服务器自报：${bannerLine(again.banner, '启动用时')}`);
    console.log(`    服务器进程至可服务所用 CPU 时间：${again.cpu?.toFixed(2) ?? '?'} 秒`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`结束时机器负载 ${load()}（2 核共享机器，计时有波动）`);
