import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { AnomalyProblem, AnomalyStatus, BatchChannel } from './aggregation.table';

export interface BatchFilter {
  departmentId: number | null;
  kind?: string;
  channel?: BatchChannel;
  offset: number;
  limit: number;
}

export async function listBatches(db: Db, f: BatchFilter) {
  let q = db.selectFrom('aggregation_batches as b').innerJoin('departments as d', 'd.id', 'b.department_id');
  if (f.departmentId !== null) q = q.where('b.department_id', '=', f.departmentId);
  if (f.kind) q = q.where('b.record_kind', '=', f.kind);
  if (f.channel) q = q.where('b.channel', '=', f.channel);
  const [rows, total] = await Promise.all([
    q
      .selectAll('b')
      .select('d.name as department_name')
      .orderBy('b.received_at', 'desc')
      .orderBy('b.id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const findBatch = (db: Db, id: number) =>
  db
    .selectFrom('aggregation_batches as b')
    .innerJoin('departments as d', 'd.id', 'b.department_id')
    .selectAll('b')
    .select('d.name as department_name')
    .where('b.id', '=', id)
    .executeTakeFirst();

export const recordsOfBatch = (db: Db, batchId: number) =>
  db
    .selectFrom('aggregation_records')
    .select(['id', 'sender_key', 'record_kind', 'payload', 'deleted', 'row_no', 'home', 'home_ref', 'updated_at'])
    .where('batch_id', '=', batchId)
    .orderBy('row_no')
    .orderBy('id')
    .execute();

export interface AnomalyFilter {
  departmentId: number | null;
  status?: AnomalyStatus;
  problem?: AnomalyProblem;
  kind?: string;
  batchId?: number;
  overdueOn?: string;
  offset: number;
  limit: number;
}

export async function listAnomalies(db: Db, f: AnomalyFilter) {
  let q = db.selectFrom('data_anomalies as a').innerJoin('departments as d', 'd.id', 'a.department_id');
  if (f.departmentId !== null) q = q.where('a.department_id', '=', f.departmentId);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.problem) q = q.where('a.problem', '=', f.problem);
  if (f.kind) q = q.where('a.record_kind', '=', f.kind);
  if (f.batchId) q = q.where('a.batch_id', '=', f.batchId);
  if (f.overdueOn) q = q.where('a.status', '=', '待整改').where('a.due_on', '<', f.overdueOn);
  const [rows, total] = await Promise.all([
    q
      .selectAll('a')
      .select('d.name as department_name')
      .select((eb) =>
        eb
          .selectFrom('aggregation_batches as b')
          .select('b.batch_no')
          .whereRef('b.id', '=', 'a.batch_id')
          .as('batch_no'),
      )
      .orderBy(sql`a.status = '待整改'`, 'desc')
      .orderBy('a.due_on')
      .orderBy('a.id')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Open anomalies past their deadline, counted by department (the overdue list's chart). */
export const overdueByDepartment = (db: Db, today: string, departmentId: number | null) => {
  let q = db
    .selectFrom('data_anomalies as a')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .where('a.status', '=', '待整改')
    .where('a.due_on', '<', today);
  if (departmentId !== null) q = q.where('a.department_id', '=', departmentId);
  return q
    .select(['d.id', 'd.name'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .groupBy(['d.id', 'd.name'])
    .orderBy('n', 'desc')
    .execute();
};

/** The 监管行为信息库: current records of the kinds kept here, by kind, text and sender. */
export async function listActionRecords(
  db: Db,
  f: {
    departmentId: number | null;
    kind?: string;
    q?: string;
    offset: number;
    limit: number;
    kinds: readonly string[];
  },
) {
  let q = db
    .selectFrom('aggregation_records as r')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .where('r.deleted', '=', false)
    .where('r.record_kind', 'in', [...f.kinds]);
  if (f.departmentId !== null) q = q.where('r.department_id', '=', f.departmentId);
  if (f.kind) q = q.where('r.record_kind', '=', f.kind);
  if (f.q) q = q.where(sql<boolean>`r.payload::text LIKE ${likeContains(f.q)}`);
  const [rows, total] = await Promise.all([
    q
      .select([
        'r.id',
        'r.record_kind',
        'r.sender_key',
        'r.payload',
        'r.updated_at',
        'r.batch_id',
        'd.name as department_name',
      ])
      .orderBy('r.updated_at', 'desc')
      .orderBy('r.id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Open anomalies due by `horizon` without the reminder of their phase yet. */
export const anomaliesToRemind = (db: Db, horizon: string) =>
  db
    .selectFrom('data_anomalies')
    .select(['id', 'department_id', 'record_kind', 'record_key', 'field', 'message', 'due_on'])
    .where('status', '=', '待整改')
    .where('due_on', 'is not', null)
    .where('due_on', '<=', horizon)
    .execute();

/** Inserts reminders, returning the `id|phase` pairs that were new (a repeat run sends nothing again). */
export async function recordAnomalyReminders(
  trx: Db,
  rows: { anomaly_id: number; phase: 'due_soon' | 'overdue'; sent_at: Date }[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await trx
    .insertInto('anomaly_reminders')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning(['anomaly_id', 'phase'])
    .execute();
  return new Set(inserted.map((r) => `${r.anomaly_id}|${r.phase}`));
}
