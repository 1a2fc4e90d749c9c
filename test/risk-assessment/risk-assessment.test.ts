import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorOfUser } from '../../src/demo/demo-activity';
import { auditSubjectOf } from '../../src/audit/audit.service';
import { setDepartmentRiskLevels } from '../../src/subjects/subject-risk-level.service';
import { csvOf, importAndWait } from '../support/import-files';
import { call, login, type Session } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';

const YJGL = '市应急管理局';
const SCJG = '市市场监督管理局';
let t: TestApp;
let yjgl: Session;
let scjg: Session;

const definition = (over: Record<string, unknown> = {}) => ({
  name: '危险化学品行业安全风险评估（测试）',
  reasonKind: '确定监管重点',
  reason: '为确定危险化学品领域的监管重点',
  assessorKind: '自行评估',
  assessorName: null,
  method: '规则计算',
  methodNote: '',
  scope: { industryCodes: ['26'], tags: [], divisions: [] },
  indicators: [
    { kind: '检查不符合率', weight: 30 },
    { kind: '行政处罚', weight: 20, cap: 3 },
    { kind: '重点抽查对象', weight: 20 },
    { kind: '行业基础风险', weight: 30 },
  ],
  industryBase: [{ code: '26', score: 60 }],
  windowYears: 3,
  cutoffs: { 一般: 20, 较高: 40, 高: 70 },
  measures: [{ level: '高', measure: '列为重点监管对象，提高抽查比例和频次' }],
  ...over,
});

async function ok(res: { statusCode: number; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body || 'null');
}

const riskOf = async (subjectId: number) =>
  (await t.deps.db.selectFrom('subjects').select('industry_risk').where('id', '=', subjectId).executeTakeFirstOrThrow())
    .industry_risk;

/** The subject as the register form sends it back (PUT /api/subjects/:id). */
async function subjectForm(session: Session, id: number) {
  const s = await ok(await call(t.app, session, 'GET', `/api/subjects/${id}`));
  return {
    uscc: s.uscc,
    keepFlaggedUscc: s.usccProblem !== null,
    legacyRegNo: s.legacyRegNo,
    name: s.name,
    kind: s.kind,
    legalRepresentative: s.legalRepresentative,
    divisionCode: s.divisionCode,
    registeredAddress: s.registeredAddress,
    businessAddress: s.businessAddress,
    businessScope: s.businessScope,
    industryCodes: s.industries.map((i: { code: string }) => i.code),
    registrationDate: s.registrationDate,
    status: s.status,
    creditClass: s.creditClass,
    industryRisk: s.industryRisk,
    whitelisted: s.whitelisted,
    keyTarget: s.keyTarget,
    keyTargetReason: s.keyTargetReason,
  };
}

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-12-07T10:00:00');
  yjgl = await login(t.app, 'yjgl_admin');
  scjg = await login(t.app, 'scjg_admin');
});

