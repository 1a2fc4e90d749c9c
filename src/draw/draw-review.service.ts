import { sql } from 'kysely';
import { type Actor, requirePermission } from '../auth/actor';
import { districts } from '../demo/demo-subjects';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { unpackBundle } from './draw-snapshot';
import { strata } from './engine/types';

/** Division code → name: the demo city's counties; other codes show as the code. */
const divisionNames: Record<string, string> = Object.fromEntries(districts.map((d) => [d.code, d.name]));

const count = (value: unknown): number => Number(value ?? 0);

/**
 * 审核: the figures the joint-meeting office looks at before publishing a record's task
 * announcement, computed from the record's inspection tasks and its
 * sealed measures. Internal only: the credit-class breakdown never leaves the logged-in API.
 *
 * - visits: with merging (one task per subject) against without (every item visiting on its
 *   own: the achieved Σ of per-item selections, and the expected figure of independent draws),
 *   and the lower bound Σ max π;
 * - visitsPerEnterprise: how many subjects would get 1, 2, 3… visits without merging (items per
 *   task); with merging every one of them gets exactly one;
 * - departmentsPerTask: tasks by number of departments (joint share);
 * - inspectorLoad: inspectors by number of tasks (zero-load inspectors of the round included);
 * - byDivision, byCreditClass (class as frozen in the frame at commitment), byDepartment.
 */
