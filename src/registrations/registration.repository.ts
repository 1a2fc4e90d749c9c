import type { Db } from '../db/database';
import { likeContains, offsetOf, type Page } from '../shared/paging';
import type { RegistrationQuery, RegistrationView } from './registration.schemas';
import type { RegisteredItem } from './registration.table';

function filtered(db: Db, q: RegistrationQuery & { scopeDepartmentId: number | null }) {
  let query = db
    .selectFrom('inspection_registrations as r')
    .innerJoin('subjects as s', 's.id', 'r.subject_id')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .leftJoin('inspection_tasks as t', 't.id', 'r.merged_task_id')
    .leftJoin('inspection_tasks as rt', 'rt.id', 'r.task_id');
  if (q.year) query = query.where('r.year', '=', q.year);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  for (const departmentId of [q.departmentId, q.scopeDepartmentId])
    if (departmentId) query = query.where('r.department_id', '=', departmentId);
  if (q.keyword) {
    const k = q.keyword;
    query = query.where((eb) =>
      eb.or([
        eb('s.name', 'like', likeContains(k)),
        eb('r.uscc', '=', k.toUpperCase()),
        eb('r.registration_no', '=', k),
      ]),
    );
  }
  return query;
}

const columns = [
  'r.registration_no',
  'r.department_id',
  'd.name as department_name',
  'r.subject_id',
  'r.uscc',
  's.name as subject_name',
  'r.kind',
  'r.year',
  'r.window_from',
  'r.window_to',
  'r.items',
  'r.inspector_ids',
  'r.note',
  'r.status',
  'r.withdraw_reason',
  't.task_no as merged_task_no',
  'rt.task_no',
  'rt.status as task_status',
  'r.created_at',
] as const;

interface Row {
  registration_no: string;
  department_id: number;
  department_name: string;
  subject_id: number;
  uscc: string;
  subject_name: string;
  kind: RegistrationView['kind'];
  year: number;
  window_from: string;
  window_to: string;
  items: RegisteredItem[];
  inspector_ids: number[];
  note: string;
  status: RegistrationView['status'];
  withdraw_reason: string | null;
  merged_task_no: string | null;
  task_no: string | null;
  task_status: RegistrationView['taskStatus'];
  created_at: Date;
}

const present = (r: Row): RegistrationView => ({
  registrationNo: r.registration_no,
  department: { id: r.department_id, name: r.department_name },
  subject: { id: r.subject_id, uscc: r.uscc, name: r.subject_name },
  kind: r.kind,
  year: r.year,
  window: { from: r.window_from, to: r.window_to },
  items: r.items,
  inspectorIds: r.inspector_ids.map(Number),
  note: r.note,
  status: r.status,
  withdrawReason: r.withdraw_reason,
  mergedTaskNo: r.merged_task_no,
  taskNo: r.task_no,
  taskStatus: r.task_status,
  createdAt: r.created_at.toISOString(),
});

export async function findRegistrations(
  db: Db,
  q: RegistrationQuery & { scopeDepartmentId: number | null },
): Promise<Page<RegistrationView>> {
  const base = filtered(db, q);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.select(columns).orderBy('r.id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
  ]);
  return { total: Number(total), items: rows.map((r) => present(r as Row)) };
}

export async function findRegistration(db: Db, registrationNo: string): Promise<RegistrationView | null> {
  const row = await filtered(db, { page: 1, pageSize: 1, scopeDepartmentId: null })
    .select(columns)
    .where('r.registration_no', '=', registrationNo)
    .executeTakeFirst();
  return row ? present(row as Row) : null;
}

/**
 * The department's items by code: its sampling items (随机抽查事项) first, then its supervision
 * items (监管事项). Returns the found ones and the codes that are not the department's.
 */
export async function resolveItems(
  db: Db,
  departmentId: number,
  codes: readonly string[],
): Promise<{ items: RegisteredItem[]; unknown: string[] }> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return { items: [], unknown: [] };
  const [sampling, supervision] = await Promise.all([
    db
      .selectFrom('sampling_items')
      .select(['code', 'name'])
      .where('department_id', '=', departmentId)
      .where('code', 'in', wanted)
      .execute(),
    db
      .selectFrom('supervision_items')
      .select(['code', 'name'])
      .where('department_id', '=', departmentId)
      .where('code', 'in', wanted)
      .execute(),
  ]);
  const byCode = new Map([...supervision, ...sampling].map((i) => [i.code, i.name]));
  return {
    items: wanted.filter((c) => byCode.has(c)).map((code) => ({ code, name: byCode.get(code)! })),
    unknown: wanted.filter((c) => !byCode.has(c)),
  };
}

/** The next number of a yearly series: DJ2026-00001 (registrations), HBJY2026-00001 (proposals); task numbers are src/tasks/task-create.ts's. */
export async function nextYearNumber(
  db: Db,
  table: 'inspection_registrations' | 'merge_proposals',
  prefix: string,
): Promise<string> {
  const column = table === 'inspection_registrations' ? 'registration_no' : 'proposal_no';
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max(column).as('last'))
    .where(column, 'like', `${prefix}%`)
    .executeTakeFirst();
  const last = row?.last ? Number(String(row.last).slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(5, '0')}`;
}
