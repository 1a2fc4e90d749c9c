import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import type { RecordListItem, RecordQuery } from './inspection-record.schemas';
import { findRecords, recordLookups } from './inspection-record-list.repository';

const pairKey = (taskId: number, departmentId: number) => `${Number(taskId)}:${Number(departmentId)}`;

/**
 * 检查记录: each department's completed inspection of a task (on site or off site), newest first, with its result and
 * whether its findings went to case investigation. A department-scoped user sees their own department's records.
 */
export async function listRecords(
  deps: AppDeps,
  actor: Actor | null,
  query: RecordQuery,
): Promise<Page<RecordListItem>> {
  requirePermission(actor, 'task:task:read');
  const scopeDepartmentId = scopeOf(actor, 'task:task:read') === 'all' ? null : actor.departmentId;
  const { total, rows } = await findRecords(deps.db, { ...query, scopeDepartmentId });
  const { inspectors, problems, transfers } = await recordLookups(deps.db, [
    ...new Set(rows.map((r) => Number(r.task_id))),
  ]);
  const people = new Map<string, string[]>();
  for (const i of inspectors) {
    const key = pairKey(i.task_id, i.department_id);
    people.set(key, [...(people.get(key) ?? []), i.name]);
  }
  const found = new Map(problems.map((p) => [`${pairKey(p.task_id, p.department_id)}:${String(p.offsite)}`, p.n]));
  const moved = new Map(transfers.map((x) => [pairKey(x.task_id, x.department_id), Number(x.n)]));
  return {
    total,
    items: rows.map((r) => {
      const key = pairKey(r.task_id, r.department_id);
      const transferred = moved.get(key) ?? 0;
      return {
        taskNo: r.task_no,
        taskStatus: r.task_status,
        subject: { id: Number(r.subject_id), name: r.subject_name, uscc: r.uscc },
        department: { id: Number(r.department_id), name: r.department_name },
        inspectors: people.get(key) ?? [],
        inspectedOn: r.date,
        offsite: r.offsite,
        result: r.result,
        problems: Number(found.get(`${key}:${String(r.offsite)}`) ?? 0),
        transferred,
        transfer: transferred > 0 ? '已移送' : r.result === '发现问题' ? '未移送' : null,
      };
    }),
  };
}
