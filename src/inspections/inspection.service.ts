import { readableTaskHead } from '../tasks/task-access';
import { type Actor, requirePermission } from '../auth/actor';
import type { Db } from '../db/database';
import { inspectorOfUser } from '../inspectors/inspector-lookup.service';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { workingStatuses } from '../tasks/task-lifecycle';
import { assignmentOf, findTask } from '../tasks/task-lookup.service';
import { workCalendar } from '../calendar/calendar.service';
import { resultsDueOn } from '../tasks/task-dates';
import { departmentInspections } from './department-inspections';
import { agendaGroup, weekEndOf } from './inspection-agenda';
import type { InspectionView, MyInspections } from './inspection.schemas';
import { taskChecks } from './inspection.repository';
import { dueOf } from './inspection-recorder';
import {
  deleteSubmission,
  findPhoto,
  listTaskPhotos,
  listTaskResults,
  listTaskSubmissions,
} from './inspection-result.repository';
import { findVisitWithInspector, listVisitChanges } from './inspection-visit.repository';
import { listInspectorTasks, listTaskDepartments } from './my-inspection.repository';

/** Whether every department of the task has inspected it, on site (submitted) or off site. */
export async function everyDepartmentInspected(
  trx: Db,
  taskId: number,
  departmentIds: readonly number[],
): Promise<boolean> {
  const inspected = await departmentInspections(trx, [taskId]);
  return departmentIds.every((d) => inspected.some((i) => i.departmentId === d));
}

/** Withdraws a department's submitted results (its results are returned in review), so the inspector can resubmit. */
/** Whether the department has submitted its results for the task (one home for the question). */
export { hasSubmitted as departmentHasSubmitted } from './inspection-result.repository';

export async function withdrawSubmission(trx: Db, taskId: number, departmentId: number): Promise<void> {
  await deleteSubmission(trx, taskId, departmentId);
}

/** A photo, to anyone who may read the task. */
export async function getPhoto(
  deps: AppDeps,
  actor: Actor | null,
  id: number,
): Promise<{ contentType: string; data: Buffer }> {
  requirePermission(actor, 'task:task:read');
  const row = await findPhoto(deps.db, id);
  if (!row) throw notFound('照片');
  await getInspection(deps, actor, row.task_no);
  return { contentType: row.content_type, data: Buffer.from(row.data) };
}

/** The task with its visit, check items and results per department, to anyone who may read the task. */
export async function getInspection(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<InspectionView> {
  requirePermission(actor, 'task:task:read');
  const head = await readableTaskHead(deps.db, actor, taskNo);
  const task = (await findTask(deps.db, taskNo))!;
  const inspector = await inspectorOfUser(deps.db, actor.userId);
  const myDepartmentId = inspector ? await assignmentOf(deps.db, head.id, inspector.id) : null;
  const db = deps.db;
  const [visit, changes, checks, results, photos, submissions] = await Promise.all([
    findVisitWithInspector(db, head.id),
    listVisitChanges(db, head.id),
    taskChecks(db, head.id),
    listTaskResults(db, head.id),
    listTaskPhotos(db, head.id),
    listTaskSubmissions(db, head.id),
  ]);
  const dueOn = visit?.checked_in_on ? await dueOf(db, visit.checked_in_on) : null;
  return {
    task,
    visit: {
      visitOn: visit?.visit_on ?? null,
      checkedInAt: visit?.checked_in_at ? new Date(visit.checked_in_at).toISOString() : null,
      checkedInOn: visit?.checked_in_on ?? null,
      checkedInBy: visit?.name ?? null,
      dueOn,
      changes: changes.map((c) => ({
        previousOn: c.previous_on,
        visitOn: c.visit_on,
        reason: c.reason,
        changedBy: c.changed_by_name,
        changedAt: new Date(c.changed_at).toISOString(),
      })),
    },
    departments: task.departments.map((d) => {
      const s = submissions.find((x) => Number(x.department_id) === d.id);
      return {
        id: d.id,
        name: d.name,
        checks: checks
          .filter((c) => c.departmentId === d.id)
          .map((c) => {
            const r = results.find((x) => Number(x.check_item_id) === c.checkItemId);
            return {
              checkItemId: c.checkItemId,
              itemCode: c.itemCode,
              itemName: c.itemName,
              content: c.content,
              method: c.method,
              basis: c.basis,
              result: r?.result ?? null,
              notes: r?.notes ?? '',
              recordedAt: r ? new Date(r.recorded_at).toISOString() : null,
              late: r?.late ?? false,
              photos: photos
                .filter((p) => Number(p.check_item_id) === c.checkItemId)
                .map((p) => ({ id: Number(p.id), fileName: p.file_name, size: p.size })),
            };
          }),
        submission: s
          ? {
              overall: s.overall,
              feedbackPromisedOn: s.feedback_promised_on,
              submittedAt: new Date(s.submitted_at).toISOString(),
              submittedBy: s.name,
              dueOn: s.due_on,
              late: s.late,
            }
          : null,
      };
    }),
    myDepartmentId,
  };
}

/**
 * The signed-in inspector's tasks to carry out (and those done within the last days), by visit date, each placed
 * on the agenda: overdue, today, this week, later, done.
 */
export async function myInspections(deps: AppDeps, actor: Actor | null): Promise<MyInspections> {
  requirePermission(actor, 'task:task:read');
  const today = chinaDate(deps.clock.now());
  const weekEnd = weekEndOf(today);
  const inspector = await inspectorOfUser(deps.db, actor.userId);
  if (!inspector) return { today, weekEnd, items: [] };
  const rows = await listInspectorTasks(deps.db, inspector.id, workingStatuses);
  const ids = rows.map((r) => r.id);
  const [departments, inspected, calendar] = await Promise.all([
    ids.length ? listTaskDepartments(deps.db, ids) : [],
    departmentInspections(deps.db, ids),
    workCalendar(deps.db),
  ]);
  return {
    today,
    weekEnd,
    items: rows.map((r) => {
      const task = {
        status: r.status,
        window: { from: r.window_from, to: r.window_to },
        visitOn: r.visit_on,
        resultsDueOn: r.status === '检查中' && r.checked_in_on ? resultsDueOn(calendar, r.checked_in_on) : null,
        mineInspected: inspected.some((i) => i.taskId === r.id && i.departmentId === Number(r.department_id)),
      };
      return {
        taskNo: r.task_no,
        subjectName: r.name,
        address: r.business_address,
        status: task.status,
        window: task.window,
        visitOn: task.visitOn,
        resultsDueOn: task.resultsDueOn,
        departments: departments.filter((d) => d.task_id === r.id).map((d) => d.name),
        group: agendaGroup(task, today, weekEnd),
      };
    }),
  };
}
