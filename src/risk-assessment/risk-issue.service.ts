import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { setDepartmentRiskLevels } from '../subjects/subject-risk-level.service';
import { allResults, levelCounts, reportOf, updateAssessment } from './risk-assessment.repository';
import { getAssessment, lockOwn, presentAssessment, processStep } from './risk-assessment.service';
import type { AssessmentScope } from './risk-assessment.table';
import { riskReportPdf } from './risk-report';
import { requireDepartmentScope } from '../auth/actor';

export const scopeText = (s: AssessmentScope): string =>
  [
    s.industryCodes.length ? `行业 ${s.industryCodes.join('、')}` : '',
    s.tags.length ? `标签 ${s.tags.join('、')}` : '',
    s.divisions.length ? `区划 ${s.divisions.join('、')}` : '',
  ]
    .filter(Boolean)
    .join('；') + ' 范围内存续的市场主体';

/**
 * 发布: the assessment's levels become the department's levels in the register (one set-based call to src/subjects,
 * which applies the ownership rule), the written report (第三十五条) is produced and kept, and the assessment is
 * immutable from now on. 已完成 → 已发布, in one transaction, audited.
 */
export async function issueAssessment(deps: AppDeps, actor: Actor, id: number) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockOwn(trx, actor, id);
    if (row.status !== '已完成')
      throw new AppError('CONFLICT', `风险评估 ${row.assessment_no} 尚未完成（${row.status}），不能发布`);
    const results = await allResults(trx, id);
    if (results.length === 0) throw new AppError('CONFLICT', '没有评估结果，不能发布');
    const now = deps.clock.now();
    const who = { trx, deps, now, who: auditSubjectOf(actor) };
    const changed = await setDepartmentRiskLevels(
      who,
      actor,
      row.department_name,
      results.map((r) => ({ subjectId: r.subject_id, level: r.level })),
      `发布风险评估 ${row.assessment_no}`,
    );
    const log = [
      ...row.process_log,
      processStep(now, `发布评估结果，${results.length} 户的${row.department_name}行业风险等级归集至监管对象名录库`),
    ];
    const view = { ...presentAssessment({ ...row, process_log: log }, await levelCounts(trx, id)) };
    const pdf = await riskReportPdf({
      view,
      issuedOn: chinaDate(now),
      scopeText: scopeText(row.scope),
      flagged: results
        .filter((r) => r.level === '高' || r.level === '较高')
        .map((r) => ({ uscc: r.uscc, name: r.subject_name, score: r.score, level: r.level })),
    });
    const digest = createHash('sha256').update(pdf).digest('hex');
    await updateAssessment(trx, id, {
      status: '已发布',
      issued_at: now,
      issued_by: actor.userId,
      updated_at: now,
      process_log: JSON.stringify(log),
      report_pdf: pdf,
      report_digest: digest,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'risk_assessment.issue',
      entityType: 'risk_assessment',
      entityId: id,
      summary: `发布行业安全风险评估 ${row.assessment_no}“${row.name}”：${results.length} 户，其中 ${changed} 户的风险等级有变化；出具风险评估报告（SHA-256 ${digest.slice(0, 16)}…）`,
      after: { status: '已发布', reportDigest: digest, subjects: results.length, changed },
    });
    return { subjectCount: results.length, changed };
  });
}

/** The issued report (PDF) and its file name. */
export async function assessmentReport(deps: AppDeps, actor: Actor, id: number) {
  await getAssessment(deps, actor, id);
  const row = await reportOf(deps.db, id);
  if (!row) throw notFound('风险评估');
  requireDepartmentScope(actor, 'risk:assessment:read', row.department_id);
  if (!row.report_pdf) throw new AppError('NOT_FOUND', '风险评估尚未发布，还没有评估报告');
  return { body: row.report_pdf, fileName: `${row.assessment_no}${row.name}风险评估报告.pdf` };
}
