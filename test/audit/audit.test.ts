import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit-verify.service';
import { call, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

/** What a DBA with superuser rights could do: switch the append-only triggers off and edit a row. */
async function tamper(seq: number, summary: string): Promise<void> {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.deps.db);
  try {
    await sql`UPDATE audit_log SET summary = ${summary} WHERE seq = ${seq}`.execute(t.deps.db);
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.deps.db);
  }
}

describe('audit trail', () => {
  it('records who changed what, with before/after values and digests', async () => {
    const { tag, uscc } = unique();
    const created = (
      await call(t.app, admin, 'POST', '/api/departments', {
        name: `审计测试局${tag}`,
        code: uscc,
        kind: '行业主管',
        divisionCode: '371100',
        parentId: null,
      })
    ).json();
    await call(t.app, admin, 'PUT', `/api/departments/${created.id}`, {
      name: `审计测试局${tag}`,
      code: uscc,
      kind: '综合执法',
      divisionCode: '371100',
      parentId: null,
      status: 'active',
    });
    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=department&entityId=${created.id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['department.update', 'department.create']);
    const update = log.items[0];
    expect(update).toMatchObject({
      actorName: '系统管理员',
      actorDepartmentName: '市大数据局',
      summary: `修改部门“审计测试局${tag}”`,
      changes: { kind: ['行业主管', '综合执法'] },
    });
    expect(update.beforeDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(update.afterDigest).not.toBe(update.beforeDigest);
    expect(update.prevHash).toBe(log.items[1].hash);
  });

  it('never writes password hashes or secrets into the log', async () => {
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE changes::text LIKE '%scrypt$%' OR summary LIKE '%Lianjian@2026%'`.execute(
      t.deps.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses UPDATE and DELETE on the log', async () => {
    await expect(
      sql`UPDATE audit_log SET summary = 'x' WHERE seq = (SELECT min(seq) FROM audit_log)`.execute(t.deps.db),
    ).rejects.toThrow('审计日志只能追加');
    await expect(sql`DELETE FROM audit_log`.execute(t.deps.db)).rejects.toThrow('审计日志只能追加');
  });

  it('detects a row altered directly in the database and names the first broken entry', async () => {
    const before = (await call(t.app, admin, 'POST', '/api/audit/verify')).json();
    // The chain itself (the checkpoints of other test files have their own tests in audit-checkpoints.test.ts).
    expect(before.firstBroken ?? null, JSON.stringify(before).slice(0, 1000)).toBeNull();
    expect(before.checked).toBeGreaterThan(3);
    const target = (await call(t.app, admin, 'GET', '/api/audit?action=auth.login&pageSize=1')).json().items[0];
    await tamper(target.seq, '篡改后的摘要');
    try {
      const after = (await call(t.app, admin, 'POST', '/api/audit/verify')).json();
      expect(after.ok).toBe(false);
      expect(after.firstBroken.seq).toBe(target.seq);
      expect(after.firstBroken.reason).toContain('内容被改动');
    } finally {
      await tamper(target.seq, target.summary);
    }
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const writes = Array.from({ length: 12 }, () => {
      const { tag, uscc } = unique();
      return call(t.app, admin, 'POST', '/api/departments', {
        name: `并发测试局${tag}`,
        code: uscc,
        kind: '行业主管',
        divisionCode: '371100',
        parentId: null,
      });
    });
    const results = await Promise.all(writes);
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    const report = await verifyAuditChain(t.deps.db);
    expect(report).toMatchObject({ ok: true });
  });

  it('chains SM3 entries as well when SM3 is configured', async () => {
    const sm3 = await testApp({ auditHash: 'sm3' });
    try {
      const session = await login(sm3.app, 'admin');
      const { tag, uscc } = unique();
      await call(sm3.app, session, 'POST', '/api/departments', {
        name: `国密测试局${tag}`,
        code: uscc,
        kind: '行业主管',
        divisionCode: '371100',
        parentId: null,
      });
      const entry = (await call(sm3.app, session, 'GET', '/api/audit?entityType=department&pageSize=1')).json()
        .items[0];
      expect(entry.algorithm).toBe('sm3');
      expect((await verifyAuditChain(sm3.deps.db)).ok).toBe(true);
    } finally {
      await sm3.app.close();
    }
  });
});
