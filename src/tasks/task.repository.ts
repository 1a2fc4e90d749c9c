import type { Db } from '../db/database';
import { notFound } from '../shared/app-error';
import { likeContains, offsetOf, type Page } from '../shared/paging';
import type { TaskQuery, TaskView } from './task.schemas';
import type { TaskSource, TaskStatus } from './task-lifecycle';
import { taskHasDepartment, taskHasInspector } from '../db/task-members-sql';

export interface TaskFilter extends TaskQuery {
  /** Restrict to tasks with an item of this department (data scope 本部门). */
  scopeDepartmentId: number | null;
  /** The inspector behind `mine`. */
  inspectorIdOfUser: number | null;
}

function filtered(db: Db, f: TaskFilter) {
  let q = db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('draw_records as r', 'r.id', 't.draw_record_id')
    .leftJoin('inspection_tasks as m', 'm.id', 't.merged_into_task_id')
    .leftJoin('inspection_registrations as g', 'g.id', 't.registration_id')
    .leftJoin('special_plans as sp', 'sp.id', 't.special_plan_id')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id');
  if (f.recordNo) q = q.where('r.record_no', '=', f.recordNo);
  if (f.roundNo)
    q = q.where('t.draw_record_id', 'in', (eb) =>
      eb
        .selectFrom('draw_records as dr')
        .innerJoin('draw_rounds as rd', 'rd.id', 'dr.round_id')
        .select('dr.id')
        .where('rd.round_no', '=', f.roundNo!),
    );
  // The window overlaps the asked period: it ends on or after its start and starts on or before its end.
  if (f.windowFrom) q = q.where('t.window_to', '>=', f.windowFrom);
  if (f.windowTo) q = q.where('t.window_from', '<=', f.windowTo);
  if (f.scheduled !== undefined) q = q.where('v.task_id', f.scheduled ? 'is not' : 'is', null);
  if (f.scheduledFrom) q = q.where('v.visit_on', '>=', f.scheduledFrom);
  if (f.scheduledTo) q = q.where('v.visit_on', '<=', f.scheduledTo);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.subjectId) q = q.where('t.subject_id', '=', f.subjectId);
  if (f.source) q = q.where('t.source', '=', f.source);
  if (f.specialPlanId) q = q.where('t.special_plan_id', '=', f.specialPlanId);
  if (f.unstaffed !== undefined) q = q.where('t.unstaffed_reason', f.unstaffed ? 'is not' : 'is', null);
  if (f.keyword)
    q = q.where((eb) =>
      eb.or([
        eb('s.name', 'like', likeContains(f.keyword!)),
        eb('t.uscc', '=', f.keyword!.toUpperCase()),
        eb('t.task_no', '=', f.keyword!),
      ]),
    );
  for (const departmentId of [f.departmentId, f.scopeDepartmentId]) {
    if (departmentId) q = q.where(taskHasDepartment('t', departmentId));
  }
  for (const inspectorId of [f.inspectorId, f.mine ? (f.inspectorIdOfUser ?? -1) : undefined]) {
    if (inspectorId) q = q.where(taskHasInspector('t', inspectorId));
  }
  return q;
}

const columns = [
  't.id',
  't.task_no',
  't.source',
  't.status',
  't.window_from',
  't.window_to',
  'v.visit_on',
  't.unstaffed_reason',
  't.subject_id',
  't.uscc',
  's.name',
  's.business_address',
  'r.record_no',
  'm.task_no as merged_into',
  'g.registration_no',
  't.special_plan_id',
  'sp.title as special_plan_title',
] as const;

export async function findTasks(db: Db, f: TaskFilter): Promise<Page<TaskView>> {
  const base = filtered(db, f);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.select(columns).orderBy('t.window_from').orderBy('t.id').limit(f.pageSize).offset(offsetOf(f)).execute(),
  ]);
  return { total: Number(total), items: await presentTasks(db, rows) };
}

export async function findTask(db: Db, taskNo: string): Promise<TaskView | null> {
  const row = await filtered(db, { page: 1, pageSize: 1, scopeDepartmentId: null, inspectorIdOfUser: null })
    .select(columns)
    .where('t.task_no', '=', taskNo)
    .executeTakeFirst();
  return row ? (await presentTasks(db, [row]))[0]! : null;
}

type TaskRow = {
  id: number;
  task_no: string;
  source: TaskView['source'];
  status: TaskView['status'];
  window_from: string;
  window_to: string;
  visit_on: string | null;
  unstaffed_reason: string | null;
  subject_id: number;
  uscc: string;
  name: string;
  business_address: string;
  record_no: string | null;
  merged_into: string | null;
  registration_no: string | null;
  special_plan_id: number | null;
  special_plan_title: string | null;
};

