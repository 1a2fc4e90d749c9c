import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/shared/china-date';
import type { SubjectInput, SubjectView } from '../../src/subjects/subject.schemas';
import { call, login, type Session } from '../support/http';
import { DRAW_ITEMS } from '../support/route-fixtures';
import { isolatedApp, type TestApp } from '../support/test-platform';

/**
 * Scopes the permission table cannot express (the hardening issue's finding 5): the route matrix sees only that a
 * department administrator may write subjects and read draw records; these say which subjects' fields and which
 * part of a draw record. The permission check lets every one of these requests through; only the scope refuses.
 */

let t: TestApp;
let admin: Session;
let lianxi: Session;
let scjgAdmin: Session;
let licensing: Session;
let subjectId: number;
let recordNo: string;
let scjgDepartmentId: number;
const otherItems = ['CSGL-CC-01', 'XFJY-CC-01'];

beforeAll(async () => {
  t = await isolatedApp();
  [admin, lianxi, scjgAdmin, licensing] = await Promise.all(
    ['admin', 'lianxi', 'scjg_admin', 'spj_xk'].map((u) => login(t.app, u)),
  );
  scjgDepartmentId = (await call(t.app, scjgAdmin, 'GET', '/api/auth/me')).json().user.departmentId;
  // A subject of the demo city (lowest ids: not one another suite made) off the whitelist, with no class D and no
  // risk level of 市应急管理局.
  const candidates = await t.deps.db
    .selectFrom('subjects')
    .select('id')
    .where('whitelisted', '=', false)
    .orderBy('id')
    .limit(50)
    .execute();
  for (const { id } of candidates) {
    const s = (await call(t.app, admin, 'GET', `/api/subjects/${id}`)).json() as SubjectView;
    if (s.creditClass !== 'D' && !('市应急管理局' in s.industryRisk) && !s.usccProblem) {
      subjectId = s.id;
      break;
    }
  }
  expect(subjectId).toBeGreaterThan(0);

  const sampling = await t.deps.db.selectFrom('sampling_items').select('id').where('code', 'in', DRAW_ITEMS).execute();
  // A window ahead of today, and a local seed: a lottery's numbers are refused before its declared draw time.
  const year = Number(chinaDate(t.clock.now()).slice(0, 4)) + 1;
  const seed = 'scope-matrix-test-seed';
  const round = await call(t.app, lianxi, 'POST', '/api/draws', {
    title: '范围测试：跨部门联合抽查',
    year,
    window: { from: `${year}-08-01`, to: `${year}-10-31` },
    samplingItemIds: sampling.map((s) => s.id),
    design: 'fixed',
    entropy: { kind: 'local', seedHash: createHash('sha256').update(seed).digest('hex') },
  });
  expect(round.statusCode, round.body).toBe(200);
  const record = await call(t.app, lianxi, 'POST', `/api/draws/${round.json().roundNo}/records`, {
    reveal: { kind: 'local', seed },
  });
  expect(record.statusCode, record.body).toBe(200);
  recordNo = record.json().recordNo;
});
afterAll(() => t?.app.close());

async function currentInput(): Promise<SubjectInput> {
  const res = await call(t.app, admin, 'GET', `/api/subjects/${subjectId}`);
  expect(res.statusCode, res.body).toBe(200);
  const s = res.json() as SubjectView;
  return {
    uscc: s.uscc,
    keepFlaggedUscc: false,
    legacyRegNo: s.legacyRegNo,
    name: s.name,
    kind: s.kind,
    legalRepresentative: s.legalRepresentative,
    divisionCode: s.divisionCode,
    registeredAddress: s.registeredAddress,
    businessAddress: s.businessAddress,
    businessScope: s.businessScope,
    industryCodes: s.industries.map((i) => i.code),
    registrationDate: s.registrationDate,
    status: s.status,
    creditClass: s.creditClass,
    industryRisk: s.industryRisk as SubjectInput['industryRisk'],
    whitelisted: s.whitelisted,
  };
}

