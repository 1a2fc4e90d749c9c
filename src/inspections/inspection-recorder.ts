import { type Actor, requirePermission } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { inspectorOfUser } from '../inspectors/inspector-lookup.service';
import { forbidden } from '../shared/app-error';
import { resultsDueOn } from '../tasks/task-dates';
import { assignmentOf, lockTaskHead, type TaskHead } from '../tasks/task-lookup.service';

export const entity = 'inspection_task';

export interface Recorder {
  actor: Actor;
  inspector: { id: number; name: string; departmentId: number };
  head: TaskHead;
  departmentId: number;
}

/** Only an inspector assigned to the task records on it, for the department they were assigned for. */
export async function recorderOf(trx: Db, actor: Actor | null, taskNo: string): Promise<Recorder> {
  requirePermission(actor, 'task:result:write');
  const inspector = await inspectorOfUser(trx, actor.userId);
  if (!inspector) throw forbidden('当前账号未关联执法检查人员');
  const head = await lockTaskHead(trx, taskNo);
  const departmentId = await assignmentOf(trx, head.id, inspector.id);
  if (departmentId === null) throw forbidden('只有本任务的执法检查人员可以操作');
  return { actor, inspector, head, departmentId };
}

/** The results deadline; null (unknown, never late) while the holiday notice of the year it falls in is not loaded. */
export async function dueOf(trx: Db, checkedInOn: string): Promise<string | null> {
  const calendar = await workCalendar(trx);
  return resultsDueOn(calendar, checkedInOn);
}
