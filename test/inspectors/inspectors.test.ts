import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/calendar/calendar-date';
import { DEMO_INSPECTOR_REFERENCE_DATE } from '../../src/demo/demo-inspectors';
import { candidateInspectors } from '../../src/inspectors/inspector.repository';
import { ineligibility } from '../../src/inspectors/inspector-eligibility';
import { chinaDate } from '../../src/shared/china-date';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let scjg: number;
let yjgl: number;

const departmentId = async (name: string) =>
  (await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
  scjg = await departmentId('市市场监督管理局');
  yjgl = await departmentId('市应急管理局');
});
afterAll(() => t.app.close());

const today = (app: TestApp = t) => chinaDate(app.clock.now());

/** A new inspector's form: unique name and certificate number, certificate valid for another year. */
function body(overrides: Record<string, unknown> = {}, app: TestApp = t) {
  const { tag } = unique();
  return {
    name: `检查员${tag}`,
    idCard: demoIdCard('371102', Number(tag)),
    phone: '13806331234',
    departmentId: scjg,
    certificateNo: `鲁日测字第${tag}号`,
    certificateIssuedOn: addDays(today(app), -1000),
    certificateValidUntil: addDays(today(app), 365),
    fields: ['市场监管'],
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}, session: Session = admin) {
  const res = await call(t.app, session, 'POST', '/api/inspectors', body(overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A subject of our own (organisation codes starting YX), so its conflict list holds only what this file declares. */
async function createSubject() {
  const org8 = `YX${unique().tag.padStart(6, '0').slice(-6)}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  const res = await call(t.app, admin, 'POST', '/api/subjects', {
    uscc: first17 + usccCheckCharacter(first17),
    name: `日照回避测试${unique().tag}商贸有限公司`,
    kind: '企业',
    divisionCode: '371102',
    industryCodes: ['5211'],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; uscc: string; name: string };
}

describe('inspector register: records', () => {
  it('registers an inspector with only the masked ID number, defaults, and an audit entry', async () => {
    const input = body({
      fields: ['市场监管', '商务', '市场监管'],
      qualifiedSamplingItemCodes: ['SCJG-CC-01', 'SCJG-CC-01', 'SCJG-CC-02'],
    });
    const res = await call(t.app, admin, 'POST', '/api/inspectors', input);
    expect(res.statusCode, res.body).toBe(200);
    const inspector = res.json();
    expect(inspector).toMatchObject({
      name: input.name,
      departmentId: scjg,
      departmentName: '市市场监督管理局',
      certificateNo: input.certificateNo,
      status: '在岗',
      capacityPerMonth: 20,
      fields: ['市场监管', '商务'],
      qualifiedSamplingItemCodes: ['SCJG-CC-01', 'SCJG-CC-02'],
      certificateState: '有效',
      certificateDaysLeft: 365,
      conflictCount: 0,
      userId: null,
    });
    expect(inspector.idCardMasked).toBe(`${input.idCard.slice(0, 6)}********${input.idCard.slice(14)}`);
    const stored = await t.deps.db
      .selectFrom('inspectors')
      .select('id_card_masked')
      .where('id', '=', inspector.id)
      .executeTakeFirstOrThrow();
    expect(stored.id_card_masked).not.toContain(input.idCard.slice(6, 14));
    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=inspector&entityId=${inspector.id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['inspector.create']);
    expect(JSON.stringify(log.items[0])).not.toContain(input.idCard);
  });

  it('refuses a bad ID number, a duplicate certificate number and impossible values, field by field', async () => {
    const good = body();
    const badId = await call(t.app, admin, 'POST', '/api/inspectors', {
      ...good,
      idCard: good.idCard.slice(0, 17) + (good.idCard[17] === '0' ? '1' : '0'),
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details).toEqual([{ field: 'idCard', message: '身份证号校验位错误' }]);
    const first = await create();
    const duplicate = await call(
      t.app,
      admin,
      'POST',
      '/api/inspectors',
      body({ certificateNo: ` ${first.certificateNo.toLowerCase()} ` }),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.details).toEqual([{ field: 'certificateNo', message: '与已登记的执法证号重复' }]);
    const shape = await call(
      t.app,
      admin,
      'POST',
      '/api/inspectors',
      body({ fields: ['占卜'], capacityPerMonth: 0, certificateNo: '  ' }),
    );
    expect(shape.statusCode).toBe(400);
    expect(
      shape
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['capacityPerMonth', 'certificateNo', 'fields.0']);
    const dates = await call(
      t.app,
      admin,
      'POST',
      '/api/inspectors',
      body({ certificateIssuedOn: addDays(today(), 1), certificateValidUntil: today() }),
    );
    expect(dates.statusCode).toBe(400);
    expect(dates.json().error.details).toEqual([
      { field: 'certificateIssuedOn', message: '发证日期不能晚于今天' },
      { field: 'certificateValidUntil', message: '有效期至不能早于发证日期' },
    ]);
  });

  it('links a platform account of the same department once', async () => {
    const account = async (username: string) =>
      (await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const otherDepartment = await call(
      t.app,
      admin,
      'POST',
      '/api/inspectors',
      body({ userId: await account('yjgl_admin') }),
    );
    expect(otherDepartment.statusCode).toBe(400);
    expect(otherDepartment.json().error.details).toEqual([{ field: 'userId', message: '平台账号不属于所选部门' }]);
    // The demo already registers scjg_jc01 as an inspector.
    const taken = await call(t.app, admin, 'POST', '/api/inspectors', body({ userId: await account('scjg_jc01') }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details).toEqual([{ field: 'userId', message: '账号已关联其他执法检查人员' }]);
    const linked = await create({ userId: await account('scjg_staff') });
    expect(linked.username).toBe('scjg_staff');
  });

  it('updates an inspector, keeps the masked ID unless corrected, and audits the change', async () => {
    const created = await create();
    const input = {
      ...body(),
      name: created.name,
      certificateNo: created.certificateNo,
      capacityPerMonth: 35,
      status: '停用',
    };
    delete (input as { idCard?: string }).idCard;
    const res = await call(t.app, admin, 'PUT', `/api/inspectors/${created.id}`, input);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ capacityPerMonth: 35, status: '停用', idCardMasked: created.idCardMasked });
    const entry = (await call(t.app, admin, 'GET', `/api/audit?entityType=inspector&entityId=${created.id}`)).json()
      .items[0];
    expect(entry.action).toBe('inspector.update');
    expect(entry.changes).toMatchObject({ capacityPerMonth: [20, 35], status: ['在岗', '停用'] });
    expect(entry.changes.idCardMasked).toBeUndefined();
    expect((await call(t.app, admin, 'PUT', '/api/inspectors/999999999', input)).statusCode).toBe(404);
  });
});

describe('inspector register: certificate states', () => {
  it('moves a certificate from 有效 to 即将到期 to 已过期 as the clock advances', async () => {
    const moving = await testApp();
    try {
      const res = await call(
        moving.app,
        await login(moving.app, 'admin'),
        'POST',
        '/api/inspectors',
        body({ certificateValidUntil: addDays(today(moving), 31) }, moving),
      );
      expect(res.statusCode, res.body).toBe(200);
      const id = res.json().id as number;
      const state = async () => {
        // Days pass: sign in again rather than outlive the idle timeout.
        const detail = (
          await call(moving.app, await login(moving.app, 'admin'), 'GET', `/api/inspectors/${id}`)
        ).json();
        return [detail.certificateState, detail.certificateDaysLeft];
      };
      expect(await state()).toEqual(['有效', 31]);
      // The day turns at midnight China time (UTC+8), not at midnight UTC.
      const now = moving.clock.now();
      const minutesToChinaMidnight = (86_400_000 - ((now.getTime() + 8 * 3_600_000) % 86_400_000)) / 60_000;
      moving.clock.advanceMinutes(minutesToChinaMidnight - 1);
      expect(await state()).toEqual(['有效', 31]);
      moving.clock.advanceMinutes(1);
      expect(await state()).toEqual(['即将到期', 30]);
      moving.clock.advanceMinutes(30 * 24 * 60);
      expect(await state()).toEqual(['即将到期', 0]);
      moving.clock.advanceMinutes(24 * 60);
      expect(await state()).toEqual(['已过期', -1]);
    } finally {
      await moving.app.close();
    }
  });

  it('filters by certificate state with counts per state that match the filtered lists', async () => {
    const tag = unique().tag;
    const until = { 有效: [31, 400], 即将到期: [0, 30], 已过期: [-1] } as const;
    for (const [state, offsets] of Object.entries(until)) {
      for (const offset of offsets) {
        const created = await create({
          name: `证件${tag}${offset < 0 ? '甲' : '乙'}${Math.abs(offset)}`,
          certificateValidUntil: addDays(today(), offset),
          certificateIssuedOn: addDays(today(), -2000),
        });
        expect(created.certificateState, `${offset}`).toBe(state);
      }
    }
    const mine = (await call(t.app, admin, 'GET', `/api/inspectors?q=${encodeURIComponent(`证件${tag}`)}`)).json();
    expect(mine.total).toBe(5);
    expect(mine.summary).toEqual({ valid: 2, expiring: 2, expired: 1, disabled: 0 });
    expect(mine.today).toBe(today());
    const expired = (
      await call(t.app, admin, 'GET', `/api/inspectors?q=${encodeURIComponent(`证件${tag}`)}&certificate=expired`)
    ).json();
    expect(expired.items.map((i: { certificateDaysLeft: number }) => i.certificateDaysLeft)).toEqual([-1]);
    expect(expired.summary).toEqual(mine.summary);

    const enc = encodeURIComponent;
    for (const filter of [
      '',
      `departmentId=${scjg}`,
      `field=${enc('安全生产')}`,
      `status=${enc('停用')}`,
      `departmentId=${yjgl}&status=${enc('在岗')}`,
    ]) {
      const all = (await call(t.app, admin, 'GET', `/api/inspectors?pageSize=1&${filter}`)).json();
      const { valid, expiring, expired: lapsed } = all.summary;
      expect(valid + expiring + lapsed, filter).toBe(all.total);
      for (const [certificate, count] of [
        ['valid', valid],
        ['expiring', expiring],
        ['expired', lapsed],
      ] as const) {
        const page = (
          await call(t.app, admin, 'GET', `/api/inspectors?pageSize=200&certificate=${certificate}&${filter}`)
        ).json();
        expect(page.total, `${filter} ${certificate}`).toBe(count);
        const expected = { valid: '有效', expiring: '即将到期', expired: '已过期' }[certificate];
        expect(
          page.items.every((i: { certificateState: string }) => i.certificateState === expected),
          `${filter} ${certificate}`,
        ).toBe(true);
      }
    }
  });

  it('finds by part of a certificate number and filters by field and status', async () => {
    const created = await create({ fields: ['消防'], status: '停用', certificateNo: `鲁日消字第${unique().tag}号` });
    const number = created.certificateNo.slice(2, -1);
    const byNumber = (await call(t.app, admin, 'GET', `/api/inspectors?q=${encodeURIComponent(number)}`)).json();
    expect(byNumber.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    const enc = encodeURIComponent;
    for (const [filter, found] of [
      [`field=${enc('消防')}`, true],
      [`field=${enc('市场监管')}`, false],
      [`status=${enc('停用')}`, true],
      [`status=${enc('在岗')}`, false],
      [`departmentId=${yjgl}`, false],
    ] as const) {
      const page = (
        await call(t.app, admin, 'GET', `/api/inspectors?q=${encodeURIComponent(number)}&${filter}`)
      ).json();
      expect(page.total, filter).toBe(found ? 1 : 0);
    }
  });
});

describe('inspector register: department scope', () => {
  it('lets a department admin see and change only its own department’s inspectors', async () => {
    const scjgAdmin = await login(t.app, 'scjg_admin');
    const emergency = await create({ departmentId: yjgl, fields: ['安全生产'] }, await login(t.app, 'yjgl_admin'));
    expect((await call(t.app, scjgAdmin, 'POST', '/api/inspectors', body({ departmentId: yjgl }))).statusCode).toBe(
      403,
    );
    expect(
      (await call(t.app, scjgAdmin, 'PUT', `/api/inspectors/${emergency.id}`, body({ departmentId: scjg }))).statusCode,
    ).toBe(403);
    expect((await call(t.app, scjgAdmin, 'GET', `/api/inspectors/${emergency.id}`)).statusCode).toBe(403);
    const subject = await createSubject();
    expect(
      (
        await call(t.app, scjgAdmin, 'POST', `/api/inspectors/${emergency.id}/conflicts`, {
          subjectId: subject.id,
          reason: '近亲属任职',
        })
      ).statusCode,
    ).toBe(403);

    const own = await create({}, scjgAdmin);
    expect(
      (
        await call(t.app, scjgAdmin, 'PUT', `/api/inspectors/${own.id}`, {
          ...body({ departmentId: yjgl }),
          certificateNo: own.certificateNo,
        })
      ).statusCode,
    ).toBe(403);
    const list = (await call(t.app, scjgAdmin, 'GET', '/api/inspectors?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(100);
    expect(list.items.every((i: { departmentId: number }) => i.departmentId === scjg)).toBe(true);
    expect(list.items.map((i: { id: number }) => i.id)).toContain(own.id);
    expect((await call(t.app, scjgAdmin, 'GET', `/api/inspectors?departmentId=${yjgl}`)).json().total).toBe(0);
    const full = (await call(t.app, admin, 'GET', '/api/inspectors?pageSize=1')).json();
    const scoped = (await call(t.app, scjgAdmin, 'GET', '/api/inspectors?pageSize=1')).json();
    expect(scoped.summary.valid + scoped.summary.expiring + scoped.summary.expired).toBe(scoped.total);
    expect(full.total).toBeGreaterThan(scoped.total);
  });

  it('grants reading to staff, the joint office and supervision, writing to department admins only', async () => {
    const jointOffice = (
      await call(t.app, await login(t.app, 'lianxi'), 'GET', `/api/inspectors?departmentId=${yjgl}&pageSize=1`)
    ).json();
    expect(jointOffice.total).toBeGreaterThan(0);
    expect(
      (await call(t.app, await login(t.app, 'sfj_dc'), 'GET', `/api/inspectors?departmentId=${scjg}&pageSize=1`)).json()
        .total,
    ).toBeGreaterThan(0);
    const staff = await login(t.app, 'scjg_staff');
    expect((await call(t.app, staff, 'GET', '/api/inspectors?pageSize=1')).statusCode).toBe(200);
    expect((await call(t.app, staff, 'POST', '/api/inspectors', body())).statusCode).toBe(403);
    expect((await call(t.app, await login(t.app, 'scjg_jc01'), 'GET', '/api/inspectors')).statusCode).toBe(403);
    expect((await call(t.app, await login(t.app, 'fgw_xy'), 'GET', '/api/inspectors')).statusCode).toBe(403);
    expect((await call(t.app, null, 'GET', '/api/inspectors')).statusCode).toBe(401);
  });
});

describe('inspector register: declared conflicts of interest', () => {
  it('declares and withdraws a conflict, shown on the inspector and on the subject, and audits both', async () => {
    const inspector = await create();
    const subject = await createSubject();
    const declared = await call(t.app, admin, 'POST', `/api/inspectors/${inspector.id}/conflicts`, {
      subjectId: subject.id,
      reason: '配偶在该企业任职',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json()).toEqual([
      {
        subjectId: subject.id,
        subjectName: subject.name,
        uscc: subject.uscc,
        reason: '配偶在该企业任职',
        declaredOn: today(),
      },
    ]);
    const again = await call(t.app, admin, 'POST', `/api/inspectors/${inspector.id}/conflicts`, {
      subjectId: subject.id,
      reason: '再次申报',
    });
    expect(again.statusCode).toBe(409);
    const missing = await call(t.app, admin, 'POST', `/api/inspectors/${inspector.id}/conflicts`, {
      subjectId: 999_999_999,
      reason: '不存在',
    });
    expect(missing.json().error.details).toEqual([{ field: 'subjectId', message: '监管对象不存在' }]);
    const future = await call(t.app, admin, 'POST', `/api/inspectors/${inspector.id}/conflicts`, {
      subjectId: subject.id,
      reason: '明日申报',
      declaredOn: addDays(today(), 1),
    });
    expect(future.statusCode).toBe(400);

    const detail = (await call(t.app, admin, 'GET', `/api/inspectors/${inspector.id}`)).json();
    expect(detail.conflictCount).toBe(1);
    expect(detail.conflicts.map((c: { uscc: string }) => c.uscc)).toEqual([subject.uscc]);
    // Anyone who reads subjects sees who must not inspect it, but not why.
    const onSubject = await call(
      t.app,
      await login(t.app, 'scjg_jc01'),
      'GET',
      `/api/subjects/${subject.id}/inspector-conflicts`,
    );
    expect(onSubject.statusCode).toBe(200);
    expect(onSubject.json()).toEqual([
      { name: inspector.name, departmentId: scjg, departmentName: '市市场监督管理局' },
    ]);

    const withdrawn = await call(t.app, admin, 'DELETE', `/api/inspectors/${inspector.id}/conflicts/${subject.id}`);
    expect(withdrawn.statusCode).toBe(204);
    expect(
      (await call(t.app, admin, 'DELETE', `/api/inspectors/${inspector.id}/conflicts/${subject.id}`)).statusCode,
    ).toBe(404);
    expect((await call(t.app, admin, 'GET', `/api/subjects/${subject.id}/inspector-conflicts`)).json()).toEqual([]);
    expect((await call(t.app, admin, 'GET', '/api/subjects/999999999/inspector-conflicts')).statusCode).toBe(404);

    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=inspector&entityId=${inspector.id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual([
      'inspector.conflict_withdraw',
      'inspector.conflict_declare',
      'inspector.create',
    ]);
    expect(log.items[1].summary).toContain(subject.uscc);
    expect(log.items[0].changes).toMatchObject({ reason: ['配偶在该企业任职', null] });
  });
});

describe('inspector register: sampling-item qualifications', () => {
  it('refuses codes of sampling items that do not exist, on create and on update, naming them', async () => {
    const refused = await call(
      t.app,
      admin,
      'POST',
      '/api/inspectors',
      body({ qualifiedSamplingItemCodes: ['SCJG-CC-01', 'NO-SUCH-1', 'NO-SUCH-2'] }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'qualifiedSamplingItemCodes' }],
    });
    expect(refused.json().error.message).toContain('抽查事项资格');
    expect(refused.json().error.message).toContain('NO-SUCH-1、NO-SUCH-2');
    expect(refused.json().error.message).not.toContain('SCJG-CC-01');

    const inspector = await create({ qualifiedSamplingItemCodes: ['SCJG-CC-01'] });
    const { idCard: _id, ...update } = body({
      name: inspector.name,
      certificateNo: inspector.certificateNo,
      qualifiedSamplingItemCodes: ['SCJG-CC-01', 'NO-SUCH-3'],
    });
    const changed = await call(t.app, admin, 'PUT', `/api/inspectors/${inspector.id}`, { ...update, userId: null });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.details[0].message).toContain('NO-SUCH-3');
  });
});

describe('inspector register: who staffing may send', () => {
  it('sends inspectors on duty, certified through the window, qualified and without a declared conflict', async () => {
    // A demo sampling item no other test here qualifies anyone for; its only qualification is being named for it.
    const item = { code: 'SCJG-CC-03', fields: ['（仅限指定人员）'], minInspectors: 2 };
    const onDate = addDays(today(), 10);
    const window = { from: onDate, to: onDate };
    const ready = await create({ qualifiedSamplingItemCodes: [item.code] });
    const disabled = await create({ qualifiedSamplingItemCodes: [item.code], status: '停用' });
    const lapses = await create({
      qualifiedSamplingItemCodes: [item.code],
      certificateValidUntil: addDays(today(), 9),
    });
    const conflicted = await create({ qualifiedSamplingItemCodes: [item.code] });
    const subject = await createSubject();
    const other = await createSubject();
    await call(t.app, admin, 'POST', `/api/inspectors/${conflicted.id}/conflicts`, {
      subjectId: subject.id,
      reason: '近亲属任职',
    });
    const eligible = async (departmentId: number, s: { id: number; uscc: string }) =>
      (await candidateInspectors(t.deps.db, [departmentId], window, s))
        .filter((i) => ineligibility(i, { departmentId, items: [item], uscc: s.uscc, window }) === null)
        .map((i) => i.id);
    expect(await eligible(scjg, other)).toEqual([ready.id, conflicted.id]);
    expect(await eligible(scjg, subject)).toEqual([ready.id]);
    const reasons = await candidateInspectors(t.deps.db, [scjg], window, subject);
    const why = (id: number) =>
      ineligibility(
        reasons.find((i) => i.id === id)!,
        { departmentId: scjg, items: [item], uscc: subject.uscc, window },
      );
    expect(why(disabled.id)).toBe('不在岗');
    expect(why(lapses.id)).toContain('未覆盖检查期');
    expect(why(conflicted.id)).toContain('利益冲突');
    expect(await eligible(yjgl, other)).toEqual([]);
  });
});

describe('demo inspectors', () => {
  it('has about 500 inspectors, mostly at the big regulators, about 5 % expired and 5 % expiring at the reference date', async () => {
    const rows = await t.deps.db
      .selectFrom('inspectors as i')
      .innerJoin('departments as d', 'd.id', 'i.department_id')
      .select(['d.name', 'i.certificate_valid_until', 'i.fields', 'i.user_id'])
      .where('i.certificate_no', 'like', '鲁日执字第%')
      .execute();
    expect(rows).toHaveLength(500);
    const at = (name: string) => rows.filter((r) => r.name === name).length;
    expect(at('市市场监督管理局')).toBeGreaterThan(at('市应急管理局'));
    expect(at('市应急管理局')).toBeGreaterThan(at('市文化和旅游局'));
    expect(rows.filter((r) => r.name === '市消防救援支队').every((r) => r.fields.includes('消防'))).toBe(true);
    const expired = rows.filter((r) => r.certificate_valid_until < DEMO_INSPECTOR_REFERENCE_DATE).length;
    const expiring = rows.filter(
      (r) =>
        r.certificate_valid_until >= DEMO_INSPECTOR_REFERENCE_DATE &&
        r.certificate_valid_until <= addDays(DEMO_INSPECTOR_REFERENCE_DATE, 30),
    ).length;
    expect(expired).toBeGreaterThanOrEqual(10);
    expect(expired).toBeLessThanOrEqual(45);
    expect(expiring).toBeGreaterThanOrEqual(10);
    expect(expiring).toBeLessThanOrEqual(45);
    expect(rows.filter((r) => r.user_id !== null)).toHaveLength(2);
    const { n } = await t.deps.db
      .selectFrom('inspector_conflicts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThan(10);
  });
});
