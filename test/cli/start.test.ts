import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin } from '../support/cli-entry';
import { startPlatform } from '../support/platform-process';

describe('lianjian start', () => {
  it('refuses to start with bad settings and lists each of them', async () => {
    // bin/lianjian.js itself, as a user runs it (the other process tests may run the built bundle).
    const child = spawn(process.execPath, [bin, 'start'], {
      env: { ...process.env, PORT: 'x', LIANJIAN_AUDIT_HASH: 'md5' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).not.toBe(0);
    expect(stderr).toContain('配置有误');
    expect(stderr).toContain('PORT=x');
    expect(stderr).toContain('LIANJIAN_AUDIT_HASH=md5');
  });

  it('without demo data creates one admin with a random password printed once', async () => {
    const platform = await startPlatform(['--no-demo']);
    try {
      const url = platform.url;
      const banner = platform.output();
      const password = /admin \/ (\S+)（随机生成/.exec(banner)?.[1];
      expect(password).toBeDefined();
      expect(password).not.toBe('Lianjian@2026');
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(res.status).toBe(200);
      // The printed password is to be replaced at once: nothing else answers until it is.
      expect((await res.json()).user.mustChangePassword).toBe(true);
      const headers = {
        cookie: res.headers.get('set-cookie')!.split(';')[0]!,
        'content-type': 'application/json',
        'x-lianjian-request': '1',
      };
      const before = await fetch(`${url}/api/departments`, { headers });
      expect(before.status).toBe(403);
      expect((await before.json()).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const changed = await fetch(`${url}/api/auth/password`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ oldPassword: password, newPassword: 'Guanli#Rz2027' }),
      });
      expect(changed.status).toBe(204);
      const depts = await fetch(`${url}/api/departments`, { headers });
      expect((await depts.json()).items.map((d: { kind: string }) => d.kind)).toEqual(['平台管理']);
    } finally {
      await platform.stop();
    }
  }, 120_000);
});
