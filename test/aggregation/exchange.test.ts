import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask } from '../support/factories/task.factory';
import { bearerFor, type Facts, inspectionFacts } from './aggregation-support';

let t: TestApp;
let scjgSystem: Session;
let lianxi: Session;
let scjg: Session;
let f: Facts;

const send = (records: unknown[]) =>
  call(t.app, scjgSystem, 'POST', '/api/aggregation/batches', { 数据类别: '行政强制', 记录: records });
const exportOf = (kind: string, from: string, to = from) =>
  call(t.app, lianxi, 'POST', '/api/aggregation/exchange/exports', { kind, from, to });

function enforcement(key: string, over: Record<string, unknown> = {}) {
  return {
    主键: key,
    操作: 'i',
    行政强制决定书文号: `日市监强字〔2026〕${key}号`,
    强制措施种类: '扣押财物',
    强制措施内容: '扣押过期食品 20 箱',
    强制依据: '《中华人民共和国食品安全法》第一百一十条',
    监管事项目录编码: '37110000100001',
    行政相对人: f.subject.name,
    行政相对人性质: '法人',
    证件类型: '001',
    行政相对人编码: f.subject.uscc,
    实施日期: '2026-06-10',
    实施机构: f.department.name,
    实施机构编码: f.department.code,
    ...over,
  };
}

beforeAll(async () => {
  t = await testApp();
  const admin = await login(t.app, 'admin');
  [lianxi, scjg] = await Promise.all(['lianxi', 'scjg_admin'].map((u) => login(t.app, u)));
  scjgSystem = await bearerFor(t, admin, 'scjg_admin');
  f = await inspectionFacts(t, 'scjg_admin');
});
afterAll(async () => {
  await t.app.close();
});