const put = (who: Session, body: SubjectInput) => call(t.app, who, 'PUT', `/api/subjects/${subjectId}`, body);

describe('field scopes on subjects: who may change credit class, whitelist and risk levels', () => {
  it('a department administrator still changes the ordinary fields and its own department’s risk level', async () => {
    const before = await currentInput();
    const res = await put(scjgAdmin, {
      ...before,
      businessAddress: '日照市东港区海曲中路 1 号（范围测试）',
      industryRisk: { ...before.industryRisk, 市市场监督管理局: '较高' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await currentInput()).businessAddress).toBe('日照市东港区海曲中路 1 号（范围测试）');
  });

  it('a department administrator cannot change a subject’s credit class (nobody can: it comes from the evaluation)', async () => {
    const before = await currentInput();
    const res = await put(scjgAdmin, { ...before, creditClass: before.creditClass === 'D' ? 'A' : 'D' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain('信用风险分类由公共信用综合评价产生');
    expect((await currentInput()).creditClass).toBe(before.creditClass);
  });

  it('a department administrator cannot put a subject on the whitelist (it would leave every department’s draws)', async () => {
    const res = await put(scjgAdmin, { ...(await currentInput()), whitelisted: true });
    expect(res.statusCode, res.body).toBe(403);
    expect((await currentInput()).whitelisted).toBe(false);
  });

  it('a department administrator cannot set another department’s risk level', async () => {
    const before = await currentInput();
    const res = await put(scjgAdmin, { ...before, industryRisk: { ...before.industryRisk, 市应急管理局: '高' } });
    expect(res.statusCode, res.body).toBe(403);
    expect((await currentInput()).industryRisk).not.toHaveProperty('市应急管理局');
  });

  it('the licensing role cannot change the credit class or the whitelist', async () => {
    const before = await currentInput();
    expect((await put(licensing, { ...before, creditClass: before.creditClass === 'D' ? 'A' : 'D' })).statusCode).toBe(
      400,
    );
    expect((await put(licensing, { ...before, whitelisted: true })).statusCode).toBe(403);
    const after = await currentInput();
    expect([after.creditClass, after.whitelisted]).toEqual([before.creditClass, before.whitelisted]);
  });
});

describe('draw records read by a department-scoped user show only that department', () => {
  interface RecordTask {
    departmentIds: number[];
    inspectorIds: number[];
  }

  it('the record lists only tasks of the reader’s department; the joint office sees them all', async () => {
    const all = await call(t.app, lianxi, 'GET', `/api/draw-records/${recordNo}`);
    expect(all.statusCode, all.body).toBe(200);
    const allTasks = all.json().tasks as RecordTask[];
    // The draw did give other departments tasks of their own, so a filter has something to remove.
    expect(allTasks.some((task) => !task.departmentIds.includes(scjgDepartmentId))).toBe(true);
    expect(allTasks.some((task) => task.departmentIds.includes(scjgDepartmentId))).toBe(true);

    const mine = await call(t.app, scjgAdmin, 'GET', `/api/draw-records/${recordNo}`);
    expect(mine.statusCode, mine.body).toBe(200);
    const tasks = mine.json().tasks as RecordTask[];
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.filter((task) => !task.departmentIds.includes(scjgDepartmentId))).toEqual([]);
  });

  it('the frame and task files hold no other department’s items or tasks (or are refused)', async () => {
    for (const file of ['frame.csv', 'tasks.csv']) {
      const res = await call(t.app, scjgAdmin, 'GET', `/api/draw-records/${recordNo}/${file}`);
      if (res.statusCode === 403) continue;
      expect(res.statusCode, res.body).toBe(200);
      const lines = res.body.split('\n').slice(1).filter(Boolean);
      expect(lines.length, file).toBeGreaterThan(0);
      const foreign = lines.filter((l) => otherItems.some((code) => l.includes(code)) && !l.includes('SCJG-'));
      expect(foreign.slice(0, 3), file).toEqual([]);
    }
  });
});
