import { type Actor, requirePermission } from '../auth/actor';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { subjectById } from '../subjects/subject.service';
import { compositeRisk, decidingDepartments } from './composite-risk';
import { issuedResultsOf } from './risk-assessment.repository';

export const COMPOSITE_RULE =
  '同一市场主体有多个行业风险评估结果的，按“从严监管，风险就高不就低”的原则汇总形成综合行业风险评估结果（《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十六条），作为调整“双随机”抽查比例、频次、范围的重要参考（第三十七条）。';

/**
 * A subject's industry risk as the register holds it: each department's level with the issued assessment it came
 * from (when that assessment's level is the one held; otherwise it was set in the register form or import), and the
 * composite (the highest) with the departments that decide it.
 */
export async function subjectRisk(deps: AppDeps, actor: Actor, subjectId: number) {
  requirePermission(actor, 'registry:subject:read');
  const subject = await subjectById(deps.db, subjectId);
  if (!subject) throw notFound('监管对象');
  const levels = subject.industry_risk;
  const issued = new Map((await issuedResultsOf(deps.db, subjectId)).map((r) => [r.department, r]));
  return {
    levels: Object.keys(levels)
      .sort()
      .map((department) => {
        const from = issued.get(department);
        const same = from !== undefined && from.level === levels[department];
        return {
          department,
          level: levels[department]!,
          assessmentNo: same ? from.assessment_no : null,
          assessmentName: same ? from.name : null,
          issuedAt: same ? (from.issued_at?.toISOString() ?? null) : null,
          score: same ? from.score : null,
        };
      }),
    composite: compositeRisk(levels),
    deciding: decidingDepartments(levels),
    rule: COMPOSITE_RULE,
  };
}
