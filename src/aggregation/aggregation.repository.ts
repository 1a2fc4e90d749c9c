import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type {
  AggregationBatchTable,
  AggregationRecordTable,
  AnomalyProblem,
  BatchStatus,
  DataAnomalyTable,
} from './aggregation.table';

/**
 * The next number of the day's sequence: date + 5 digits (2026120600002), as in the provincial exchange envelope.
 * Serialised per table and day by an advisory lock held to the end of the transaction.
 */
export async function nextSequenceNo(
  trx: Db,
  table: 'aggregation_batches' | 'exchange_exports',
  day: string,
): Promise<string> {
  const prefix = day.replaceAll('-', '');
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${`${table}:${prefix}`}))`.execute(trx);
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('batch_no').as('last'))
    .where('batch_no', 'like', `${prefix}%`)
    .executeTakeFirst();
  const last = row?.last ? Number(String(row.last).slice(8)) : 0;
  return `${prefix}${String(last + 1).padStart(5, '0')}`;
}

export const insertBatch = (trx: Db, values: Insertable<AggregationBatchTable>) =>
  trx.insertInto('aggregation_batches').values(values).returning(['id', 'batch_no']).executeTakeFirstOrThrow();

export const finishBatch = (
  trx: Db,
  id: number,
  counts: { record_count: number; accepted_count: number; anomaly_count: number; status: BatchStatus },
) => trx.updateTable('aggregation_batches').set(counts).where('id', '=', id).execute();

export async function lockRecordKey(trx: Db, departmentId: number, kind: string, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${`aggregation:${departmentId}:${kind}:${key}`}))`.execute(
    trx,
  );
}

export const findRecord = (db: Db, departmentId: number, kind: string, key: string) =>
  db
    .selectFrom('aggregation_records')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('record_kind', '=', kind)
    .where('sender_key', '=', key)
    .executeTakeFirst();

export const insertRecord = (trx: Db, values: Insertable<AggregationRecordTable>) =>
  trx.insertInto('aggregation_records').values(values).execute();

export const updateRecord = (
  trx: Db,
  id: number,
  values: Pick<AggregationRecordTable, 'content_digest' | 'batch_id' | 'row_no' | 'updated_at' | 'home_ref'> & {
    payload: string;
    deleted: boolean;
  },
) => trx.updateTable('aggregation_records').set(values).where('id', '=', id).execute();

export const insertAnomalies = (trx: Db, rows: Insertable<DataAnomalyTable>[]) =>
  rows.length ? trx.insertInto('data_anomalies').values(rows).execute() : Promise.resolve([]);

/** The open anomalies of one sender key (to keep their deadline on a bad resend, or to close them on a good one). */
export const openAnomaliesOfKey = (trx: Db, departmentId: number, kind: string, recordKey: string) =>
  trx
    .selectFrom('data_anomalies')
    .select(['id', 'field', 'problem', 'message'])
    .where('department_id', '=', departmentId)
    .where('record_kind', '=', kind)
    .where('record_key', '=', recordKey)
    .where('status', '=', '待整改')
    .execute();

/** Closes open anomalies as fixed by a resend (已整改) in a batch; returns how many. */
export async function closeAnomalies(trx: Db, ids: number[], batchId: number, now: Date, note: string) {
  if (ids.length === 0) return 0;
  const rows = await trx
    .updateTable('data_anomalies')
    .set({ status: '已整改', resolved_at: now, resolved_batch_id: batchId, resolution_note: note })
    .where('id', 'in', ids)
    .where('status', '=', '待整改')
    .returning('id')
    .execute();
  return rows.length;
}

/** The open 未报送 anomalies of a department and kind (an accepted record of the kind closes them). */
export const openMissingReports = (trx: Db, departmentId: number, kind: string) =>
  trx
    .selectFrom('data_anomalies')
    .select(['id', 'record_key'])
    .where('department_id', '=', departmentId)
    .where('record_kind', '=', kind)
    .where('problem', '=', '未报送' satisfies AnomalyProblem)
    .where('status', '=', '待整改')
    .execute();

export const findAnomaly = (db: Db, id: number) =>
  db.selectFrom('data_anomalies').selectAll().where('id', '=', id).executeTakeFirst();

