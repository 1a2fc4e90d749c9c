import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/lianjian.js');

/** Runs `lianjian start` on a fresh embedded database until it prints its banner, calls `use`, then stops it. */
async function withStartedPlatform(args: string[], use: (url: string, banner: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-start-'));
  const port = 4100 + Math.floor(Math.random() * 800);
  const child = spawn(process.execPath, [bin, 'start', ...args], {
    env: { ...process.env, DATABASE_URL: '', LIANJIAN_DATA_DIR: join(dir, 'data'), PORT: String(port), LIANJIAN_LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('接口文档')) resolve();
        if (child.exitCode !== null) reject(new Error(output));
        if (output.includes('接口文档') || child.exitCode !== null) clearInterval(timer);
      }, 100);
    });
    await use(`http://127.0.0.1:${port}`, output);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('lianjian start', () => {
  it('refuses to start with bad settings and lists each of them', async () => {
    const child = spawn(process.execPath, [bin, 'start'], { env: { ...process.env, PORT: 'x', LIANJIAN_AUDIT_HASH: 'md5' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).not.toBe(0);
    expect(stderr).toContain('配置有误');
    expect(stderr).toContain('PORT=x');
    expect(stderr).toContain('LIANJIAN_AUDIT_HASH=md5');
  });

  it('without demo data creates one admin with a random password printed once', async () => {
    await withStartedPlatform(['--no-demo'], async (url, banner) => {
      const password = /admin \/ (\S+)（随机生成/.exec(banner)?.[1];
      expect(password).toBeDefined();
      expect(password).not.toBe('Lianjian@2026');
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      expect(res.status).toBe(200);
      const depts = await fetch(`${url}/api/departments`, { headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]! } });
      expect((await depts.json()).items.map((d: { kind: string }) => d.kind)).toEqual(['平台管理']);
    });
  });
});
