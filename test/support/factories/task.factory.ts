import { auditSubjectOf } from '../../../src/audit/audit.service';
import { actorOfUser } from '../../../src/demo/demo-activity';
import type { TaskSource, TaskStatus, TaskTransition } from '../../../src/tasks/task-lifecycle';
import { transitionTask } from '../../../src/tasks/task-transition';
import { addTaskInspectors, setTaskItems } from '../../../src/tasks/task-members.repository';
import { unique } from '../http';
import type { TestApp } from '../test-platform';

/** An inspector put on a task for the department they work for. */
export interface CrewMember {
  id: number;
  departmentId: number;
}

export interface TaskSpec {
  /** Sampling item codes; each goes to the department that owns the item. */
  items: string[];
  /** The exact crew; none by default. */
  inspectors?: CrewMember[];
  /** The subject: by id, or else the one at this offset in id order (default 0). */
  subjectId?: number;
  subjectOffset?: number;
  /** Default: December 2026. */
  window?: { from: string; to: string };
  /** Default 登记 (not routine); a draw's task is 抽取 with `routine: true` and, if needed, its draw record. */
  source?: TaskSource;
  routine?: boolean;
  drawRecordId?: number | null;
  /** Default 已发布; later statuses are reached through the lifecycle (transitionTask). */
  status?: TaskStatus;
}

export interface TestTask {
  id: number;
  taskNo: string;
  subjectId: number;
  subjectName: string;
  uscc: string;
}

/** The transitions that lead from 已发布 to each status (待发布 is written at creation: nothing returns to it). */
const pathFromPublished: Record<TaskStatus, TaskTransition[]> = {
  待发布: [],
  已发布: [],
  已排期: ['schedule'],
  检查中: ['checkIn'],
  已检查: ['complete'],
  已办结: ['complete', 'close'],
  已作废: ['void'],
  已合并: ['merge'],
};

/**
 * A task in the given status, for tests of what happens to tasks (the draw and the registrations that create them are
 * tested on their own).
 *
 * The task row, its items and its crew are written directly, not through createTask (src/tasks/task-create.ts): that
 * service staffs the task by seed, adding inspectors the test did not name (who would then see the task and be
 * notified), numbers it in a real series, and cannot make a draw's (抽取) task. Every status after 已发布 is reached
 * through transitionTask, so the audit trail is the one the lifecycle writes.
 */
export async function createTask(t: TestApp, spec: TaskSpec): Promise<TestTask> {
  const db = t.deps.db;
  const subjects = db.selectFrom('subjects').select(['id', 'uscc', 'name']);
  const subject = await (
    spec.subjectId !== undefined
      ? subjects.where('id', '=', spec.subjectId)
      : subjects
          .orderBy('id')
          .offset(spec.subjectOffset ?? 0)
          .limit(1)
  ).executeTakeFirstOrThrow();
  const window = spec.window ?? { from: '2026-12-01', to: '2026-12-31' };
  const status = spec.status ?? '已发布';
  const taskNo = `JC-T${unique().tag}`;
  const now = t.clock.now();
  const task = await db
    .insertInto('inspection_tasks')
    .values({
      task_no: taskNo,
      source: spec.source ?? '登记',
      draw_record_id: spec.drawRecordId ?? null,
      subject_id: subject.id,
      uscc: subject.uscc,
      window_from: window.from,
      window_to: window.to,
      status: status === '待发布' ? '待发布' : '已发布',
      unstaffed_reason: null,
      routine: spec.routine ?? false,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sampling = await db
    .selectFrom('sampling_items')
    .select(['code', 'name', 'department_id'])
    .where('code', 'in', spec.items)
    .execute();
  const id = Number(task.id);
  await setTaskItems(
    db,
    id,
    sampling.map((s) => ({ departmentId: s.department_id, code: s.code, name: s.name })),
  );
  await addTaskInspectors(
    db,
    id,
    (spec.inspectors ?? []).map((i) => ({ inspectorId: i.id, departmentId: i.departmentId })),
  );
  await moveTask(t, id, ...pathFromPublished[status]);
  return { id, taskNo, subjectId: Number(subject.id), subjectName: subject.name, uscc: subject.uscc };
}

/** Takes a task through lifecycle transitions, as the joint office (lianxi) would, at the test clock's time. */
export async function moveTask(t: TestApp, taskId: number, ...transitions: TaskTransition[]): Promise<void> {
  if (transitions.length === 0) return;
  const who = auditSubjectOf(await actorOfUser(t.deps.db, 'lianxi'));
  await t.deps.db.transaction().execute(async (trx) => {
    for (const transition of transitions)
      await transitionTask({ trx, deps: t.deps, now: t.clock.now(), who }, taskId, transition);
  });
}
