import { type Actor, departmentFilter, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  findAssessment,
  insertAssessment,
  levelCounts,
  listAssessments,
  lockAssessment,
  nextAssessmentNo,
  pageResults,
  updateAssessment,
} from './risk-assessment.repository';
import type { AssessmentInput, AssessmentListQuery, AssessmentView, ResultQuery } from './risk-assessment.schemas';
import type { ProcessStep, RiskAssessmentRow } from './risk-assessment.table';
import { definitionProblems } from './risk-score';
import { riskLevelOrder } from './composite-risk';

type Row = RiskAssessmentRow & { department_name: string };

export function presentAssessment(row: Row, counts: Map<string, number>): AssessmentView {
  return {
    id: row.id,
    assessmentNo: row.assessment_no,
    departmentId: row.department_id,
    departmentName: row.department_name,
    name: row.name,
    reasonKind: row.reason_kind,
    reason: row.reason,
    assessorKind: row.assessor_kind,
    assessorName: row.assessor_name,
    method: row.method,
    methodNote: row.method_note,
    scope: row.scope,
    indicators: row.indicators,
    industryBase: row.industry_base,
    windowYears: row.window_years,
    cutoffs: row.cutoffs,
    measures: row.measures,
    status: row.status,
    subjectCount: row.subject_count,
    processLog: row.process_log,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    issuedAt: row.issued_at?.toISOString() ?? null,
    hasReport: row.status === '已发布',
    reportDigest: row.report_digest,
    distribution: riskLevelOrder.map((level) => ({ level, subjects: counts.get(level) ?? 0 })),
  };
}

/** A step of the process (评估过程), stamped with the China date and time. */
export const processStep = (now: Date, what: string): ProcessStep => ({
  at: `${chinaDate(now)} ${now.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 5)}`,
  what,
});

/** Rules a definition must satisfy beyond the schema (400 with every problem). */
function validateDefinition(input: AssessmentInput): void {
  const problems = input.method === '规则计算' ? definitionProblems(input.indicators, input.cutoffs) : [];
  if (input.assessorKind === '委托第三方' && !input.assessorName)
    problems.push('委托第三方评估须填写第三方评估机构名称');
  const { industryCodes, tags } = input.scope;
  if (industryCodes.length === 0 && tags.length === 0) problems.push('评估范围至少指定行业或标签');
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION',
      problems.join('；'),
      problems.map((message) => ({ field: 'definition', message })),
    );
}

const definitionValues = (input: AssessmentInput) => ({
  name: input.name,
  reason_kind: input.reasonKind,
  reason: input.reason,
  assessor_kind: input.assessorKind,
  assessor_name: input.assessorKind === '委托第三方' ? input.assessorName : null,
  method: input.method,
  method_note: input.methodNote,
  scope: JSON.stringify(input.scope),
  indicators: JSON.stringify(input.indicators),
  industry_base: JSON.stringify(input.industryBase),
  window_years: input.windowYears,
  cutoffs: JSON.stringify(input.cutoffs),
  measures: JSON.stringify(input.measures),
});

export async function loadAssessment(db: Db, id: number): Promise<Row> {
  const row = await findAssessment(db, id);
  if (!row) throw notFound('风险评估');
  return row;
}

/** Reads one assessment: its own department's readers, or readers of all departments. */
export async function getAssessment(deps: AppDeps, actor: Actor, id: number): Promise<AssessmentView> {
  requirePermission(actor, 'risk:assessment:read');
  const row = await loadAssessment(deps.db, id);
  requireDepartmentScope(actor, 'risk:assessment:read', row.department_id);
  return presentAssessment(row, await levelCounts(deps.db, id));
}

export async function assessmentList(deps: AppDeps, actor: Actor, query: AssessmentListQuery) {
  requirePermission(actor, 'risk:assessment:read');
  const { rows, total } = await listAssessments(deps.db, query, departmentFilter(actor, 'risk:assessment:read'));
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      assessmentNo: r.assessment_no,
      name: r.name,
      departmentName: r.department_name,
      reasonKind: r.reason_kind,
      assessorKind: r.assessor_kind,
      method: r.method,
      status: r.status,
      subjectCount: r.subject_count,
      createdAt: r.created_at.toISOString(),
      issuedAt: r.issued_at?.toISOString() ?? null,
    })),
  };
}

