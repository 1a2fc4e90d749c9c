import { type AuditSubject, recordAudit } from '../audit/audit.service';
import { compareDates } from '../calendar/calendar-date';
import type { Db } from '../db/database';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { UNLICENSED_CHECK_CONTENT } from './follow-up-rules';
import type { FollowUpOutcome } from './follow-up.table';
import { departmentInspection, followUpsOfTask, updateFollowUp } from './follow-up.repository';

/**
 * When a task is inspected (every department has recorded its results), the follow-up obligations it answers — its
 * own, or those of the 跟踪 tasks merged into it — are 已跟踪 with the department's inspection date and outcome
 * (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十七条). A 不符合 on “是否未取得相关许可即开展经营活动” is the
 * finding of operating without a licence (第十五条第三款), which the department may transfer to case handling.
 * Called by the task lifecycle (src/tasks/task-transition.ts) in the transaction of the `complete` transition.
 */
export async function recordFollowUpInspections(
  w: { trx: Db; deps: AppDeps; now: Date; who: AuditSubject },
  taskId: number,
): Promise<void> {
  const obligations = await followUpsOfTask(w.trx, taskId);
  for (const f of obligations) {
    const { results, inspectedOn } = await departmentInspection(w.trx, taskId, Number(f.department_id));
    const unlicensed = results.find((r) => r.content === UNLICENSED_CHECK_CONTENT && r.result === '不符合');
    const problems = results.filter((r) => r.result === '不符合');
    const outcome: FollowUpOutcome = unlicensed ? '发现无证经营' : problems.length ? '发现问题' : '未发现问题';
    const on = inspectedOn ?? chinaDate(w.now);
    const notes = problems
      .map((r) => `${r.content}${r.notes ? `：${r.notes}` : ''}`)
      .join('；')
      .slice(0, 2000);
    const late = compareDates(on, f.due_on) > 0;
    await updateFollowUp(w.trx, Number(f.id), {
      status: '已跟踪',
      followed_up_on: on,
      late,
      outcome,
      outcome_notes: notes,
      unlicensed_check_item_id: unlicensed?.check_item_id ?? null,
      updated_at: w.now,
    });
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'follow_up.inspected',
      entityType: 'follow_up',
      entityId: f.follow_up_no,
      summary: `照后证前跟踪 ${f.follow_up_no}：${f.subject_name}（${f.uscc}）已于 ${on} 跟踪检查${late ? '（超过期限）' : ''}，${outcome}`,
      before: { status: f.status },
      after: { status: '已跟踪', followedUpOn: on, late, outcome },
    });
  }
}
