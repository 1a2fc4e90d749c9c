import type { TestApp } from './test-platform';
import { unique } from './http';

/** The inspector record behind a demo user (its id and department). */
export async function inspectorOf(t: TestApp, username: string): Promise<{ id: number; departmentId: number }> {
  const row = await t.deps.db
    .selectFrom('inspectors as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.id', 'i.department_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), departmentId: Number(row.department_id) };
}

/** Moves the test clock to a China-time instant such as '2026-12-01T09:00:00' (back or forward). */
export function moveToChinaTime(t: TestApp, iso: string): void {
  const target = new Date(`${iso}+08:00`).getTime();
  t.clock.advanceMinutes((target - t.clock.now().getTime()) / 60_000);
}

/**
 * A published task (by default with the window December 2026) written straight into the task tables (the draw is tested
 * elsewhere), for the subject at `subjectOffset` in id order, with the given sampling items and inspectors.
 */
export async function insertPublishedTask(
  t: TestApp,
  items: string[],
  inspectors: { id: number; departmentId: number }[],
  subjectOffset = 0,
  window = { from: '2026-12-01', to: '2026-12-31' },
): Promise<{ taskNo: string; subjectName: string; uscc: string; subjectId: number }> {
  const taskNo = `JC-T${unique().tag}`;
  const subject = await t.deps.db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'name'])
    .orderBy('id')
    .offset(subjectOffset)
    .limit(1)
    .executeTakeFirstOrThrow();
  const now = t.clock.now();
  const task = await t.deps.db
    .insertInto('inspection_tasks')
    .values({
      task_no: taskNo,
      source: '登记',
      draw_record_id: null,
      subject_id: subject.id,
      uscc: subject.uscc,
      window_from: window.from,
      window_to: window.to,
      status: '已发布',
      unstaffed_reason: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sampling = await t.deps.db
    .selectFrom('sampling_items')
    .select(['code', 'name', 'department_id'])
    .where('code', 'in', items)
    .execute();
  await t.deps.db
    .insertInto('inspection_task_items')
    .values(
      sampling.map((s) => ({ task_id: task.id, department_id: s.department_id, item_code: s.code, item_name: s.name })),
    )
    .execute();
  await t.deps.db
    .insertInto('inspection_task_inspectors')
    .values(inspectors.map((i) => ({ task_id: task.id, inspector_id: i.id, department_id: i.departmentId })))
    .execute();
  return { taskNo, subjectName: subject.name, uscc: subject.uscc, subjectId: Number(subject.id) };
}

/** The same for the first subject, returning only the task number. */
export async function insertTask(
  t: TestApp,
  items: { code: string }[],
  inspectors: { id: number; departmentId: number }[],
  window = { from: '2026-12-01', to: '2026-12-31' },
): Promise<string> {
  return (
    await insertPublishedTask(
      t,
      items.map((i) => i.code),
      inspectors,
      0,
      window,
    )
  ).taskNo;
}
