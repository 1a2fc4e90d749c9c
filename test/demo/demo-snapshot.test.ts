import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCheckpoint } from '../../src/audit/audit-checkpoint.service';
import { verifyAuditChain } from '../../src/audit/audit-verify.service';
import { type AppConfig, loadConfig } from '../../src/config';
import { repairQueryCode } from '../../src/credit-repair/repair-query-code';
import {
  buildDemoSnapshot,
  type DemoSnapshotManifest,
  demoSnapshotRefusal,
  openOnDemoSnapshot,
  tableRowCounts,
} from '../../src/demo/demo-snapshot';
import type { Platform } from '../../src/platform';

// The prebuilt demo city (src/demo/demo-snapshot.ts), built here once with a small city (the generator is the same)
// at a fixed instant in May, so the round's window still has future dates, and loaded into two installations.
const clock = { now: () => new Date('2026-05-20T10:00:00+08:00') };
const SUBJECTS = 2000;
const root = mkdtempSync(join(tmpdir(), 'lianjian-demo-snapshot-test-'));
const snapshot = join(root, 'snapshot');
let manifest: DemoSnapshotManifest;
const opened: Platform[] = [];

/** An installation of its own: data directory and every key file under `name`. */
const installation = (name: string): AppConfig =>
  loadConfig({
    LIANJIAN_DATA_DIR: join(root, name, 'data'),
    LIANJIAN_AUDIT_CHECKPOINT_DIR: join(root, name, 'audit-checkpoints'),
    LIANJIAN_AUDIT_KEY_FILE: join(root, name, 'keys', 'audit-checkpoint.key'),
    LIANJIAN_RECORD_KEY_FILE: join(root, name, 'keys', 'record-id.key'),
    LIANJIAN_COMPLAINANT_KEY_FILE: join(root, name, 'keys', 'complainant.key'),
    LIANJIAN_NOTIFY_INTERVAL_SECONDS: '0',
  });

async function load(name: string): Promise<Platform> {
  const config = installation(name);
  expect(demoSnapshotRefusal(config, clock.now(), snapshot, SUBJECTS)).toBeNull();
  const platform = await openOnDemoSnapshot(config, clock, snapshot);
  opened.push(platform);
  return platform;
}

beforeAll(async () => {
  manifest = await buildDemoSnapshot(snapshot, { clock, subjects: SUBJECTS });
}, 600_000);