describe('the provincial exchange export', () => {
  it('sends i, then u for a changed record and d for a deleted one, then nothing for unchanged ones', async () => {
    const a = `EA${unique().tag}`;
    const b = `EB${unique().tag}`;
    setChinaTime(t, '2026-06-15T10:00:00');
    expect((await send([enforcement(a), enforcement(b)])).json().acceptedCount).toBe(2);
    expect(
      (
        await call(t.app, scjg, 'POST', '/api/aggregation/exchange/exports', {
          kind: '行政强制',
          from: '2026-06-15',
          to: '2026-06-15',
        })
      ).statusCode,
    ).toBe(403);
    const first = await exportOf('行政强制', '2026-06-15');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ inserted: 2, updated: 0, deleted: 0 });
    expect(first.json().batchNo).toMatch(/^20260615\d{5}$/);
    const second = await exportOf('行政强制', '2026-06-15');
    expect(second.json()).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(Number(second.json().batchNo.slice(8))).toBe(Number(first.json().batchNo.slice(8)) + 1);

    setChinaTime(t, '2026-06-16T10:00:00');
    await send([enforcement(a, { 操作: 'u', 解除日期: '2026-06-16' }), { 主键: b, 操作: 'd' }]);
    const third = await exportOf('行政强制', '2026-06-16');
    expect(third.json()).toMatchObject({ inserted: 0, updated: 1, deleted: 1 });

    const file = await call(
      t.app,
      lianxi,
      'GET',
      `/api/aggregation/exchange/exports/${third.json().id}/file?format=csv`,
    );
    expect(file.statusCode).toBe(200);
    const lines = file.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^记录ID,部门编码\+主键,入库时间,数据来源,批次号,操作,行政强制决定书文号/);
    const rowOf = (key: string) => lines.find((l) => l.includes(`${f.department.code}${key},`))!.split(',');
    expect(rowOf(a)[5]).toBe('u');
    expect(rowOf(b)[5]).toBe('d');
    expect(rowOf(a)[4]).toBe(third.json().batchNo);
    expect(rowOf(a)[3]).toBe(`370000${f.department.code}`);
    // 入库时间 in China time, as the exchange format writes times (not an ISO UTC instant).
    expect(rowOf(a)[2]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const firstFile = await call(
      t.app,
      lianxi,
      'GET',
      `/api/aggregation/exchange/exports/${first.json().id}/file?format=csv`,
    );
    const firstId = firstFile.body
      .split('\r\n')
      .find((l) => l.includes(`${f.department.code}${a},`))!
      .split(',')[0];
    expect(rowOf(a)[0]).toBe(firstId);
    const xlsx = await call(
      t.app,
      lianxi,
      'GET',
      `/api/aggregation/exchange/exports/${third.json().id}/file?format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'export.download')
      .where('summary', 'like', `%${third.json().batchNo}%`)
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a platform inspection whose item lacks the national codes, and exports it once mapped', async () => {
    // A platform inspection submitted on site on Tuesday 1 December.
    setChinaTime(t, '2026-12-01T09:00:00');
    const jc = await login(t.app, 'scjg_jc01');
    const crew = await inspectorOf(t, 'scjg_jc01');
    const task = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [crew], subjectOffset: 3 });
    expect((await call(t.app, jc, 'POST', `/api/inspections/${task.taskNo}/check-in`)).statusCode).toBe(200);
    const view = (await call(t.app, jc, 'GET', `/api/inspections/${task.taskNo}`)).json() as {
      departments: { id: number; checks: { checkItemId: number }[] }[];
    };
    for (const c of view.departments.find((d) => d.id === crew.departmentId)!.checks)
      expect(
        (await call(t.app, jc, 'PUT', `/api/inspections/${task.taskNo}/results/${c.checkItemId}`, { result: '符合' }))
          .statusCode,
      ).toBe(200);
    const submitted = await call(t.app, jc, 'POST', `/api/inspections/${task.taskNo}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    const item = await t.deps.db
      .selectFrom('inspection_results as r')
      .innerJoin('check_items as ci', 'ci.id', 'r.check_item_id')
      .innerJoin('supervision_items as si', 'si.id', 'ci.supervision_item_id')
      .select('si.code')
      .where('r.task_id', '=', task.id)
      .executeTakeFirstOrThrow();
    const candidate = { item_code: item.code, code: f.department.code, task_no: task.taskNo };
    const day = '2026-12-01';
    const key = `${candidate.code}${candidate.task_no}-${candidate.item_code}`;
    lianxi = await login(t.app, 'lianxi');
    await t.deps.db.deleteFrom('exchange_code_mappings').where('item_code', '=', item.code).execute();
    const refused = await exportOf('行政检查', day);
    expect(refused.statusCode, refused.body).toBe(200);
    const refusal = refused.json().refusals.find((r: { key: string }) => r.key === key);
    expect(refusal?.reason).toContain('尚未对应国家监管事项目录编码');
    const mapped = await call(
      t.app,
      lianxi,
      'PUT',
      `/api/aggregation/exchange/mappings/${encodeURIComponent(candidate.item_code)}`,
      {
        catalogCode: '37110000100099',
        listCode: `${candidate.code}10099`,
      },
    );
    expect(mapped.statusCode, mapped.body).toBe(204);
    const bad = await call(
      t.app,
      lianxi,
      'PUT',
      `/api/aggregation/exchange/mappings/${encodeURIComponent(candidate.item_code)}`,
      {
        catalogCode: '3711',
        listCode: 'X',
      },
    );
    expect(bad.statusCode).toBe(400);
    const exported = await exportOf('行政检查', day);
    expect(exported.json().refusals.some((r: { key: string }) => r.key === key)).toBe(false);
    expect(exported.json().inserted).toBeGreaterThanOrEqual(1);
    const file = await call(
      t.app,
      lianxi,
      'GET',
      `/api/aggregation/exchange/exports/${exported.json().id}/file?format=csv`,
    );
    const row = file.body.split('\r\n').find((l) => l.includes(`${key},`))!;
    expect(row).toContain(',i,,37110000100099,');
  });
});
