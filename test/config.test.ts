import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('config', () => {
  it('defaults to the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.port).toBe(3000);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/d',
    });
  });

  it('lists every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        LIANJIAN_AUDIT_HASH: 'md5',
        LIANJIAN_SESSION_IDLE_MINUTES: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split('=')[0]).sort();
    expect(problems).toEqual(['DATABASE_URL', 'LIANJIAN_AUDIT_HASH', 'LIANJIAN_SESSION_IDLE_MINUTES', 'PORT']);
  });

  it('takes the public address without its trailing slash and refuses one that is not a web address, in Chinese', () => {
    expect(loadConfig({}).publicBaseUrl).toBeNull();
    expect(loadConfig({ LIANJIAN_PUBLIC_BASE_URL: 'https://lianjian.rizhao.gov.cn/' }).publicBaseUrl).toBe(
      'https://lianjian.rizhao.gov.cn',
    );
    expect(loadConfig({ LIANJIAN_PUBLIC_BASE_URL: 'http://10.1.2.3:8080/lianjian' }).publicBaseUrl).toBe(
      'http://10.1.2.3:8080/lianjian',
    );
    expect(() => loadConfig({ LIANJIAN_PUBLIC_BASE_URL: 'lianjian.rizhao.gov.cn' })).toThrow(
      /LIANJIAN_PUBLIC_BASE_URL=lianjian\.rizhao\.gov\.cn：应为 http:\/\/ 或 https:\/\//,
    );
  });

  it('trusts a reverse proxy only when told to (per-address limits count visitors, not the proxy)', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ LIANJIAN_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ LIANJIAN_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ LIANJIAN_TRUST_PROXY: '10.0.0.1,10.0.0.0/8' }).trustProxy).toBe('10.0.0.1,10.0.0.0/8');
    expect(() => loadConfig({ LIANJIAN_TRUST_PROXY: 'yes please' })).toThrow(
      /LIANJIAN_TRUST_PROXY=yes please：应为 true、false/,
    );
  });

  it('runs two imports at once by default, in a private upload folder unless one is configured', () => {
    const defaults = loadConfig({});
    expect(defaults.imports.maxRunning).toBe(2);
    expect(defaults.imports.uploadDir).toMatch(/lianjian-uploads-/);
    expect(
      loadConfig({ LIANJIAN_IMPORT_MAX_RUNNING: '4', LIANJIAN_UPLOAD_DIR: '/var/lib/lianjian/uploads' }).imports,
    ).toEqual({
      maxRunning: 4,
      uploadDir: '/var/lib/lianjian/uploads',
    });
    expect(() => loadConfig({ LIANJIAN_IMPORT_MAX_RUNNING: '0' })).toThrow(
      /LIANJIAN_IMPORT_MAX_RUNNING=0：应为 1–16 的整数/,
    );
  });
});
