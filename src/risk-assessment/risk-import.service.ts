import { type Actor, scopeOf } from '../auth/actor';
import type { Db } from '../db/database';
import { findAssessmentByNo } from './risk-assessment.repository';
import type { AssessmentScope } from './risk-assessment.table';
import { scopedIdsByUscc, scopedSubjects } from './risk-facts.repository';

export interface ImportTarget {
  id: number;
  scope: AssessmentScope;
  /** The subjects in scope by USCC, loaded once per import job. */
  subjects: Map<string, { id: number; name: string }>;
}

/**
 * The assessment an imported row names (评估编号), or why the row cannot go to it: unknown, another department's
 * (for a department-scoped importer), not a third-party import, not started, or issued. A null actor is the
 * command line (no department scope).
 */
export async function importTarget(
  db: Db,
  actor: Actor | null,
  assessmentNo: string,
): Promise<ImportTarget | { problem: string }> {
  const row = await findAssessmentByNo(db, assessmentNo);
  if (!row) return { problem: `没有编号为 ${assessmentNo} 的风险评估` };
  if (actor && scopeOf(actor, 'risk:assessment:write') !== 'all' && row.department_id !== actor.departmentId)
    return { problem: `风险评估 ${assessmentNo} 属于${row.department_name}，只能导入本部门的评估结果` };
  if (row.method !== '第三方结果导入')
    return { problem: `风险评估 ${assessmentNo} 的评估方法为规则计算，不接受导入结果` };
  if (row.status === '草稿') return { problem: `风险评估 ${assessmentNo} 尚未开始，请先开始评估` };
  if (row.status === '已发布') return { problem: `风险评估 ${assessmentNo} 已发布，不能再导入结果` };
  return { id: row.id, scope: row.scope, subjects: await scopedSubjects(db, row.scope) };
}

/** The register entry a row rates, or why it cannot: not registered, or outside the assessment's scope. */
export async function importSubject(
  db: Db,
  target: ImportTarget,
  uscc: string,
): Promise<{ id: number; name: string } | { problem: string }> {
  const found = target.subjects.get(uscc);
  if (found) return found;
  const any = await scopedIdsByUscc(db, { industryCodes: [], tags: [], divisions: [] }, [uscc]);
  return {
    problem: any.has(uscc)
      ? '该市场主体不在本次评估范围内（行业、标签或区划不符，或不是存续状态）'
      : '监管对象名录库中没有这个统一社会信用代码',
  };
}
