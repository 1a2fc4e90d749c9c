import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import { ensureBuiltinRoles } from '../../src/roles/role-bootstrap';
import { call, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

/** A valid enterprise USCC in 东港区 (organisation codes starting YY, which the demo city practically never draws). */
function enterpriseUscc(): string {
  const org8 = `YY${unique().tag.padStart(6, '0').slice(-6)}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}

const body = (overrides: object = {}) => ({
  uscc: enterpriseUscc(),
  name: `日照测试${unique().tag}化工有限公司`,
  kind: '企业',
  legalRepresentative: '厉明',
  divisionCode: '371102',
  industryCodes: ['2614'],
  creditClass: null,
  ...overrides,
});

describe('subject register', () => {
  it('registers a subject with industries named from GB/T 4754 and records it in the audit log', async () => {
    const res = await call(t.app, admin, 'POST', '/api/subjects', body());
    expect(res.statusCode, res.body).toBe(200);
    const subject = res.json();
    expect(subject.industries).toEqual([{ code: '2614', name: '有机化学原料制造' }]);
    expect(subject.usccProblem).toBeNull();
    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=subject&entityId=${subject.id}`)).json();
    expect(log.items[0].action).toBe('subject.create');
  });

  it('rejects a USCC failing its check with the reason, unless the user keeps it deliberately', async () => {
    const good = enterpriseUscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const refused = await call(t.app, admin, 'POST', '/api/subjects', body({ uscc: bad }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'uscc' });
    expect(refused.json().error.message).toContain('第 18 位校验码错误');
    const kept = await call(t.app, admin, 'POST', '/api/subjects', body({ uscc: bad, keepFlaggedUscc: true }));
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().usccProblem).toContain('第 18 位校验码错误');
    const flagged = (await call(t.app, admin, 'GET', `/api/subjects?flagged=true&pageSize=200`)).json();
    expect(flagged.items.map((s: { uscc: string }) => s.uscc)).toContain(bad);
    expect(flagged.items.every((s: { usccProblem: string | null }) => s.usccProblem !== null)).toBe(true);
  });

  it('refuses the all-zero USCC, whose check characters compute, with the reason', async () => {
    const refused = await call(t.app, admin, 'POST', '/api/subjects', body({ uscc: '000000000000000000' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'uscc' });
    expect(refused.json().error.message).toContain('18 位都是“0”，不是登记机关赋予的代码');
  });

  it('refuses duplicates, unknown industry codes and inconsistent flags, field by field', async () => {
    const first = body();
    expect((await call(t.app, admin, 'POST', '/api/subjects', first)).statusCode).toBe(200);
    const dup = await call(t.app, admin, 'POST', '/api/subjects', body({ uscc: first.uscc }));
    expect(dup.statusCode).toBe(409);
    const bad = await call(
      t.app,
      admin,
      'POST',
      '/api/subjects',
      body({ industryCodes: ['9999', 'C'], whitelisted: true, keyTarget: true }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { field: 'industryCodes', message: '行业代码 9999 不在 GB/T 4754-2017 中' },
      { field: 'industryCodes', message: '行业代码 C 是门类，请填写大类、中类或小类代码' },
    ]);
    // The form no longer sets the key-target flag: listings on the 重点抽查对象 page (src/key-targets) do.
    const flagged = await call(
      t.app,
      admin,
      'POST',
      '/api/subjects',
      body({ keyTarget: true, keyTargetReason: '原因' }),
    );
    expect(flagged.statusCode).toBe(200);
    expect(flagged.json()).toMatchObject({ keyTarget: false, keyTargetReason: null });
  });

  it('finds by exact USCC, by 2-character and longer fuzzy names, and filters by industry, division and class', async () => {
    const tag = unique().tag;
    const created = (
      await call(
        t.app,
        admin,
        'POST',
        '/api/subjects',
        body({
          name: `日照瀚${tag}海鲜餐饮有限公司`,
          industryCodes: ['6210'],
          divisionCode: '371103',
        }),
      )
    ).json();
    // Class D as a pushed credit evaluation writes it (nobody sets a class by hand).
    await t.deps.db.updateTable('subjects').set({ credit_class: 'D' }).where('id', '=', created.id).execute();
    const byCode = (await call(t.app, admin, 'GET', `/api/subjects?q=${created.uscc.toLowerCase()}`)).json();
    expect(byCode.items.map((s: { id: number }) => s.id)).toEqual([created.id]);
    const twoChars = (
      await call(t.app, admin, 'GET', `/api/subjects?q=${encodeURIComponent('瀚' + tag[0])}&pageSize=200`)
    ).json();
    expect(twoChars.items.map((s: { id: number }) => s.id)).toContain(created.id);
    const longer = (await call(t.app, admin, 'GET', `/api/subjects?q=${encodeURIComponent(`瀚${tag}海鲜`)}`)).json();
    expect(longer.items.map((s: { id: number }) => s.id)).toEqual([created.id]);
    const oneChar = await call(t.app, admin, 'GET', `/api/subjects?q=${encodeURIComponent('瀚')}`);
    expect(oneChar.statusCode).toBe(400);
    for (const filter of [
      'industry=62',
      'industry=H',
      'industry=6210',
      'division=371103',
      'division=3711',
      'creditClass=D',
    ]) {
      const page = (
        await call(t.app, admin, 'GET', `/api/subjects?q=${encodeURIComponent(`瀚${tag}`)}&${filter}`)
      ).json();
      expect(
        page.items.map((s: { id: number }) => s.id),
        filter,
      ).toEqual([created.id]);
    }
    for (const filter of ['industry=52', 'division=371102', 'creditClass=A']) {
      const page = (
        await call(t.app, admin, 'GET', `/api/subjects?q=${encodeURIComponent(`瀚${tag}`)}&${filter}`)
      ).json();
      expect(page.total, filter).toBe(0);
    }
  });

  it('caps counting and paging so a million subjects stay fast', async () => {
    const deep = await call(t.app, admin, 'GET', '/api/subjects?page=501&pageSize=20');
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.message).toContain('请增加筛选条件');
    const first = (await call(t.app, admin, 'GET', '/api/subjects?pageSize=5')).json();
    expect(first.items).toHaveLength(5);
    const { n } = await t.deps.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(first.totalCapped).toBe(Number(n) > 10_000);
    expect(first.total).toBe(Math.min(Number(n), 10_000));
    const narrow = (await call(t.app, admin, 'GET', '/api/subjects?creditClass=D&division=371121&pageSize=5')).json();
    expect(narrow.totalCapped).toBe(false);
  });

  it('lets inspectors read the register but not change it', async () => {
    const inspector = await login(t.app, 'scjg_jc01');
    expect((await call(t.app, inspector, 'GET', '/api/subjects?pageSize=1')).statusCode).toBe(200);
    expect((await call(t.app, inspector, 'POST', '/api/subjects', body())).statusCode).toBe(403);
    expect((await call(t.app, null, 'GET', '/api/subjects')).statusCode).toBe(401);
  });

  it('updates a subject and keeps the change in the audit log', async () => {
    const created = (await call(t.app, admin, 'POST', '/api/subjects', body())).json();
    const input = { ...body({ uscc: created.uscc, name: created.name }), whitelisted: true };
    const updated = await call(t.app, admin, 'PUT', `/api/subjects/${created.id}`, input);
    expect(updated.statusCode, updated.body).toBe(200);
    const entry = (await call(t.app, admin, 'GET', `/api/audit?entityType=subject&entityId=${created.id}`)).json()
      .items[0];
    expect(entry.changes).toMatchObject({ whitelisted: [false, true] });
  });
});

