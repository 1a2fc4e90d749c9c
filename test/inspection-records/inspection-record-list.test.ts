import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordListItem } from '../../src/inspection-records/inspection-record.schemas';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import { call, login, type Session, unique } from '../support/http';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask } from '../support/factories/task.factory';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let lianxi: Session;
let scjgStaff: Session;
let yjglAdmin: Session;
let jc: Session;
let subject: { id: number; uscc: string; name: string };
let inspectorName: string;
const dept: Record<'scjg' | 'yjgl', number> = { scjg: 0, yjgl: 0 };
/** R1 on site 符合; R2 on site with a finding transferred; R3 joint, both off site (a finding of 市场监管 not transferred); R4 not inspected. */
const no: Record<'r1' | 'r2' | 'r3' | 'r4', string> = { r1: '', r2: '', r3: '', r4: '' };

async function moveTo(iso: string): Promise<void> {
  setChinaTime(t, iso);
  [lianxi, scjgStaff, yjglAdmin, jc] = await Promise.all(
    ['lianxi', 'scjg_staff', 'yjgl_admin', 'scjg_jc01'].map((u) => login(t.app, u)),
  );
}
const ok = async <R extends { statusCode: number; body: string }>(res: Promise<R>): Promise<R> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r;
};
async function checksOf(who: Session, taskNo: string, departmentId: number) {
  const view = (await call(t.app, who, 'GET', `/api/inspections/${taskNo}`)).json() as {
    departments: { id: number; checks: { checkItemId: number }[] }[];
  };
  return view.departments.find((d) => d.id === departmentId)!.checks;
}
/** Checks in, records every item (the first 不符合 when `finding`) and submits, as the inspector does on site. */
async function onSite(taskNo: string, finding: boolean): Promise<number> {
  await ok(call(t.app, jc, 'POST', `/api/inspections/${taskNo}/check-in`));
  const checks = await checksOf(jc, taskNo, dept.scjg);
  for (const [i, c] of checks.entries())
    await ok(
      call(
        t.app,
        jc,
        'PUT',
        `/api/inspections/${taskNo}/results/${c.checkItemId}`,
        finding && i === 0 ? { result: '不符合', notes: '进货查验记录不全' } : { result: '符合' },
      ),
    );
  await ok(call(t.app, jc, 'POST', `/api/inspections/${taskNo}/submit`, {}));
  return checks[0]!.checkItemId;
}
async function offSite(who: Session, taskNo: string, departmentId: number, finding: boolean): Promise<void> {
  const checks = await checksOf(who, taskNo, departmentId);
  await ok(
    call(t.app, who, 'POST', `/api/inspection-records/${taskNo}/offsite`, {
      method: '调阅在线监测数据并视频连线检查',
      dataSource: '市一体化监管平台在线监测数据',
      conductedOn: '2026-12-03',
      results: checks.map((c, i) => ({ checkItemId: c.checkItemId, result: finding && i === 0 ? '不符合' : '符合' })),
    }),
  );
}

/** The records the user sees of this file's subject, as `taskNo/department`, in the list's order. */
async function listed(who: Session, query = ''): Promise<string[]> {
  const res = await call(t.app, who, 'GET', `/api/inspection-records?subject=${subject.uscc}&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as RecordListItem[]).map((r) => `${r.taskNo}/${r.department.id}`);
}
const rec = (task: keyof typeof no, d: keyof typeof dept) => `${no[task]}/${dept[d]}`;

beforeAll(async () => {
  t = await testApp();
  await moveTo('2026-12-01T09:00:00');
  const org8 = `YR${unique().tag.padStart(6, '0').slice(-6)}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  const created = await ok(
    call(t.app, await login(t.app, 'admin'), 'POST', '/api/subjects', {
      uscc: first17 + usccCheckCharacter(first17),
      name: `日照检查记录测试${unique().tag}餐饮有限公司`,
      kind: '企业',
      legalRepresentative: '高远',
      divisionCode: '371102',
      industryCodes: ['6210'],
    }),
  );
  subject = created.json();
  const scjg = await inspectorOf(t, 'scjg_jc01');
  dept.scjg = scjg.departmentId;
  dept.yjgl = Number(
    (
      await t.deps.db
        .selectFrom('sampling_items')
        .select('department_id')
        .where('code', '=', 'YJGL-CC-02')
        .executeTakeFirstOrThrow()
    ).department_id,
  );
  inspectorName = (
    await t.deps.db.selectFrom('inspectors').select('name').where('id', '=', scjg.id).executeTakeFirstOrThrow()
  ).name;
  const spec = { subjectId: subject.id, inspectors: [scjg] };
  no.r1 = (await createTask(t, { ...spec, items: ['SCJG-CC-02'] })).taskNo;
  no.r2 = (await createTask(t, { ...spec, items: ['SCJG-CC-02'] })).taskNo;
  no.r3 = (await createTask(t, { ...spec, items: ['SCJG-CC-02', 'YJGL-CC-02'] })).taskNo;
  no.r4 = (await createTask(t, { ...spec, items: ['SCJG-CC-02'] })).taskNo;

  await onSite(no.r1, false); // Tuesday 1 December
  await moveTo('2026-12-02T10:00:00');
  const finding = await onSite(no.r2, true);
  await ok(
    call(t.app, scjgStaff, 'POST', `/api/inspection-records/${no.r2}/transfers`, {
      checkItemId: finding,
      targetUnit: '市市场监管综合行政执法支队',
      reason: '未按规定建立进货查验记录',
    }),
  );
  await moveTo('2026-12-03T15:00:00');
  await offSite(scjgStaff, no.r3, dept.scjg, true);
  await offSite(yjglAdmin, no.r3, dept.yjgl, false);
});
afterAll(() => t.app.close());

