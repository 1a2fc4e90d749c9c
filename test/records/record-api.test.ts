import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { testApp, type TestApp } from '../support/test-platform';
import { createTask } from '../support/factories/task.factory';
import { licencePayload, penaltyPayload, registrationPayload } from '../support/factories/record.factory';

let t: TestApp;
let admin: Session;
/** A system token acting as 市行政审批服务局's licensing user (spj_xk) and one as 市应急管理局's admin. */
let licensingSystem: Session;
let emergencySystem: Session;

async function bearerFor(username: string): Promise<Session> {
  const { id } = await t.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const issued = await call(t.app, admin, 'POST', '/api/tokens', { userId: id, name: `${username} 业务系统` });
  expect(issued.statusCode, issued.body).toBe(200);
  return { headers: { authorization: `Bearer ${issued.json().token}` } };
}

const auditCount = async (entityType: string, id: number) =>
  Number(
    (
      await t.deps.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', String(id))
        .executeTakeFirstOrThrow()
    ).n,
  );
const versions = async (kind: string, id: number) =>
  t.deps.db
    .selectFrom('received_record_versions')
    .select(['version', 'payload'])
    .where('kind', '=', kind as '行政许可')
    .where('record_id', '=', id)
    .orderBy('version')
    .execute();

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
  licensingSystem = await bearerFor('spj_xk');
  emergencySystem = await bearerFor('yjgl_admin');
});
afterAll(async () => {
  await t.app.close();
});

describe('records from department systems (POST /api/records/…)', () => {
  it('needs a bearer token or a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/records/licences', payload: licencePayload() });
    expect(res.statusCode).toBe(401);
  });

  it('receives a licence once: the same record again is unchanged (one version, one audit entry)', async () => {
    const record = licencePayload();
    const first = await call(t.app, licensingSystem, 'POST', '/api/records/licences', record);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 1, results: [{ index: 0, outcome: 'created', version: 1 }] });
    const id = first.json().results[0].id as number;
    const again = await call(t.app, licensingSystem, 'POST', '/api/records/licences', record);
    expect(again.json()).toMatchObject({
      unchanged: 1,
      created: 0,
      results: [{ outcome: 'unchanged', id, version: 1 }],
    });
    expect(await versions('行政许可', id)).toHaveLength(1);
    expect(await auditCount('licence_record', id)).toBe(1);
    const row = await t.deps.db
      .selectFrom('licence_records')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const { departmentId } = (await call(t.app, licensingSystem, 'GET', '/api/auth/me')).json().user;
    expect(row.sender_department_id).toBe(departmentId);
    expect(row.department_id).toBe(departmentId);
    expect(row.channel).toBe('接口');
  });

  it('a changed record is the next version, audited with before and after', async () => {
    const record = licencePayload();
    const first = (await call(t.app, licensingSystem, 'POST', '/api/records/licences', record)).json();
    const id = first.results[0].id as number;
    const revoked = await call(t.app, licensingSystem, 'POST', '/api/records/licences', {
      ...record,
      status: '已撤销',
    });
    expect(revoked.json()).toMatchObject({ updated: 1, results: [{ outcome: 'updated', id, version: 2 }] });
    const stored = await versions('行政许可', id);
    expect(stored.map((v) => [v.version, v.payload['status']])).toEqual([
      [1, '有效'],
      [2, '已撤销'],
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'licence_record')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['record.licence.create', 'record.licence.update']);
    expect(audit[1]!.changes).toMatchObject({ status: ['有效', '已撤销'], version: [1, 2] });
    const detail = (await call(t.app, admin, 'GET', `/api/records/licences/${id}`)).json();
    expect(detail.status).toBe('已撤销');
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses a malformed record with per-field Chinese errors and writes nothing of it', async () => {
    const record = penaltyPayload({ decidedOn: '2026/13/01', fineAmount: '-1', authorityUscc: '91371100MA3C00000X' });
    const before = await t.deps.db
      .selectFrom('received_record_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call(t.app, emergencySystem, 'POST', '/api/records/penalties', record);
    expect(res.statusCode, res.body).toBe(200);
    const [result] = res.json().results;
    expect(result.outcome).toBe('refused');
    const byField = Object.fromEntries(
      result.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(byField['decidedOn']).toBe('决定日期应为 YYYY-MM-DD');
    expect(byField['fineAmount']).toMatch(/^罚款金额（万元）应为不小于 0 的数字/);
    expect(byField['authorityUscc']).toMatch(/^处罚机关统一社会信用代码未通过校验/);
    const rows = await t.deps.db
      .selectFrom('penalty_records')
      .select('id')
      .where('sender_record_id', '=', record.senderRecordId)
      .execute();
    expect(rows).toEqual([]);
    const after = await t.deps.db
      .selectFrom('received_record_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a batch writes the good records and refuses the bad one by its index', async () => {
    const good = [penaltyPayload(), penaltyPayload()];
    const bad = penaltyPayload({ publicityUntil: '2026-01-01', categories: [] });
    const res = await call(t.app, emergencySystem, 'POST', '/api/records/penalties', {
      records: [good[0], bad, good[1]],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, refused: 1 });
    expect(body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'refused', 'created']);
    expect(body.results[1]).toMatchObject({ index: 1, senderRecordId: bad.senderRecordId });
    expect(body.results[1].errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'categories',
      'publicityUntil',
    ]);
    const stored = await t.deps.db
      .selectFrom('penalty_records')
      .select('sender_record_id')
      .where('sender_record_id', 'in', [good[0]!.senderRecordId, bad.senderRecordId, good[1]!.senderRecordId])
      .execute();
    expect(stored.map((s) => s.sender_record_id).sort()).toEqual(
      [good[0]!.senderRecordId, good[1]!.senderRecordId].sort(),
    );
  });

  it('a penalty may name its inspection task only on the same subject', async () => {
    const task = await createTask(t, { items: ['SCJG-CC-02'], subjectOffset: 7 });
    const other = penaltyPayload({ taskNo: task.taskNo });
    const refused = (await call(t.app, emergencySystem, 'POST', '/api/records/penalties', other)).json();
    expect(refused.results[0].outcome).toBe('refused');
    expect(refused.results[0].errors[0]).toMatchObject({
      field: 'taskNo',
      message: expect.stringContaining('检查对象不是该行政相对人'),
    });
    const linked = penaltyPayload({ taskNo: task.taskNo, uscc: task.uscc, counterpartName: task.subjectName });
    const ok = (await call(t.app, emergencySystem, 'POST', '/api/records/penalties', linked)).json();
    expect(ok.results[0].outcome, JSON.stringify(ok)).toBe('created');
    const detail = (await call(t.app, admin, 'GET', `/api/records/penalties/${ok.results[0].id}`)).json();
    expect(detail).toMatchObject({ taskId: task.id, taskNo: task.taskNo, subjectId: task.subjectId });
  });

  it('department-scoped users see and correct only their department’s records', async () => {
    const mine = (await call(t.app, emergencySystem, 'POST', '/api/records/penalties', penaltyPayload())).json();
    const id = mine.results[0].id as number;
    const scjg = await login(t.app, 'scjg_staff');
    expect((await call(t.app, scjg, 'GET', `/api/records/penalties/${id}`)).statusCode).toBe(403);
    const list = (await call(t.app, scjg, 'GET', '/api/records/penalties?pageSize=200')).json();
    expect(list.items.some((p: { id: number }) => p.id === id)).toBe(false);
    const correction = await call(t.app, scjg, 'PUT', `/api/records/penalties/${id}`, penaltyPayload());
    expect(correction.statusCode).toBe(403);
    const office = await login(t.app, 'sfj_dc');
    expect((await call(t.app, office, 'GET', `/api/records/penalties/${id}`)).statusCode).toBe(200);
    // The supervision office reads but does not send.
    expect((await call(t.app, office, 'POST', '/api/records/penalties', penaltyPayload())).statusCode).toBe(403);
  });
});

