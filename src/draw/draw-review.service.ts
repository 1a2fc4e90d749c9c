import { type Actor, requirePermission } from '../auth/actor';
import { divisionNames } from '../divisions/division.service';
import { compositeRisk, riskLevelOrder } from '../risk-assessment/composite-risk';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { unpackBundle } from './draw-snapshot';
import { strata } from './engine/types';
import { findLatestRecord } from './draw-record.repository';
import { findRecordForReview, recordFigures } from './draw-review.repository';
import { readerDepartment, taskVisible } from './draw-scope';

/** Division code → name: the demo city's counties; other codes show as the code. */

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
 * - byDivision, byCreditClass (class as frozen in the frame at commitment), byRiskLevel (composite industry risk,
 *   highest department level, as the register holds it now), byDepartment.
 * A department-scoped reader gets the figures of the tasks holding its department's items
 * (src/draw/draw-scope.ts); the record-wide measures (frame size, bounds) stay as they are.
 */
export async function drawReview(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  const record = await findRecordForReview(deps.db, recordNo);
  if (!record) throw notFound(`抽取记录 ${recordNo} `);
  const latest = (await findLatestRecord(deps.db, record.round_id))!;
  const id = record.id;
  const measures = record.measures;

  const department = readerDepartment(actor);
  const { shape, load, divisions, departments, statuses, assignments, risks } = await recordFigures(
    deps.db,
    id,
    department,
  );

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
  // The round's idle inspectors are a figure of every department: only a reader of all of them gets it.
  const idle = department === null ? Math.max(0, measures.inspectorLoad.inspectors - busy) : 0;
  const histogram = idle > 0 ? [{ tasks: 0, inspectors: idle }, ...loadRows] : loadRows;

  // Credit classes as the frame froze them at commitment (the strata of the items holding the subject).
  const bundle = unpackBundle(record.bundle, record.frame_snapshot);
  const classOf = new Uint8Array(bundle.frames.usccs.length).fill(255);
  for (const item of bundle.frames.items) item.members.forEach((m, k) => (classOf[m] = item.stratum[k]!));
  const positionOf = new Map(bundle.frames.usccs.map((u, i) => [u, i]));
  const classCounts = new Map<string, number>();
  for (const task of bundle.result.tasks) {
    if (!taskVisible(task, department)) continue;
    const s = classOf[positionOf.get(task.uscc) ?? -1];
    const name = s === undefined || s === 255 ? '未知' : strata[s]!;
    classCounts.set(name, (classCounts.get(name) ?? 0) + 1);
  }

  // Composite industry risk (highest department level, src/risk-assessment/composite-risk.ts) as the register holds it.
  const riskCounts = new Map<string, number>();
  for (const r of risks.rows) {
    const level = compositeRisk(JSON.parse(r.levels) as Record<string, string>) ?? '未评估';
    riskCounts.set(level, (riskCounts.get(level) ?? 0) + count(r.tasks));
  }

  const names = await divisionNames(
    deps.db,
    divisions.rows.map((r) => r.code),
  );
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
      name: names.get(r.code) ?? r.code,
      tasks: count(r.tasks),
    })),
    byCreditClass: [...strata, '未知']
      .filter((c) => classCounts.has(c))
      .map((c) => ({ creditClass: c, tasks: classCounts.get(c)! })),
    byRiskLevel: [...riskLevelOrder, '未评估']
      .filter((l) => riskCounts.has(l))
      .map((l) => ({ riskLevel: l, tasks: riskCounts.get(l)! })),
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