describe('inspection records list', () => {
  it('lists each department’s completed inspection, newest first, with result, inspectors and transfer state', async () => {
    const all = await listed(lianxi);
    expect(all.slice(0, 2).sort()).toEqual([rec('r3', 'scjg'), rec('r3', 'yjgl')].sort());
    expect(all.slice(2)).toEqual([rec('r2', 'scjg'), rec('r1', 'scjg')]);
    const items = (await call(t.app, lianxi, 'GET', `/api/inspection-records?subject=${subject.uscc}`)).json()
      .items as RecordListItem[];
    const of = (key: string) => items.find((r) => `${r.taskNo}/${r.department.id}` === key)!;
    expect(of(rec('r2', 'scjg'))).toMatchObject({
      subject: { id: subject.id, name: subject.name, uscc: subject.uscc },
      inspectors: [inspectorName],
      inspectedOn: '2026-12-02',
      offsite: false,
      result: '发现问题',
      problems: 1,
      transferred: 1,
      transfer: '已移送',
      taskStatus: '已检查',
    });
    expect(of(rec('r1', 'scjg'))).toMatchObject({
      result: '符合',
      problems: 0,
      transfer: null,
      inspectedOn: '2026-12-01',
    });
    expect(of(rec('r3', 'scjg'))).toMatchObject({ offsite: true, result: '发现问题', problems: 1, transfer: '未移送' });
    expect(of(rec('r3', 'yjgl'))).toMatchObject({ offsite: true, result: '符合', transfer: null });
  });

  it('filters by inspection date, department, result, transfer state, subject name and task number', async () => {
    expect(await listed(lianxi, 'from=2026-12-02&to=2026-12-02')).toEqual([rec('r2', 'scjg')]);
    expect(await listed(lianxi, 'to=2026-12-01')).toEqual([rec('r1', 'scjg')]);
    expect(await listed(lianxi, `departmentId=${dept.yjgl}`)).toEqual([rec('r3', 'yjgl')]);
    expect((await listed(lianxi, `result=${encodeURIComponent('发现问题')}`)).sort()).toEqual(
      [rec('r2', 'scjg'), rec('r3', 'scjg')].sort(),
    );
    expect((await listed(lianxi, `result=${encodeURIComponent('符合')}`)).sort()).toEqual(
      [rec('r1', 'scjg'), rec('r3', 'yjgl')].sort(),
    );
    expect(await listed(lianxi, `transfer=${encodeURIComponent('已移送')}`)).toEqual([rec('r2', 'scjg')]);
    expect(await listed(lianxi, `transfer=${encodeURIComponent('未移送')}`)).toEqual([rec('r3', 'scjg')]);
    expect(await listed(lianxi, `taskNo=${no.r1}`)).toEqual([rec('r1', 'scjg')]);
    expect(await listed(lianxi, `taskNo=${no.r4}`)).toEqual([]);
    const byName = await call(
      t.app,
      lianxi,
      'GET',
      `/api/inspection-records?subject=${encodeURIComponent(subject.name.slice(2, 12))}&taskNo=${no.r2}`,
    );
    expect((byName.json().items as RecordListItem[]).map((r) => r.taskNo)).toEqual([no.r2]);
  });

  it('keeps the department scope: a department sees its own department’s records only', async () => {
    expect(await listed(scjgStaff)).toEqual([rec('r3', 'scjg'), rec('r2', 'scjg'), rec('r1', 'scjg')]);
    expect(await listed(yjglAdmin)).toEqual([rec('r3', 'yjgl')]);
    expect(await listed(scjgStaff, `departmentId=${dept.yjgl}`)).toEqual([]);
    const page = await call(t.app, scjgStaff, 'GET', `/api/inspection-records?subject=${subject.uscc}&pageSize=2`);
    expect(page.json().total).toBe(3);
    expect(page.json().items).toHaveLength(2);
  });

  it('refuses filters that make no sense', async () => {
    const backwards = await call(t.app, lianxi, 'GET', '/api/inspection-records?from=2026-12-05&to=2026-12-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('结束日期不能早于开始日期');
    expect((await call(t.app, lianxi, 'GET', '/api/inspection-records?result=bad')).statusCode).toBe(400);
    expect((await call(t.app, lianxi, 'GET', '/api/inspection-records?transfer=done')).statusCode).toBe(400);
  });
});