export async function drawReview(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  const record = await deps.db
    .selectFrom('draw_records as r')
    .innerJoin('draw_rounds as d', 'd.id', 'r.round_id')
    .leftJoin('task_announcements as a', 'a.draw_record_id', 'r.id')
    .select([
      'r.id',
      'r.record_no',
      'r.round_id',
      'r.measures',
      'r.bundle',
      'd.frame_snapshot',
      'd.round_no',
      'd.title',
      'a.published_at',
      'a.title as announcement_title',
    ])
    .where('r.record_no', '=', recordNo)
    .executeTakeFirst();
  if (!record) throw notFound(`抽取记录 ${recordNo} `);
  const latest = await deps.db
    .selectFrom('draw_records')
    .select('id')
    .where('round_id', '=', record.round_id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const id = record.id;
  const measures = record.measures;

  const [shape, load, divisions, departments, statuses, assignments] = await Promise.all([
    sql<{ departments: number; items: number; tasks: number }>`
      SELECT departments, items, count(*) AS tasks FROM (
        SELECT t.id, count(DISTINCT ti.department_id) AS departments, count(*) AS items
        FROM inspection_tasks t JOIN inspection_task_items ti ON ti.task_id = t.id
        WHERE t.draw_record_id = ${id} GROUP BY t.id
      ) per_task GROUP BY departments, items`.execute(deps.db),
    sql<{ tasks: number; inspectors: number }>`
      SELECT tasks, count(*) AS inspectors FROM (
        SELECT tp.inspector_id, count(*) AS tasks
        FROM inspection_task_inspectors tp JOIN inspection_tasks t ON t.id = tp.task_id
        WHERE t.draw_record_id = ${id} GROUP BY tp.inspector_id
      ) per_inspector GROUP BY tasks ORDER BY tasks`.execute(deps.db),
    sql<{ code: string; tasks: number }>`
      SELECT s.division_code AS code, count(*) AS tasks
      FROM inspection_tasks t JOIN subjects s ON s.id = t.subject_id
      WHERE t.draw_record_id = ${id} GROUP BY s.division_code ORDER BY s.division_code`.execute(deps.db),
    sql<{ id: number; name: string; tasks: number; items: number; unstaffed: number }>`
      SELECT d.id, d.name, count(DISTINCT ti.task_id) AS tasks, count(*) AS items,
             count(DISTINCT CASE WHEN t.unstaffed_reason IS NOT NULL THEN t.id END) AS unstaffed
      FROM inspection_tasks t JOIN inspection_task_items ti ON ti.task_id = t.id JOIN departments d ON d.id = ti.department_id
      WHERE t.draw_record_id = ${id} GROUP BY d.id, d.name ORDER BY d.id`.execute(deps.db),
    sql<{ status: string; tasks: number }>`
      SELECT status, count(*) AS tasks FROM inspection_tasks WHERE draw_record_id = ${id} GROUP BY status`.execute(
      deps.db,
    ),
    sql<{ assignments: number }>`
      SELECT count(*) AS assignments FROM inspection_task_inspectors tp JOIN inspection_tasks t ON t.id = tp.task_id WHERE t.draw_record_id = ${id}`.execute(
      deps.db,
    ),
  ]);

  const shapeRows = shape.rows.map((r) => ({
    departments: count(r.departments),
    items: count(r.items),
    tasks: count(r.tasks),
  }));
  const tasks = shapeRows.reduce((sum, r) => sum + r.tasks, 0);
  const selections = shapeRows.reduce((sum, r) => sum + r.items * r.tasks, 0);
  const maxItems = shapeRows.reduce((max, r) => Math.max(max, r.items), 0);
  const visitsPerEnterprise = Array.from({ length: maxItems }, (_, k) => ({
    visits: k + 1,
    unmerged: shapeRows.filter((r) => r.items === k + 1).reduce((sum, r) => sum + r.tasks, 0),
    merged: k === 0 ? tasks : 0,
  }));
  const maxDepartments = shapeRows.reduce((max, r) => Math.max(max, r.departments), 0);
  const departmentsPerTask = Array.from({ length: maxDepartments }, (_, k) => ({
    departments: k + 1,
    tasks: shapeRows.filter((r) => r.departments === k + 1).reduce((sum, r) => sum + r.tasks, 0),
  }));
  const jointTasks = shapeRows.filter((r) => r.departments > 1).reduce((sum, r) => sum + r.tasks, 0);

  const loadRows = load.rows.map((r) => ({ tasks: count(r.tasks), inspectors: count(r.inspectors) }));
  const busy = loadRows.reduce((sum, r) => sum + r.inspectors, 0);
  const idle = Math.max(0, measures.inspectorLoad.inspectors - busy);
  const histogram = idle > 0 ? [{ tasks: 0, inspectors: idle }, ...loadRows] : loadRows;

  // Credit classes as the frame froze them at commitment (the strata of the items holding the subject).
  const bundle = unpackBundle(record.bundle, record.frame_snapshot);
  const classOf = new Uint8Array(bundle.frames.usccs.length).fill(255);
  for (const item of bundle.frames.items) item.members.forEach((m, k) => (classOf[m] = item.stratum[k]!));
  const positionOf = new Map(bundle.frames.usccs.map((u, i) => [u, i]));
  const classCounts = new Map<string, number>();
  for (const task of bundle.result.tasks) {
    const s = classOf[positionOf.get(task.uscc) ?? -1];
    const name = s === undefined || s === 255 ? '未知' : strata[s]!;
    classCounts.set(name, (classCounts.get(name) ?? 0) + 1);
  }

  return {
    recordNo: record.record_no,
    roundNo: record.round_no,
    title: record.title,
    current: latest.id === id,
    announcement: record.published_at
      ? { title: record.announcement_title!, publishedAt: record.published_at.toISOString() }
      : null,
    statuses: Object.fromEntries(statuses.rows.map((r) => [r.status, count(r.tasks)])) as Record<string, number>,
    visits: {
      merged: tasks,
      unmergedSelections: selections,
      independentExpected: measures.independentExpected,
      lowerBound: measures.lowerBound,
      frameSubjects: measures.frameSubjects,
      saved: selections - tasks,
    },
    visitsPerEnterprise,
    departmentsPerTask,
    joint: { tasks: jointTasks, share: tasks ? jointTasks / tasks : 0 },
    inspectorLoad: {
      inspectors: measures.inspectorLoad.inspectors,
      min: measures.inspectorLoad.min,
      median: measures.inspectorLoad.median,
      max: measures.inspectorLoad.max,
      assignments: count(assignments.rows[0]?.assignments),
      histogram,
    },
    byDivision: divisions.rows.map((r) => ({
      code: r.code,
      name: divisionNames[r.code] ?? r.code,
      tasks: count(r.tasks),
    })),
    byCreditClass: [...strata, '未知']
      .filter((c) => classCounts.has(c))
      .map((c) => ({ creditClass: c, tasks: classCounts.get(c)! })),
    byDepartment: departments.rows.map((r) => ({
      id: count(r.id),
      name: r.name,
      tasks: count(r.tasks),
      items: count(r.items),
      unstaffed: count(r.unstaffed),
    })),
    unstaffed: measures.unstaffed,
  };
}