export const writeOffAnomaly = (trx: Db, id: number, now: Date, reason: string) =>
  trx
    .updateTable('data_anomalies')
    .set({ status: '已核销', resolved_at: now, resolution_note: reason })
    .where('id', '=', id)
    .where('status', '=', '待整改')
    .returning('id')
    .executeTakeFirst();

/** 执法证号 of the inspector register among `certificates`. */
export async function knownCertificates(db: Db, certificates: string[]): Promise<Set<string>> {
  if (certificates.length === 0) return new Set();
  const rows = await db
    .selectFrom('inspectors')
    .select('certificate_no')
    .where('certificate_no', 'in', [...new Set(certificates)])
    .execute();
  return new Set(rows.map((r) => r.certificate_no));
}

/** Register names by USCC among `codes`. */
export async function subjectNamesOf(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('subjects')
    .select(['uscc', 'name'])
    .where('uscc', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.uscc, r.name]));
}

export const departmentById = (db: Db, id: number) =>
  db.selectFrom('departments').select(['id', 'name', 'code']).where('id', '=', id).executeTakeFirst();

/** Claims today's completeness check; false when it already ran today. */
export async function claimCheck(trx: Db, day: string, period: string, now: Date): Promise<boolean> {
  const row = await trx
    .insertInto('aggregation_checks')
    .values({ checked_on: day, period, raised: 0, checked_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('checked_on')
    .executeTakeFirst();
  return row !== undefined;
}

export const setCheckRaised = (trx: Db, day: string, raised: number) =>
  trx.updateTable('aggregation_checks').set({ raised }).where('checked_on', '=', day).execute();

/**
 * Departments with supervision items in force that, in the month [from, to], neither submitted an inspection result
 * on the platform nor sent an accepted 行政检查 record whose 检查时间 falls in the month.
 */
export async function departmentsWithoutInspections(db: Db, from: string, to: string) {
  return db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name'])
    .select((eb) =>
      eb
        .selectFrom('supervision_items as i')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('i.department_id', '=', 'd.id')
        .where('i.status', '=', '有效')
        .as('items'),
    )
    .where('d.status', '=', 'active')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('supervision_items as i')
          .select('i.id')
          .whereRef('i.department_id', '=', 'd.id')
          .where('i.status', '=', '有效'),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspection_submissions as s')
            .select('s.task_id')
            .whereRef('s.department_id', '=', 'd.id')
            .where(sql<boolean>`(s.submitted_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from} AND ${to}`),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('aggregation_records as r')
            .select('r.id')
            .whereRef('r.department_id', '=', 'd.id')
            .where('r.record_kind', '=', '行政检查')
            .where('r.deleted', '=', false)
            .where(sql<boolean>`left(r.payload->>'检查时间', 10) BETWEEN ${from} AND ${to}`),
        ),
      ),
    )
    .orderBy('d.id')
    .execute();
}

/** Whether a 未报送 anomaly with this message was ever raised for the department (open, fixed or written off). */
/** A 未报送 anomaly's key names its month (未报送:2026-11): one per department, kind and month. */
export const missingReportKey = (month: string) => `未报送:${month}`;
export const missingReportMonth = (recordKey: string) => recordKey.replace(/^未报送:/, '');

export const missingReportRaised = (db: Db, departmentId: number, kind: string, month: string) =>
  db
    .selectFrom('data_anomalies')
    .select('id')
    .where('department_id', '=', departmentId)
    .where('record_kind', '=', kind)
    .where('problem', '=', '未报送')
    .where('record_key', '=', missingReportKey(month))
    .executeTakeFirst();

/** Active users of a department holding `permission` through one of their roles (who must resend its data). */
export async function departmentUsersWith(db: Db, permission: string, departmentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.status', '=', 'active')
    .where('u.department_id', '=', departmentId)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND ${permission} = ANY(r.permissions))`,
    )
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Open anomalies detected while the deadline's year had no holiday notice loaded (due_on still empty). */
export const anomaliesWithoutDueDate = (db: Db) =>
  db
    .selectFrom('data_anomalies')
    .select(['id', 'detected_at'])
    .where('status', '=', '待整改')
    .where('due_on', 'is', null)
    .orderBy('id')
    .execute();

export const setAnomalyDueOn = (db: Db, id: number, dueOn: string) =>
  db.updateTable('data_anomalies').set({ due_on: dueOn }).where('id', '=', id).where('due_on', 'is', null).execute();
