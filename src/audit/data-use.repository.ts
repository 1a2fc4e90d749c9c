import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';

export interface DataUseFilter {
  departmentId: number | null;
  kind?: 'export' | 'personal_data';
  from?: string;
  to?: string;
  q?: string;
  offset: number;
  limit: number;
}

const actions = { export: 'export.download', personal_data: 'personal_data.read' } as const;

/** Downloads and reads of personal data in the audit log, newest first, with the actor's department. */
export async function searchDataUse(db: Db, f: DataUseFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('departments as d', 'd.id', 'a.actor_department_id')
    .where('a.action', 'in', f.kind ? [actions[f.kind]] : Object.values(actions));
  if (f.departmentId !== null) q = q.where('a.actor_department_id', '=', f.departmentId);
  if (f.from) q = q.where(sql<boolean>`(a.at AT TIME ZONE 'Asia/Shanghai')::date >= ${f.from}`);
  if (f.to) q = q.where(sql<boolean>`(a.at AT TIME ZONE 'Asia/Shanghai')::date <= ${f.to}`);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('a.actor_name', 'like', likeContains(f.q!)), eb('a.summary', 'like', likeContains(f.q!))]),
    );
  const [rows, total] = await Promise.all([
    q
      .select([
        'a.seq',
        'a.at',
        'a.action',
        'a.actor_name',
        'a.summary',
        'a.changes',
        'a.ip',
        'd.name as department_name',
      ])
      .orderBy('a.seq', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