afterAll(async () => {
  for (const p of opened) await p.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the prebuilt demo city', () => {
  it('records what it was seeded with and on which China day', () => {
    expect(manifest.builtOn).toBe('2026-05-20');
    expect(manifest.subjects).toBe(SUBJECTS);
    expect(manifest.summary.tasks).toBeGreaterThan(0);
    expect(manifest.rows.subjects).toBeGreaterThanOrEqual(SUBJECTS);
    expect(manifest.rows.inspection_tasks).toBeGreaterThan(0);
    expect(manifest.rows.inspection_evaluations).toBeGreaterThan(0);
    // The demo encrypts natural persons' ID numbers and complainants' identities: their key files come with it.
    expect(manifest.keyFiles).toEqual({ record: true, complainant: true });
  });

  it('loads into two installations as the same demo, every table with the rows the seeded database had', async () => {
    const a = await load('a');
    const b = await load('b');
    const expected = { ...manifest.rows };
    // Dropped at load, made again by each installation on first use (below).
    expected.platform_keys -= 1;
    expected.sessions = 0;
    expect(await tableRowCounts(a.deps.db)).toEqual(expected);
    expect(await tableRowCounts(b.deps.db)).toEqual(expected);
    expect(a.migrationsApplied).toEqual([]);
    for (const p of [a, b]) {
      const chain = await verifyAuditChain(p.deps.db);
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBe(manifest.rows.audit_log);
    }
  }, 120_000);

  it('gives each installation secrets of its own where the demo data does not depend on them', async () => {
    const [a, b] = opened;
    // 信用修复 查询码 are derived from a platform secret the prebuilt database no longer has: each makes its own.
    const codeA = await repairQueryCode(a!.deps.db, clock.now(), 'XFWS2026-000001');
    const codeB = await repairQueryCode(b!.deps.db, clock.now(), 'XFWS2026-000001');
    expect(codeA).not.toBe(codeB);
    // The audit checkpoints are signed with a key made by the installation, outside the database.
    const subject = { userId: null, name: '测试', departmentId: null, ip: null };
    await writeCheckpoint(a!.deps, subject);
    await writeCheckpoint(b!.deps, subject);
    const keyOf = (name: string) => readFileSync(installation(name).auditCheckpoints.keyFile, 'utf8');
    expect(keyOf('a')).not.toBe(keyOf('b'));
    expect(existsSync(join(snapshot, 'audit-checkpoint.key'))).toBe(false);
    // No session of the build survives (there is none to begin with, and none may come along).
    expect(await a!.deps.db.selectFrom('sessions').select('id').execute()).toEqual([]);
  });

  it('is refused when it is not exactly the demo a start would seed today', () => {
    const fresh = installation('c');
    expect(demoSnapshotRefusal(fresh, clock.now(), snapshot, SUBJECTS)).toBeNull();
    // Laid out around another "today".
    expect(demoSnapshotRefusal(fresh, new Date('2026-05-21T10:00:00+08:00'), snapshot, SUBJECTS)).toContain(
      '构建于 2026-05-20',
    );
    // Another number of subjects than the start seeds, another audit hash.
    expect(demoSnapshotRefusal(fresh, clock.now(), snapshot)).toContain('生成参数');
    expect(demoSnapshotRefusal({ ...fresh, auditHash: 'sm3' }, clock.now(), snapshot, SUBJECTS)).toContain('生成参数');
    // A directory that has a database already, PostgreSQL, memory.
    expect(demoSnapshotRefusal(installation('a'), clock.now(), snapshot, SUBJECTS)).toContain('已有数据库');
    expect(
      demoSnapshotRefusal({ ...fresh, database: { kind: 'postgres', url: 'postgres://x/y' } }, clock.now(), snapshot),
    ).toContain('不是嵌入式');
    // Key files of the installation's own: the demo's encrypted fields could not be read with them.
    const withKey = installation('d');
    writeFileSync(join(root, 'd-key'), 'x');
    expect(
      demoSnapshotRefusal({ ...withKey, recordKeyFile: join(root, 'd-key') }, clock.now(), snapshot, SUBJECTS),
    ).toContain('加密密钥文件');
    // No prebuilt demo city (a release, or a build without one).
    expect(demoSnapshotRefusal(fresh, clock.now(), join(root, 'none'), SUBJECTS)).toContain('没有预构建的演示库');
  });

  it('refuses a snapshot of other migrations', async () => {
    const other = join(root, 'other-migrations');
    cpSync(snapshot, other, { recursive: true });
    const file = join(other, 'demo-city.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as DemoSnapshotManifest;
    writeFileSync(file, JSON.stringify({ ...m, migrations: m.migrations.slice(0, -1) }));
    expect(demoSnapshotRefusal(installation('e'), clock.now(), other, SUBJECTS)).toContain('数据库迁移');
  });

  it('leaves an empty directory and no key files when the tarball does not load, for seeding', async () => {
    const broken = join(root, 'broken');
    cpSync(snapshot, broken, { recursive: true });
    const archive = join(broken, 'demo-city.tar.gz');
    writeFileSync(archive, readFileSync(archive).subarray(0, 100_000));
    const config = installation('f');
    await expect(openOnDemoSnapshot(config, clock, broken)).rejects.toThrow();
    expect(existsSync(join(root, 'f', 'data', 'PG_VERSION'))).toBe(false);
    expect(existsSync(config.recordKeyFile)).toBe(false);
    expect(existsSync(config.complainantKeyFile)).toBe(false);
    expect(demoSnapshotRefusal(config, clock.now(), snapshot, SUBJECTS)).toBeNull();
  });
});
