import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock';
import { AppError } from '../../src/shared/app-error';
import { runCli, spawnServer } from '../support/server-process';

const root = mkdtempSync(join(tmpdir(), 'lianjian-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const freshDir = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A process id that certainly ran on this host and is gone now. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the embedded data directory is opened by one process at a time', () => {
  it('refuses a second lock in Chinese naming the holder, and gives the directory back on release', () => {
    const dir = freshDir('twice');
    const lock = lockDataDir(dir, './data');
    lock.announce('http://127.0.0.1:3000/');
    let refusal: unknown;
    try {
      lockDataDir(dir, './data');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('CONFLICT');
    expect((refusal as AppError).message).toContain(`数据目录 ./data 正由另一个联检进程使用（进程号 ${process.pid}，`);
    expect((refusal as AppError).message).toContain('服务地址 http://127.0.0.1:3000/）');
    expect((refusal as AppError).message).toContain('改用 PostgreSQL（DATABASE_URL）');
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over the lock of a process that is gone, and of a half-written lock file', () => {
    const dir = freshDir('stale');
    const pid = deadPid();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid, host: hostname(), startedAt: new Date().toISOString(), command: 'start', url: null }),
    );
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pi');
    lockDataDir(dir).release();
  });

  it('does not take over a lock held on another host (it cannot tell whether that process runs)', () => {
    const dir = freshDir('foreign');
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({
        pid: deadPid(),
        host: 'other-host',
        startedAt: '2026-12-05T14:10:00.000Z',
        command: 'start',
        url: null,
      }),
    );
    expect(() => lockDataDir(dir, './data')).toThrow('主机 other-host，2026-12-05 22:10 启动，命令 lianjian start');
  });

  it('a command-line process is refused while the server runs on the directory, and takes the directory over after a kill -9', async () => {
    const dataDir = join(freshDir('server'), 'data');
    const env = { LIANJIAN_DATA_DIR: dataDir };
    const server = await spawnServer(env, ['--no-demo']);
    try {
      const refused = await runCli(env, 'audit', 'verify');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`正由另一个联检进程使用（进程号 ${server.child.pid}，`);
      expect(refused.stderr).toContain(`服务地址 ${server.url}/）`);
      // The server was not disturbed by the refused process.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
    const verified = await runCli(env, 'audit', 'verify');
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('审计日志哈希链完整');
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);
});