async function presentTasks(db: Db, rows: TaskRow[]): Promise<TaskView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [items, inspectors, absorbed] = await Promise.all([
    db
      .selectFrom('inspection_task_items as ti')
      .innerJoin('departments as d', 'd.id', 'ti.department_id')
      .select(['ti.task_id', 'ti.department_id', 'd.name as department_name', 'ti.item_code', 'ti.item_name'])
      .where('ti.task_id', 'in', ids)
      .orderBy('ti.department_id')
      .orderBy('ti.item_code')
      .execute(),
    db
      .selectFrom('inspection_task_inspectors as tp')
      .innerJoin('inspectors as i', 'i.id', 'tp.inspector_id')
      .select(['tp.task_id', 'tp.department_id', 'i.id', 'i.name', 'i.certificate_no'])
      .where('tp.task_id', 'in', ids)
      .orderBy('i.id')
      .execute(),
    db
      .selectFrom('inspection_tasks')
      .select(['merged_into_task_id', 'task_no'])
      .where('merged_into_task_id', 'in', ids)
      .orderBy('task_no')
      .execute(),
  ]);
  return rows.map((r) => {
    const departments = new Map<number, TaskView['departments'][number]>();
    for (const it of items) {
      if (it.task_id !== r.id) continue;
      let d = departments.get(it.department_id);
      if (!d)
        departments.set(
          it.department_id,
          (d = { id: it.department_id, name: it.department_name, items: [], inspectors: [] }),
        );
      d.items.push({ code: it.item_code, name: it.item_name });
    }
    for (const p of inspectors)
      if (p.task_id === r.id)
        departments.get(p.department_id)?.inspectors.push({ id: p.id, name: p.name, certificateNo: p.certificate_no });
    return {
      taskNo: r.task_no,
      source: r.source,
      recordNo: r.record_no,
      subject: { id: r.subject_id, uscc: r.uscc, name: r.name, address: r.business_address },
      window: { from: r.window_from, to: r.window_to },
      visitOn: r.visit_on,
      status: r.status,
      unstaffedReason: r.unstaffed_reason,
      mergedInto: r.merged_into,
      mergedFrom: absorbed.filter((a) => Number(a.merged_into_task_id) === r.id).map((a) => a.task_no),
      registrationNo: r.registration_no,
      specialPlan:
        r.special_plan_id !== null ? { id: Number(r.special_plan_id), title: r.special_plan_title ?? '' } : null,
      joint: departments.size > 1,
      departments: [...departments.values()],
    };
  });
}

export interface TaskHead {
  id: number;
  taskNo: string;
  source: TaskSource;
  status: TaskStatus;
  windowFrom: string;
  windowTo: string;
  departmentIds: number[];
}

/**
 * The task's head. With `lock` (inside a write transaction) the task row is locked first, so state
 * changes of one task are serialised: two departments submitting at once, a check-in racing a
 * reschedule, two reviewers approving — each sees the other's committed change.
 */
export async function loadTaskHead(db: Db, taskNo: string, options: { lock?: boolean } = {}): Promise<TaskHead | null> {
  const t = await db
    .selectFrom('inspection_tasks')
    .select(['id', 'task_no', 'source', 'status', 'window_from', 'window_to'])
    .where('task_no', '=', taskNo)
    .$if(options.lock === true, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!t) return null;
  const deps = await db
    .selectFrom('inspection_task_items')
    .select('department_id')
    .distinct()
    .where('task_id', '=', t.id)
    .orderBy('department_id')
    .execute();
  return {
    id: Number(t.id),
    taskNo: t.task_no,
    source: t.source,
    status: t.status,
    windowFrom: t.window_from,
    windowTo: t.window_to,
    departmentIds: deps.map((d) => Number(d.department_id)),
  };
}

/** The department an inspector is assigned for on a task, or null. */
export async function assignmentOf(db: Db, taskId: number, inspectorId: number): Promise<number | null> {
  const row = await db
    .selectFrom('inspection_task_inspectors')
    .select('department_id')
    .where('task_id', '=', taskId)
    .where('inspector_id', '=', inspectorId)
    .executeTakeFirst();
  return row ? Number(row.department_id) : null;
}

/** Whether the inspector record of the user is assigned to the task. */
export async function isAssignedToUser(db: Db, taskId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('inspection_task_inspectors as tp')
    .innerJoin('inspectors as i', 'i.id', 'tp.inspector_id')
    .select('tp.task_id')
    .where('tp.task_id', '=', taskId)
    .where('i.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The task's head with its row locked, for a write transaction; 404 when there is no such task. */
export async function lockTaskHead(trx: Db, taskNo: string): Promise<TaskHead> {
  const head = await loadTaskHead(trx, taskNo, { lock: true });
  if (!head) throw notFound(`检查任务 ${taskNo} `);
  return head;
}