describe('industries', () => {
  it('serves the GB/T 4754-2017 table to signed-in users', async () => {
    const staff = await login(t.app, 'scjg_staff');
    const list = (await call(t.app, staff, 'GET', '/api/industries')).json() as {
      code: string;
      level: number;
      name: string;
    }[];
    expect(list.filter((i) => i.level === 1)).toHaveLength(20);
    expect(list.filter((i) => i.level === 4)).toHaveLength(1381);
    expect(list.find((i) => i.code === '3741')?.name).toBe('飞机制造');
  });
});

describe('built-in roles across versions', () => {
  it('grants a newly introduced permission to built-in roles once, and never re-adds one an administrator removed', async () => {
    const db = t.deps.db;
    const inspectorPermissions = async () =>
      (await db.selectFrom('roles').select('permissions').where('code', '=', 'inspector').executeTakeFirstOrThrow())
        .permissions;
    const original = await inspectorPermissions();
    try {
      // As on a database from before the register existed: the permission is unknown and not granted.
      await db.deleteFrom('known_permissions').where('code', '=', 'registry:subject:read').execute();
      await sql`UPDATE roles SET permissions = array_remove(permissions, 'registry:subject:read') WHERE code = 'inspector'`.execute(
        db,
      );
      await ensureBuiltinRoles(db, new Date(), 'sha256');
      expect(await inspectorPermissions()).toContain('registry:subject:read');
      // An administrator then removes it: the next start leaves it removed.
      await sql`UPDATE roles SET permissions = array_remove(permissions, 'registry:subject:read') WHERE code = 'inspector'`.execute(
        db,
      );
      await ensureBuiltinRoles(db, new Date(), 'sha256');
      expect(await inspectorPermissions()).not.toContain('registry:subject:read');
    } finally {
      await db.updateTable('roles').set({ permissions: original }).where('code', '=', 'inspector').execute();
    }
  });
});