describe('行业安全风险评估: rule-based run and issue', () => {
  let id: number;
  let inScope: { id: number; industry_risk: Record<string, string>; key_target: boolean }[];

  it('defines (草稿), refuses a run before start, starts, runs over the subjects in scope', async () => {
    const a = await ok(await call(t.app, yjgl, 'POST', '/api/risk-assessments', definition()));
    id = a.id;
    expect(a.status).toBe('草稿');
    expect(a.assessmentNo).toMatch(/^FXPG2026-\d{4}$/);
    expect((await call(t.app, yjgl, 'POST', `/api/risk-assessments/${id}/run`)).statusCode).toBe(409);
    expect((await ok(await call(t.app, yjgl, 'POST', `/api/risk-assessments/${id}/start`))).status).toBe('评估中');
    // Once started the rules stand.
    expect((await call(t.app, yjgl, 'PUT', `/api/risk-assessments/${id}`, definition())).statusCode).toBe(409);
    const run = await ok(await call(t.app, yjgl, 'POST', `/api/risk-assessments/${id}/run`));
    inScope = await t.deps.db
      .selectFrom('subjects')
      .select(['id', 'industry_risk', 'key_target'])
      .where('status', '=', '存续')
      .where((eb) => eb(eb.val('26'), '=', eb.fn.any('industry_scope')))
      .execute();
    expect(inScope.length).toBeGreaterThan(0);
    expect(run.subjectCount).toBe(inScope.length);
    expect(run.distribution.reduce((s: number, d: { subjects: number }) => s + d.subjects, 0)).toBe(inScope.length);
  });

  it('scores from the platform data: a key target gets the 20 weight of 重点抽查对象 on top of the base', async () => {
    const page = await ok(await call(t.app, yjgl, 'GET', `/api/risk-assessments/${id}/results?pageSize=200`));
    const key = inScope.find((s) => s.key_target);
    const plain = page.items.find(
      (r: { points: Record<string, number> }) =>
        r.points['重点抽查对象'] === 0 && r.points['检查不符合率'] === 0 && r.points['行政处罚'] === 0,
    );
    // Base 60 × 30 / 100 = 18 → 低 (below 20).
    expect(plain).toMatchObject({ score: 18, level: '低' });
    if (key) {
      const all = await t.deps.db
        .selectFrom('risk_assessment_results')
        .selectAll()
        .where('assessment_id', '=', id)
        .where('subject_id', '=', key.id)
        .executeTakeFirstOrThrow();
      expect(all.points?.['重点抽查对象']).toBe(100);
      expect(all.score).toBeGreaterThanOrEqual(38);
    }
  });

  it('another department can neither run nor issue it, and a staff reader of another department cannot read it', async () => {
    expect((await call(t.app, scjg, 'POST', `/api/risk-assessments/${id}/issue`)).statusCode).toBe(403);
    expect((await call(t.app, scjg, 'POST', `/api/risk-assessments/${id}/run`)).statusCode).toBe(403);
    expect((await call(t.app, scjg, 'GET', `/api/risk-assessments/${id}`)).statusCode).toBe(403);
  });

  it('issue sets only 市应急管理局 levels on the assessed subjects; other departments keep theirs; immutable after', async () => {
    // Give one subject in scope a 市场监管 level first: issuing must leave it.
    const probe = inScope[0]!;
    await t.deps.db
      .updateTable('subjects')
      .set({ industry_risk: JSON.stringify({ ...probe.industry_risk, [SCJG]: '一般' }) })
      .where('id', '=', probe.id)
      .execute();
    const out = await ok(await call(t.app, yjgl, 'POST', `/api/risk-assessments/${id}/issue`));
    expect(out.subjectCount).toBe(inScope.length);
    const results = await t.deps.db
      .selectFrom('risk_assessment_results')
      .select(['subject_id', 'level'])
      .where('assessment_id', '=', id)
      .execute();
    for (const r of results.slice(0, 50)) expect((await riskOf(r.subject_id))[YJGL]).toBe(r.level);
    expect((await riskOf(probe.id))[SCJG]).toBe('一般');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'subject.risk_levels')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain(`设置${YJGL}的行业风险等级`);
    expect((await call(t.app, yjgl, 'POST', `/api/risk-assessments/${id}/run`)).statusCode).toBe(409);
    expect((await call(t.app, yjgl, 'POST', `/api/risk-assessments/${id}/issue`)).statusCode).toBe(409);
  });

  it('the report PDF has the sections of 第三十五条', async () => {
    const res = await call(t.app, yjgl, 'GET', `/api/risk-assessments/${id}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'risk-report-'));
    writeFileSync(join(dir, 'r.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'])
      .toString()
      .replace(/\s+/g, '');
    for (const section of [
      '一、评估原因',
      '二、评估过程',
      '三、评估指标体系及方法',
      '四、评估结果',
      '五、排除风险措施',
    ])
      expect(text).toContain(section);
    expect(text).toContain('检查不符合率');
    expect(text).toContain('风险就高不就低');
    expect(text).toContain('列为重点监管对象，提高抽查比例和频次');
  });

  it('the subject panel shows each level with its assessment and the composite (highest)', async () => {
    const probe = inScope[0]!;
    const panel = await ok(await call(t.app, scjg, 'GET', `/api/risk-assessments/subjects/${probe.id}`));
    const levels = await riskOf(probe.id);
    const order = ['低', '一般', '较高', '高'];
    const highest = Object.values(levels).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
    expect(panel.composite).toBe(highest);
    const mine = panel.levels.find((l: { department: string }) => l.department === YJGL);
    expect(mine.assessmentNo).toMatch(/^FXPG2026-/);
    expect(panel.levels.find((l: { department: string }) => l.department === SCJG).assessmentNo).toBeNull();
    expect(panel.rule).toContain('风险就高不就低');
  });
});

describe('a department sets only its own level', () => {
  let subjectId: number;
  beforeAll(async () => {
    const s = await t.deps.db
      .selectFrom('subjects')
      .select('id')
      .where('status', '=', '存续')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    subjectId = s.id;
  });

  it('through the subject form: 市市场监督管理局 cannot set 市应急管理局 (403), nor a department that does not exist (400)', async () => {
    const form = await subjectForm(scjg, subjectId);
    const other = await call(t.app, scjg, 'PUT', `/api/subjects/${subjectId}`, {
      ...form,
      industryRisk: { ...form.industryRisk, [YJGL]: form.industryRisk[YJGL] === '低' ? '高' : '低' },
    });
    expect(other.statusCode, other.body).toBe(403);
    expect(other.json().error.message).toContain(`${YJGL}的行业风险等级由${YJGL}维护`);
    const ghost = await call(t.app, scjg, 'PUT', `/api/subjects/${subjectId}`, {
      ...form,
      industryRisk: { ...form.industryRisk, 不存在的管理局: '高' },
    });
    expect(ghost.statusCode, ghost.body).toBe(400);
    expect(ghost.json().error.message).toContain('不是平台中的部门');
  });

  it('through the assessment path: the same refusals, nothing written', async () => {
    const actor = await actorOfUser(t.deps.db, 'scjg_admin');
    const before = await riskOf(subjectId);
    const attempt = (department: string) =>
      t.deps.db
        .transaction()
        .execute((trx) =>
          setDepartmentRiskLevels(
            { trx, deps: t.deps, now: t.clock.now(), who: auditSubjectOf(actor) },
            actor,
            department,
            [{ subjectId, level: '高' }],
            '测试',
          ),
        );
    await expect(attempt(YJGL)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(attempt('不存在的管理局')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await riskOf(subjectId)).toEqual(before);
    // Its own department: accepted.
    expect(await attempt(SCJG)).toBeGreaterThanOrEqual(0);
    expect((await riskOf(subjectId))[SCJG]).toBe('高');
  });
});

describe('third-party assessment imported from the assessor’s file', () => {
  it('names each bad row and field in Chinese; the good rows go in; issue sets 市场监管 levels', async () => {
    const a = await ok(
      await call(
        t.app,
        scjg,
        'POST',
        '/api/risk-assessments',
        definition({
          name: '餐饮服务食品安全风险评估（测试）',
          assessorKind: '委托第三方',
          assessorName: '日照安评技术服务有限公司',
          method: '第三方结果导入',
          indicators: [],
          industryBase: [],
          scope: { industryCodes: ['62'], tags: [], divisions: [] },
        }),
      ),
    );
    await ok(await call(t.app, scjg, 'POST', `/api/risk-assessments/${a.id}/start`));
    const subjects = await t.deps.db
      .selectFrom('subjects')
      .select(['id', 'uscc'])
      .where('status', '=', '存续')
      .where((eb) => eb(eb.val('62'), '=', eb.fn.any('industry_scope')))
      .orderBy('uscc')
      .limit(2)
      .execute();
    const outside = await t.deps.db
      .selectFrom('subjects')
      .select('uscc')
      .where('status', '=', '存续')
      .where((eb) => eb.not(eb(eb.val('62'), '=', eb.fn.any('industry_scope'))))
      .executeTakeFirstOrThrow();
    const file = csvOf([
      ['评估编号', '统一社会信用代码', '风险等级', '评分', '说明'],
      [a.assessmentNo, subjects[0]!.uscc, '较高', '66', '后厨卫生不达标'],
      [a.assessmentNo, subjects[1]!.uscc, '低', '12', ''],
      [a.assessmentNo, outside.uscc, '高', '80', ''],
      [a.assessmentNo, subjects[0]!.uscc.slice(0, 17) + 'Z', '很高', '120', ''],
    ]);
    const failed = await importAndWait(t.app, scjg, 'levels.csv', file, 'all-or-nothing', 'risk-levels');
    expect(failed.committed).toBe(false);
    const problems = failed.problems.map((p) => `${p.row}:${p.field}:${p.message}`);
    expect(problems).toContain(
      '4:统一社会信用代码:该市场主体不在本次评估范围内（行业、标签或区划不符，或不是存续状态）',
    );
    expect(problems.some((p) => p.startsWith('5:风险等级:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('5:评分:评分应为 0 到 100 之间的数字'))).toBe(true);
    expect((await ok(await call(t.app, scjg, 'GET', `/api/risk-assessments/${a.id}`))).status).toBe('评估中');

    const job = await importAndWait(t.app, scjg, 'levels.csv', file, 'valid-only', 'risk-levels');
    expect(job.inserted).toBe(2);
    const view = await ok(await call(t.app, scjg, 'GET', `/api/risk-assessments/${a.id}`));
    expect(view.status).toBe('已完成');
    expect(view.subjectCount).toBe(2);
    // The other department may not import into it.
    const theirs = await importAndWait(t.app, yjgl, 'levels.csv', file, 'all-or-nothing', 'risk-levels');
    expect(theirs.problems[0]?.message).toContain('只能导入本部门的评估结果');

    await ok(await call(t.app, scjg, 'POST', `/api/risk-assessments/${a.id}/issue`));
    expect((await riskOf(subjects[0]!.id))[SCJG]).toBe('较高');
    expect((await riskOf(subjects[1]!.id))[SCJG]).toBe('低');
  });
});
