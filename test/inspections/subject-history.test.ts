import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { createTask } from '../support/factories/task.factory';
import { inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, testApp, setChinaTime } from '../support/test-platform';

let t: TestApp;
const s: Record<string, Session> = {};
let scjg: { id: number; departmentId: number };
let yjgl: { id: number; departmentId: number };

interface History {
  year: number;
  routineVisits: number;
  routineVisitCap: number;
  inspectedItemCodes: string[];
  visits: { ref: string; routine: boolean; itemCodes: string[] }[];
  tasks: {
    taskNo: string;
    inspectedOn: string | null;
    published: boolean;
    departments: {
      id: number;
      inspection: { offsite: boolean; inspectedOn: string | null; overall: string | null } | null;
    }[];
  }[];
}

async function at(iso: string): Promise<void> {
  setChinaTime(t, iso);
  for (const u of ['scjg_admin', 'scjg_jc01', 'yjgl_admin', 'lianxi']) s[u] = await login(t.app, u);
}
async function history(who: string, subjectId: number, year: number): Promise<History> {
  const res = await call(t.app, s[who]!, 'GET', `/api/subjects/${subjectId}/inspection-history?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as History;
}
async function offsite(
  who: string,
  taskNo: string,
  departmentId: number,
  conductedOn: string,
  result: '符合' | '不符合',
): Promise<void> {
  const view = (await call(t.app, s[who]!, 'GET', `/api/inspections/${taskNo}`)).json() as {
    departments: { id: number; checks: { checkItemId: number }[] }[];
  };
  const checks = view.departments.find((d) => d.id === departmentId)!.checks;
  const res = await call(t.app, s[who]!, 'POST', `/api/inspection-records/${taskNo}/offsite`, {
    method: '书面核查企业报送材料',
    dataSource: '企业报送',
    conductedOn,
    results: checks.map((c) => ({ checkItemId: c.checkItemId, result, notes: result === '不符合' ? '台账缺失' : '' })),
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await testApp();
  scjg = await inspectorOf(t, 'scjg_jc01');
  yjgl = await inspectorOf(t, 'yjgl_jc01');
});
afterAll(() => t.app.close());

describe("a subject's inspection history and what it feeds into the next draw", () => {
  it("lists each department's inspection (on site or off site), shows another department's result only when published, and counts the year's visits", async () => {
    await at('2029-03-02T09:00:00');
    const joint = await createTask(t, {
      items: ['SCJG-CC-02', 'YJGL-CC-02'],
      inspectors: [scjg, yjgl],
      subjectOffset: 41,
      window: {
        from: '2029-03-01',
        to: '2029-03-31',
      },
      source: '抽取',
      routine: true,
    });
    const seen = await history('lianxi', joint.subjectId, 2029);
    expect(seen.tasks.find((x) => x.taskNo === joint.taskNo)).toMatchObject({ inspectedOn: null, published: false });
    expect(seen.visits.find((v) => v.ref.includes(joint.taskNo))).toMatchObject({
      routine: true,
      itemCodes: ['SCJG-CC-02', 'YJGL-CC-02'],
    });
    expect(seen.inspectedItemCodes).toEqual(expect.arrayContaining(['SCJG-CC-02', 'YJGL-CC-02']));
    expect(seen.routineVisitCap).toBe(2);

    // Market regulation inspects on site today, work safety off site with a finding.
    expect((await call(t.app, s.scjg_jc01!, 'POST', `/api/inspections/${joint.taskNo}/check-in`)).statusCode).toBe(200);
    const view = (await call(t.app, s.scjg_jc01!, 'GET', `/api/inspections/${joint.taskNo}`)).json() as {
      departments: { id: number; checks: { checkItemId: number }[] }[];
    };
    for (const c of view.departments.find((d) => d.id === scjg.departmentId)!.checks) {
      expect(
        (
          await call(t.app, s.scjg_jc01!, 'PUT', `/api/inspections/${joint.taskNo}/results/${c.checkItemId}`, {
            result: '符合',
          })
        ).statusCode,
      ).toBe(200);
    }
    expect((await call(t.app, s.scjg_jc01!, 'POST', `/api/inspections/${joint.taskNo}/submit`, {})).statusCode).toBe(
      200,
    );
    await offsite('yjgl_admin', joint.taskNo, yjgl.departmentId, '2029-03-01', '不符合');

    const byOffice = (await history('lianxi', joint.subjectId, 2029)).tasks.find((x) => x.taskNo === joint.taskNo)!;
    expect(byOffice.inspectedOn).toBe('2029-03-02');
    expect(byOffice.departments.find((d) => d.id === scjg.departmentId)!.inspection).toEqual({
      offsite: false,
      inspectedOn: '2029-03-02',
      overall: '符合',
    });
    expect(byOffice.departments.find((d) => d.id === yjgl.departmentId)!.inspection).toEqual({
      offsite: true,
      inspectedOn: '2029-03-01',
      overall: '发现问题',
    });
    // A department-scoped reader sees its own result, not the other department's unpublished one.
    const byScjg = (await history('scjg_admin', joint.subjectId, 2029)).tasks.find((x) => x.taskNo === joint.taskNo)!;
    expect(byScjg.departments.find((d) => d.id === scjg.departmentId)!.inspection!.overall).toBe('符合');
    expect(byScjg.departments.find((d) => d.id === yjgl.departmentId)!.inspection).toEqual({
      offsite: true,
      inspectedOn: '2029-03-01',
      overall: null,
    });
    // Once both approve, the result is public and shown to everyone.
    expect((await call(t.app, s.scjg_admin!, 'POST', `/api/results/${joint.taskNo}/approve`, {})).statusCode).toBe(200);
    expect((await call(t.app, s.yjgl_admin!, 'POST', `/api/results/${joint.taskNo}/approve`, {})).statusCode).toBe(200);
    const after = (await history('scjg_admin', joint.subjectId, 2029)).tasks.find((x) => x.taskNo === joint.taskNo)!;
    expect(after.published).toBe(true);
    expect(after.departments.find((d) => d.id === yjgl.departmentId)!.inspection!.overall).toBe('发现问题');
  });

  it('counts a task in the year it was actually inspected, not the year its window opened', async () => {
    await at('2029-03-03T09:00:00');
    const late = await createTask(t, {
      items: ['SCJG-CC-02'],
      inspectors: [scjg],
      subjectOffset: 42,
      window: { from: '2028-12-01', to: '2029-01-31' },
      source: '抽取',
      routine: true,
    });
    expect((await history('lianxi', late.subjectId, 2028)).visits.some((v) => v.ref.includes(late.taskNo))).toBe(true);
    expect((await history('lianxi', late.subjectId, 2029)).visits.some((v) => v.ref.includes(late.taskNo))).toBe(false);
    await offsite('scjg_admin', late.taskNo, scjg.departmentId, '2029-01-10', '符合');
    expect((await history('lianxi', late.subjectId, 2028)).visits.some((v) => v.ref.includes(late.taskNo))).toBe(false);
    const y2029 = await history('lianxi', late.subjectId, 2029);
    expect(y2029.visits.find((v) => v.ref.includes(late.taskNo))).toMatchObject({
      routine: true,
      itemCodes: ['SCJG-CC-02'],
    });
    expect(y2029.visits.find((v) => v.ref.includes(late.taskNo))!.ref).toContain('2029-01-10 已检查');
    expect(y2029.inspectedItemCodes).toContain('SCJG-CC-02');
    expect(y2029.routineVisits).toBeGreaterThanOrEqual(1);
  });

  it("does not show a department another department's task before its announcement", async () => {
    await at('2029-03-04T09:00:00');
    const drawn = await createTask(t, {
      items: ['YJGL-CC-02'],
      inspectors: [yjgl],
      subjectOffset: 43,
      window: { from: '2029-04-01', to: '2029-04-30' },
      source: '抽取',
      routine: true,
      status: '待发布',
    });
    const office = await history('lianxi', drawn.subjectId, 2029);
    expect(office.tasks.map((x) => x.taskNo)).toContain(drawn.taskNo);
    const other = await history('scjg_admin', drawn.subjectId, 2029);
    expect(other.tasks.map((x) => x.taskNo)).not.toContain(drawn.taskNo);
    expect(JSON.stringify(other)).not.toContain(drawn.taskNo);
    expect(other.routineVisits).toBe(office.routineVisits);
    expect((await history('yjgl_admin', drawn.subjectId, 2029)).tasks.map((x) => x.taskNo)).toContain(drawn.taskNo);
  });

  it('needs task reading and answers 404 for an unknown subject', async () => {
    expect((await call(t.app, s.lianxi!, 'GET', '/api/subjects/999999999/inspection-history')).statusCode).toBe(404);
    expect((await call(t.app, null, 'GET', '/api/subjects/1/inspection-history')).statusCode).toBe(401);
  });
});
