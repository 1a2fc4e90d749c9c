import { type Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import type { TaskHead } from '../tasks/task-lookup.service';
import { publicationDueOn, taskInspectedOn } from '../tasks/task-dates';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { transitionTask } from '../tasks/task-transition';
import type { PublishedDepartment } from './result.table';
import { drawSourcesOf, planTitleOf } from '../tasks/task-draw-sources';
import { departmentInspections } from '../inspections/department-inspections';
import { findVisitOfTask, listDepartments } from './result-review.repository';
import { findTaskSubject, insertPublishedResult, listTaskItems } from './published-result.repository';

export const entity = 'inspection_task';

/** Writes the public result row and closes the task (已办结). */
export async function publish(deps: AppDeps, trx: Db, actor: Actor, head: TaskHead, now: Date): Promise<void> {
  const task = await findTaskSubject(trx, head.id);
  // The random-check plan(s) the task came from, or the special plan it carries out.
  const planTitle = planTitleOf(await drawSourcesOf(trx, [head.id]), head.id) ?? task.special_plan_title;
  const visit = await findVisitOfTask(trx, head.id);
  const inspections = await departmentInspections(trx, [head.id]);
  const inspectedOn = taskInspectedOn(
    visit?.checked_in_on ?? null,
    inspections.map((i) => i.inspectedOn),
  )!;
  const [items, departments] = await Promise.all([
    listTaskItems(trx, head.id),
    listDepartments(trx, head.departmentIds),
  ]);
  const published: PublishedDepartment[] = head.departmentIds.map((id) => ({
    name: departments.find((d) => Number(d.id) === id)!.name,
    items: items.filter((i) => Number(i.department_id) === id).map((i) => i.item_name),
    result: inspections.find((s) => s.departmentId === id)!.overall === '发现问题' ? '发现问题' : '未发现问题',
  }));
  const today = chinaDate(now);
  // A deadline in a year whose holiday notice is not loaded yet is stored as unknown (null), not refused.
  const calendar = await workCalendar(trx);
  const due = publicationDueOn(calendar, inspectedOn);
  const late = due !== null && today > due;
  await insertPublishedResult(trx, {
    task_id: head.id,
    task_no: head.taskNo,
    subject_name: task.name,
    uscc: task.uscc,
    plan_title: planTitle,
    inspected_on: inspectedOn,
    departments: JSON.stringify(published),
    published_at: now,
    published_on: today,
    publish_due_on: due,
    late,
  });
  await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, head.id, 'close');
  await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
    action: 'result.publish',
    entityType: entity,
    entityId: head.taskNo,
    summary: `检查任务 ${head.taskNo} 各部门结果均已审核通过，任务办结，结果公告已发布${late ? `（逾期发布，期限 ${due}）` : ''}${due === null ? `（${inspectedOn.slice(0, 4)} 年后的节假日安排未载入，公示期限暂不能计算）` : ''}`,
    after: { inspectedOn, publishDueOn: due, late, departments: published },
  });
}
