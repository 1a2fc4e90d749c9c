import type { AuditSubject } from '../audit/audit.service';
import type { Db } from '../db/database';
import { notify } from '../notifications/notify';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { handlers, insertEvent, updateWarning, warningsOfTask } from './warning.repository';

/**
 * A 预警核查 task (or the joint task it was merged into) was inspected: its warnings record the date and their
 * department is told it may give its feedback. Called by src/tasks/task-hooks.ts in the `complete` transaction.
 */
export async function recordWarningInspections(
  w: { trx: Db; deps: AppDeps; now: Date; who: AuditSubject },
  taskId: number,
): Promise<void> {
  const warnings = await warningsOfTask(w.trx, taskId);
  if (warnings.length === 0) return;
  const on = chinaDate(w.now);
  const users = await handlers(w.trx, [...new Set(warnings.map((x) => Number(x.department_id)))]);
  for (const x of warnings) {
    await updateWarning(w.trx, Number(x.id), { task_inspected_on: on, updated_at: w.now });
    await insertEvent(w.trx, {
      warning_id: Number(x.id),
      action: '检查完成',
      from_status: x.status,
      to_status: x.status,
      note: `预警核查任务已于 ${on} 完成检查`,
      actor_user_id: w.who.userId,
      actor_name: w.who.name,
      at: w.now,
    });
    await notify(w.trx, w.now, {
      userIds: users.filter((u) => u.dept === Number(x.department_id)).map((u) => u.id),
      kind: 'warning',
      title: `预警 ${x.warning_no} 的核查任务已完成`,
      body: '现场核查已完成，请登记处置结果并反馈。',
      link: '/warnings',
    });
  }
}
