import { unique } from './http';
import type { TestApp } from './test-platform';

/** The inspector record of a demo user. */
export async function inspectorIdOf(t: TestApp, username: string): Promise<{ id: number; departmentId: number }> {
  const row = await t.deps.db.selectFrom('inspectors as i').innerJoin('users as u', 'u.id', 'i.user_id').select(['i.id', 'i.department_id']).where('u.username', '=', username).executeTakeFirstOrThrow();
  return { id: Number(row.id), departmentId: Number(row.department_id) };
}

/** A published task written straight into the task tables (the draw is tested elsewhere). */
export async function insertTask(t: TestApp, items: { code: string }[], inspectors: { id: number; departmentId: number }[], window = { from: '2026-12-01', to: '2026-12-31' }): Promise<string> {
  const taskNo = `JC-T${unique().tag}`;
  const subject = await t.deps.db.selectFrom('subjects').select('id').select('uscc').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const now = t.clock.now();
  const task = await t.deps.db.insertInto('inspection_tasks').values({
    task_no: taskNo, source: '登记', draw_record_id: null, subject_id: subject.id, uscc: subject.uscc, window_from: window.from, window_to: window.to, status: '已发布', unstaffed_reason: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const sampling = await t.deps.db.selectFrom('sampling_items').select(['code', 'name', 'department_id']).where('code', 'in', items.map((i) => i.code)).execute();
  await t.deps.db.insertInto('inspection_task_items').values(sampling.map((s) => ({ task_id: task.id, department_id: s.department_id, item_code: s.code, item_name: s.name }))).execute();
  await t.deps.db.insertInto('inspection_task_inspectors').values(inspectors.map((i) => ({ task_id: task.id, inspector_id: i.id, department_id: i.departmentId }))).execute();
  return taskNo;
}