export async function assessmentResults(deps: AppDeps, actor: Actor, id: number, query: ResultQuery) {
  const view = await getAssessment(deps, actor, id);
  const { rows, total } = await pageResults(deps.db, id, query);
  return {
    total,
    distribution: view.distribution,
    items: rows.map((r) => ({
      subjectId: r.subject_id,
      uscc: r.uscc,
      subjectName: r.subject_name,
      score: r.score,
      level: r.level,
      points: r.points,
      note: r.note,
    })),
  };
}

/** A new assessment (草稿) of the actor's own department. */
export async function createAssessment(deps: AppDeps, actor: Actor, input: AssessmentInput): Promise<AssessmentView> {
  requirePermission(actor, 'risk:assessment:write');
  validateDefinition(input);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const no = await nextAssessmentNo(trx, Number(chinaDate(now).slice(0, 4)));
    const id = await insertAssessment(trx, {
      ...definitionValues(input),
      assessment_no: no,
      department_id: actor.departmentId,
      status: '草稿',
      process_log: JSON.stringify([processStep(now, `${actor.name}制定评估规则（${input.reasonKind}）`)]),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'risk_assessment.create',
      entityType: 'risk_assessment',
      entityId: id,
      summary: `新建行业安全风险评估 ${no}“${input.name}”`,
      after: input,
    });
    return presentAssessment(await loadAssessment(trx, id), new Map());
  });
}

/** Locks an assessment of the actor's department for a change, refusing one already issued. */
export async function lockOwn(trx: Db, actor: Actor, id: number): Promise<Row> {
  requirePermission(actor, 'risk:assessment:write');
  const row = await lockAssessment(trx, id);
  if (!row) throw notFound('风险评估');
  requireDepartmentScope(actor, 'risk:assessment:write', row.department_id);
  if (row.status === '已发布') throw new AppError('CONFLICT', `风险评估 ${row.assessment_no} 已发布，不能再修改`);
  return row;
}

/** Changes the rules while the assessment is a draft (草稿); once started the rules stand. */
export async function changeAssessment(deps: AppDeps, actor: Actor, id: number, input: AssessmentInput) {
  validateDefinition(input);
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockOwn(trx, actor, id);
    if (row.status !== '草稿')
      throw new AppError('CONFLICT', `风险评估 ${row.assessment_no} 已开始（${row.status}），评估规则不能再修改`);
    const now = deps.clock.now();
    await updateAssessment(trx, id, { ...definitionValues(input), updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'risk_assessment.update',
      entityType: 'risk_assessment',
      entityId: id,
      summary: `修改行业安全风险评估 ${row.assessment_no}“${input.name}”的评估规则`,
      after: input,
    });
    return presentAssessment(await loadAssessment(trx, id), new Map());
  });
}

/** 草稿 → 评估中: the rules are fixed from now on. */
export async function startAssessment(deps: AppDeps, actor: Actor, id: number) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockOwn(trx, actor, id);
    if (row.status !== '草稿') throw new AppError('CONFLICT', `风险评估 ${row.assessment_no} 已开始（${row.status}）`);
    const now = deps.clock.now();
    const who = row.assessor_kind === '委托第三方' ? `委托${row.assessor_name}实施评估` : '本部门自行实施评估';
    await updateAssessment(trx, id, {
      status: '评估中',
      updated_at: now,
      process_log: JSON.stringify([...row.process_log, processStep(now, `启动评估，${who}`)]),
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'risk_assessment.start',
      entityType: 'risk_assessment',
      entityId: id,
      summary: `开始行业安全风险评估 ${row.assessment_no}（${who}）`,
    });
    return presentAssessment(await loadAssessment(trx, id), new Map());
  });
}
