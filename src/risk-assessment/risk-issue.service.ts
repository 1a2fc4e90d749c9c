import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { setDepartmentRiskLevels } from '../subjects/subject-risk-level.service';
import { allResults, levelCounts, lockAssessment, reportOf, updateAssessment } from './risk-assessment.repository';
import { getAssessment, lockOwn, presentAssessment, processStep } from './risk-assessment.service';
import type { AssessmentScope } from './risk-assessment.table';
import { riskReportPdf } from './risk-report';

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
 * which applies the ownership rule), and the assessment is immutable from now on; its written report (第三十五条)
 * follows from it (assessmentReport). 已完成 → 已发布, in one transaction, audited.
 */
export async function issueAssessment(deps: AppDeps, actor: Actor, id: number) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockOwn(trx, actor, id);
    if (row.status !== '已完成')
      throw new AppError('CONFLICT', `风险评估 ${row.assessment_no} 尚未完成（${row.status}），不能发布`);
    const results = await allResults(trx, id);
    if (results.length === 0) throw new AppError('CONFLICT', '没有评估结果，不能发布');
    const now = deps.clock.now();
    const changed = await setDepartmentRiskLevels(
      { trx, deps, now, who: auditSubjectOf(actor) },
      actor,
      row.department_name,
      results.map((r) => ({ subjectId: r.subject_id, level: r.level })),
      `发布风险评估 ${row.assessment_no}`,
    );
    const step = `发布评估结果，${results.length} 户的${row.department_name}行业风险等级归集至监管对象名录库`;
    await updateAssessment(trx, id, {
      status: '已发布',
      issued_at: now,
      issued_by: actor.userId,
      updated_at: now,
      process_log: JSON.stringify([...row.process_log, processStep(now, step)]),
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'risk_assessment.issue',
      entityType: 'risk_assessment',
      entityId: id,
      summary: `发布行业安全风险评估 ${row.assessment_no}“${row.name}”：${results.length} 户，其中 ${changed} 户的风险等级有变化`,
      after: { status: '已发布', subjects: results.length, changed },
    });
    return { subjectCount: results.length, changed };
  });
}

/**
 * The written report of an issued assessment (PDF) and its file name. The report is a function of the issued
 * assessment, which no longer changes: it is made on the first download (a CJK PDF takes a few seconds, too long to
 * add to every issue) and kept with its SHA-256, so every later download is the same file.
 */
export async function assessmentReport(deps: AppDeps, actor: Actor, id: number) {
  await getAssessment(deps, actor, id);
  const stored = await reportOf(deps.db, id);
  if (!stored) throw notFound('风险评估');
  const fileName = `${stored.assessment_no}${stored.name}风险评估报告.pdf`;
  if (stored.report_pdf) return { body: stored.report_pdf, fileName };
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockAssessment(trx, id);
    if (!row || row.status !== '已发布') throw new AppError('NOT_FOUND', '风险评估尚未发布，还没有评估报告');
    if (row.report_pdf) return { body: row.report_pdf, fileName };
    const results = await allResults(trx, id);
    const pdf = await riskReportPdf({
      view: presentAssessment(row, await levelCounts(trx, id)),
      issuedOn: chinaDate(row.issued_at!),
      scopeText: scopeText(row.scope),
      flagged: results
        .filter((r) => r.level === '高' || r.level === '较高')
        .map((r) => ({ uscc: r.uscc, name: r.subject_name, score: r.score, level: r.level })),
    });
    await updateAssessment(trx, id, { report_pdf: pdf, report_digest: createHash('sha256').update(pdf).digest('hex') });
    return { body: pdf, fileName };
  });
}