describe('registration events and the subject register', () => {
  it('设立 creates the subject, 变更 updates it, 注销 sets its status', async () => {
    const reg = registrationPayload();
    const created = (await call(t.app, licensingSystem, 'POST', '/api/records/registrations', reg)).json();
    expect(created.results[0]).toMatchObject({
      outcome: 'created',
      registrationNo: expect.stringMatching(/^DJZC\d{4}-\d{6}$/),
    });
    const subject = await t.deps.db
      .selectFrom('subjects')
      .selectAll()
      .where('uscc', '=', reg.uscc)
      .executeTakeFirstOrThrow();
    expect(subject).toMatchObject({
      name: reg.name,
      status: '存续',
      business_scope: reg.businessScope,
      division_code: '371102',
    });
    expect(subject.registration_date).toBe(reg.registeredOn);
    const row = await t.deps.db
      .selectFrom('business_registrations')
      .select('subject_id')
      .where('id', '=', created.results[0].id)
      .executeTakeFirstOrThrow();
    expect(row.subject_id).toBe(Number(subject.id));

    const change = { ...reg, senderRecordId: `${reg.senderRecordId}-BG`, event: '变更', name: `${reg.name}（更名）` };
    await call(t.app, licensingSystem, 'POST', '/api/records/registrations', change);
    const renamed = await t.deps.db
      .selectFrom('subjects')
      .select(['name', 'status'])
      .where('uscc', '=', reg.uscc)
      .executeTakeFirstOrThrow();
    expect(renamed).toEqual({ name: change.name, status: '存续' });

    const close = { ...change, senderRecordId: `${reg.senderRecordId}-ZX`, event: '注销' };
    await call(t.app, licensingSystem, 'POST', '/api/records/registrations', close);
    const closed = await t.deps.db
      .selectFrom('subjects')
      .select('status')
      .where('uscc', '=', reg.uscc)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('注销');

    // A licence for the subject links to it by its credit code.
    const licence = (
      await call(t.app, licensingSystem, 'POST', '/api/records/licences', licencePayload({ uscc: reg.uscc }))
    ).json();
    const detail = (await call(t.app, admin, 'GET', `/api/records/licences/${licence.results[0].id}`)).json();
    expect(detail.subjectId).toBe(Number(subject.id));
  });

  it('the list filters by name, event and channel', async () => {
    const reg = registrationPayload({ name: '日照筛选专用科技有限公司' });
    await call(t.app, licensingSystem, 'POST', '/api/records/registrations', reg);
    const found = (
      await call(
        t.app,
        admin,
        'GET',
        `/api/records/registrations?q=${encodeURIComponent('筛选专用')}&event=设立&channel=接口`,
      )
    ).json();
    expect(found.items.map((r: { uscc: string }) => r.uscc)).toContain(reg.uscc);
    const none = (
      await call(t.app, admin, 'GET', `/api/records/registrations?q=${encodeURIComponent('筛选专用')}&channel=批量`)
    ).json();
    expect(none.total).toBe(0);
  });
});
