import { mayReadTask } from '../tasks/task-access';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { loadPlannedVisits } from '../registrations/visit-rules-lookup.service';
import { loadSupervisionRules } from '../settings/visit-rules-setting';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { findTasks } from '../tasks/task-lookup.service';
import { departmentInspections } from './department-inspections';
import { taskInspectedOn } from '../tasks/task-dates';
import type { SubjectHistory } from './subject-history.schemas';
import { listTaskInspectionFacts, subjectExists } from './subject-history.repository';

/** The most tasks of one subject the register page lists (newest first). */
const HISTORY_LIMIT = 200;

/**
 * A subject's inspections as its register page shows them: every task with each department's
 * inspection (on site or off site), and what the year's visit rules count — the visits and items the
 * next draw excludes (results flow back into the registers).
 */
export async function subjectHistory(
  deps: AppDeps,
  actor: Actor | null,
  subjectId: number,
  year?: number,
): Promise<SubjectHistory> {
  requirePermission(actor, 'task:task:read');
  if (!(await subjectExists(deps.db, subjectId))) throw notFound('监管对象');
  const y = year ?? Number(chinaDate(deps.clock.now()).slice(0, 4));
  const [visits, page] = await Promise.all([
    loadPlannedVisits(deps.db, y, [subjectId]),
    findTasks(deps.db, {
      page: 1,
      pageSize: HISTORY_LIMIT,
      subjectId,
      scopeDepartmentId: null,
      inspectorIdOfUser: null,
    }),
  ]);
  const rows = page.items.length
    ? await listTaskInspectionFacts(
        deps.db,
        page.items.map((x) => x.taskNo),
      )
    : [];
  const byNo = new Map(rows.map((r) => [r.task_no, r]));
  const seesAll = scopeOf(actor, 'task:task:read') === 'all';
  // Another department's draw is not announced before its task announcement: a department-scoped reader
  // does not learn of it (nor of void ones) from the register; the count of visits still includes it.
  const hidden = new Set(
    page.items
      .filter(
        (x) =>
          ['待发布', '已作废'].includes(x.status) &&
          !mayReadTask(
            actor,
            x.departments.map((d) => d.id),
            false,
          ),
      )
      .map((x) => x.taskNo),
  );
  const inspections = await departmentInspections(
    deps.db,
    rows.map((r) => Number(r.id)),
  );
  const tasks = page.items
    .filter((task) => !hidden.has(task.taskNo))
    .map((task) => {
      const row = byNo.get(task.taskNo)!;
      const mine = inspections.filter((i) => i.taskId === Number(row.id));
      const published = row.published_id !== null;
      return {
        taskNo: task.taskNo,
        source: task.source,
        status: task.status,
        window: task.window,
        recordNo: task.recordNo,
        inspectedOn: taskInspectedOn(
          row.checked_in_on,
          mine.map((i) => i.inspectedOn),
        ),
        published,
        mergedInto: task.mergedInto,
        departments: task.departments.map((d) => {
          const inspection = mine.find((i) => i.departmentId === d.id);
          const visible = seesAll || published || d.id === actor.departmentId;
          return {
            id: d.id,
            name: d.name,
            items: d.items,
            inspection: inspection
              ? {
                  offsite: inspection.offsite,
                  inspectedOn: inspection.inspectedOn,
                  overall: visible ? inspection.overall : null,
                }
              : null,
          };
        }),
      };
    })
    .reverse();
  return {
    year: y,
    routineVisits: visits.filter((v) => v.routine).length,
    routineVisitCap: (await loadSupervisionRules(deps.db)).routineVisitCap,
    visits: visits.map((v) => ({
      ref: [...hidden].some((no) => v.ref.includes(no)) ? '其他部门已安排的检查（尚未公告）' : v.ref,
      routine: v.routine,
      itemCodes: [...v.itemCodes],
    })),
    inspectedItemCodes: [...new Set(visits.flatMap((v) => v.itemCodes))].sort(),
    tasks,
  };
}
