import { type ExpressionBuilder, type Insertable, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import { addDays } from '../calendar/calendar-date';
import { type CandidateInspector, capacityIn } from './inspector-eligibility';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { AppError } from '../shared/app-error';
import { likeContains, offsetOf } from '../shared/paging';
import {
  CERTIFICATE_EXPIRING_DAYS,
  type CertificateFilter,
  type CertificateSummary,
  certificateDaysLeft,
  certificateStateOn,
  type InspectorConflictView,
  type InspectorListQuery,
  type InspectorView,
  type SubjectInspectorConflict,
} from './inspector.schemas';
import type { InspectorRow, InspectorTable } from './inspector.table';
import { taskHasInspector } from '../db/task-members-sql';

/** Queries over `inspectors as i`, as Kysely types an aliased table. */
type WithI = Database & { i: InspectorTable };
type InspectorQuery = SelectQueryBuilder<WithI, 'i', object>;
type Listed = InspectorRow & { department_name: string; username: string | null; conflict_count: number | null };

/** Filters shared by the list and its summary; `scopeDepartmentId` is the actor's data scope (null = all). */
function filtered(
  db: Db,
  query: Omit<InspectorListQuery, 'page' | 'pageSize' | 'certificate'>,
  scopeDepartmentId: number | null,
): InspectorQuery {
  let q: InspectorQuery = db.selectFrom('inspectors as i');
  if (scopeDepartmentId !== null) q = q.where('i.department_id', '=', scopeDepartmentId);
  if (query.departmentId) q = q.where('i.department_id', '=', query.departmentId);
  if (query.q) {
    const text = likeContains(query.q);
    q = q.where((eb) =>
      eb.or([eb('i.name', 'like', text), eb('i.certificate_no', 'like', likeContains(query.q!.toUpperCase()))]),
    );
  }
  if (query.field) q = q.where(sql<boolean>`i.fields @> ARRAY[${query.field}]::text[]`);
  if (query.status) q = q.where('i.status', '=', query.status);
  return q;
}

/** The last day on which a certificate still counts as 即将到期 rather than 有效. */
const expiringUntil = (today: string): string => addDays(today, CERTIFICATE_EXPIRING_DAYS);

function byCertificate(q: InspectorQuery, filter: CertificateFilter, today: string): InspectorQuery {
  if (filter === 'expired') return q.where('i.certificate_valid_until', '<', today);
  if (filter === 'expiring')
    return q
      .where('i.certificate_valid_until', '>=', today)
      .where('i.certificate_valid_until', '<=', expiringUntil(today));
  return q.where('i.certificate_valid_until', '>', expiringUntil(today));
}

const conflictCount = (eb: ExpressionBuilder<WithI, 'i'>) =>
  eb
    .selectFrom('inspector_conflicts as c')
    .select((c) => c.fn.countAll<number>().as('n'))
    .whereRef('c.inspector_id', '=', 'i.id')
    .as('conflict_count');

function withNames(q: InspectorQuery) {
  return q
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('users as u', 'u.id', 'i.user_id')
    .selectAll('i')
    .select(['d.name as department_name', 'u.username as username'])
    .select(conflictCount);
}

export function presentInspector(row: Listed, today: string): InspectorView {
  return {
    id: row.id,
    name: row.name,
    idCardMasked: row.id_card_masked,
    phone: row.phone,
    departmentId: row.department_id,
    departmentName: row.department_name,
    userId: row.user_id,
    username: row.username,
    certificateNo: row.certificate_no,
    certificateIssuedOn: row.certificate_issued_on,
    certificateValidUntil: row.certificate_valid_until,
    certificateState: certificateStateOn(row.certificate_valid_until, today),
    certificateDaysLeft: certificateDaysLeft(row.certificate_valid_until, today),
    fields: row.fields,
    qualifiedSamplingItemCodes: row.qualified_sampling_item_codes,
    status: row.status,
    capacityPerMonth: row.capacity_per_month,
    conflictCount: Number(row.conflict_count ?? 0),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The register as the list page filters it (certificate state included), for the list and for exports. */
export function inspectorsMatching(
  db: Db,
  query: Omit<InspectorListQuery, 'page' | 'pageSize'>,
  scopeDepartmentId: number | null,
  today: string,
): InspectorQuery {
  const base = filtered(db, query, scopeDepartmentId);
  return query.certificate ? byCertificate(base, query.certificate, today) : base;
}

/** One page of the register with the certificate counts of everything the other filters select. */
export async function searchInspectors(
  db: Db,
  query: InspectorListQuery,
  scopeDepartmentId: number | null,
  today: string,
) {
  const base = filtered(db, query, scopeDepartmentId);
  const listed = inspectorsMatching(db, query, scopeDepartmentId, today);
  const soon = expiringUntil(today);
  const counts = await base
    .select([
      sql<number>`count(*) FILTER (WHERE i.certificate_valid_until > ${soon})`.as('valid'),
      sql<number>`count(*) FILTER (WHERE i.certificate_valid_until BETWEEN ${today} AND ${soon})`.as('expiring'),
      sql<number>`count(*) FILTER (WHERE i.certificate_valid_until < ${today})`.as('expired'),
      sql<number>`count(*) FILTER (WHERE i.status = '停用')`.as('disabled'),
    ])
    .executeTakeFirstOrThrow();
  const { total } = await listed.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await withNames(listed)
    .orderBy('i.department_id')
    .orderBy('i.id')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  const summary: CertificateSummary = {
    valid: Number(counts.valid),
    expiring: Number(counts.expiring),
    expired: Number(counts.expired),
    disabled: Number(counts.disabled),
  };
  return { items: rows.map((r) => presentInspector(r, today)), total: Number(total), summary, today };
}

export async function findInspectorView(db: Db, id: number, today: string): Promise<InspectorView | undefined> {
  const row = await withNames(db.selectFrom('inspectors as i')).where('i.id', '=', id).executeTakeFirst();
  return row && presentInspector(row, today);
}

export const findInspector = (db: Db, id: number) =>
  db.selectFrom('inspectors').selectAll().where('id', '=', id).executeTakeFirst();
export const findInspectorByCertificate = (db: Db, certificateNo: string) =>
  db.selectFrom('inspectors').select(['id', 'name']).where('certificate_no', '=', certificateNo).executeTakeFirst();
export const findInspectorByUser = (db: Db, userId: number) =>
  db.selectFrom('inspectors').select(['id', 'name']).where('user_id', '=', userId).executeTakeFirst();

/** A concurrent write can pass the service's uniqueness checks; the unique indexes then decide, reported the same way. */
function uniqueClash(error: unknown): never {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'inspectors_certificate_no_key') {
    throw new AppError('CONFLICT', '执法证号已登记', [{ field: 'certificateNo', message: '与已登记的执法证号重复' }]);
  }
  if (code === '23505' && constraint === 'inspectors_user_id_key') {
    throw new AppError('CONFLICT', '该平台账号已关联其他执法检查人员', [
      { field: 'userId', message: '账号已关联其他执法检查人员' },
    ]);
  }
  throw error;
}

/** The given sampling-item codes that no sampling item carries, in the given order. */
export async function unknownSamplingItemCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const known = await db
    .selectFrom('sampling_items')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  const found = new Set(known.map((k) => k.code));
  return codes.filter((c) => !found.has(c));
}

export const insertInspector = (db: Db, values: Insertable<InspectorTable>) =>
  db.insertInto('inspectors').values(values).returning('id').executeTakeFirstOrThrow().catch(uniqueClash);
export const updateInspector = (db: Db, id: number, values: Updateable<InspectorTable>) =>
  db.updateTable('inspectors').set(values).where('id', '=', id).execute().catch(uniqueClash);

export async function conflictsOf(db: Db, inspectorId: number): Promise<InspectorConflictView[]> {
  const rows = await db
    .selectFrom('inspector_conflicts as c')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .select(['c.subject_id', 's.name', 's.uscc', 'c.reason', 'c.declared_on'])
    .where('c.inspector_id', '=', inspectorId)
    .orderBy('c.declared_on')
    .orderBy('c.subject_id')
    .execute();
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    subjectName: r.name,
    uscc: r.uscc,
    reason: r.reason,
    declaredOn: r.declared_on,
  }));
}

export async function conflictsWithSubject(db: Db, subjectId: number): Promise<SubjectInspectorConflict[]> {
  return db
    .selectFrom('inspector_conflicts as c')
    .innerJoin('inspectors as i', 'i.id', 'c.inspector_id')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .select(['i.name', 'i.department_id as departmentId', 'd.name as departmentName'])
    .where('c.subject_id', '=', subjectId)
    .orderBy('d.id')
    .orderBy('i.id')
    .execute();
}

/**
 * The inspectors of the departments as staffing a task sees them (src/inspectors/inspector-eligibility.ts):
 * capacity for the window less the open tasks they already carry in it, declared conflicts, and — for
 * rotation — whether they inspected the subject in the previous year.
 */
export async function candidateInspectors(
  db: Db,
  departmentIds: readonly number[],
  window: { from: string; to: string },
  subject: { id: number; uscc: string },
): Promise<CandidateInspector[]> {
  if (departmentIds.length === 0) return [];
  const previousYear = Number(window.from.slice(0, 4)) - 1;
  const rows = await db
    .selectFrom('inspectors as i')
    .select([
      'i.id',
      'i.name',
      'i.department_id',
      'i.status',
      'i.certificate_issued_on',
      'i.certificate_valid_until',
      'i.fields',
      'i.qualified_sampling_item_codes',
      'i.capacity_per_month',
    ])
    .select(
      sql<
        string[]
      >`coalesce((SELECT array_agg(s.uscc ORDER BY s.uscc) FROM inspector_conflicts c JOIN subjects s ON s.id = c.subject_id WHERE c.inspector_id = i.id), '{}')`.as(
        'conflicts',
      ),
    )
    .select(
      sql<number>`(SELECT count(*) FROM inspection_tasks t
      WHERE ${taskHasInspector('t', sql.ref('i.id'))} AND t.status IN ('待发布', '已发布', '已排期', '检查中') AND t.window_from <= ${window.to}::date AND t.window_to >= ${window.from}::date)`.as(
        'load',
      ),
    )
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM inspection_tasks t
      WHERE ${taskHasInspector('t', sql.ref('i.id'))} AND t.subject_id = ${subject.id} AND t.status IN ('已检查', '已办结') AND extract(year FROM t.window_from) = ${previousYear})`.as(
        'visited',
      ),
    )
    .where('i.department_id', 'in', [...departmentIds])
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    departmentId: Number(r.department_id),
    active: r.status === '在岗',
    certificateIssuedOn: r.certificate_issued_on,
    certificateValidUntil: r.certificate_valid_until,
    fields: r.fields,
    qualifiedItemCodes: r.qualified_sampling_item_codes,
    capacity: capacityIn(r.capacity_per_month, window) - Number(r.load),
    conflicts: r.conflicts,
    lastCycle: r.visited ? [subject.uscc] : [],
  }));
}

/** The inspector record linked to a user account. */
export async function inspectorOfUser(
  db: Db,
  userId: number,
): Promise<{ id: number; name: string; departmentId: number } | null> {
  const row = await db
    .selectFrom('inspectors')
    .select(['id', 'name', 'department_id'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { id: Number(row.id), name: row.name, departmentId: Number(row.department_id) } : null;
}

/**
 * Inserts the rows, or updates the `changed` columns of the inspector with the same certificate number when
 * any differs. An empty ID number on an existing inspector keeps the stored one (exports carry no ID numbers).
 * Returns one entry per written row: `inserted` true for a new inspector (xmax = 0), false for an update.
 */
export async function upsertInspectorsByCertificate(
  trx: Db,
  rows: Insertable<InspectorTable>[],
  changed: (keyof InspectorTable)[],
): Promise<{ inserted: boolean }[]> {
  const idCard = sql<string>`CASE WHEN excluded.id_card_masked = '' THEN inspectors.id_card_masked ELSE excluded.id_card_masked END`;
  const set = {
    ...Object.fromEntries(changed.map((c) => [c, sql.ref(`excluded.${c}`)])),
    id_card_masked: idCard,
    updated_at: sql<Date>`excluded.updated_at`,
  };
  return trx
    .insertInto('inspectors')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('certificate_no')
        .doUpdateSet(set)
        .where(
          sql<boolean>`(${sql.join([...changed.map((c) => sql.ref(`inspectors.${c}`)), sql.ref('inspectors.id_card_masked')])}) IS DISTINCT FROM (${sql.join([...changed.map((c) => sql.ref(`excluded.${c}`)), idCard])})`,
        ),
    )
    .returning(sql<boolean>`xmax::text = '0'`.as('inserted'))
    .execute();
}

/** One keyset page of the register as the list page filters it, with department names, by increasing id. */
export const inspectorsMatchingAfter = (
  db: Db,
  query: Omit<InspectorListQuery, 'page' | 'pageSize'>,
  scopeDepartmentId: number | null,
  today: string,
  afterId: number,
  limit: number,
) =>
  inspectorsMatching(db, query, scopeDepartmentId, today)
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .selectAll('i')
    .select('d.name as department_name')
    .where('i.id', '>', afterId)
    .orderBy('i.id')
    .limit(limit)
    .execute();

/** Every certificate number with the department that holds it. */
export const certificateHolders = (db: Db) =>
  db.selectFrom('inspectors').select(['certificate_no', 'department_id']).execute();
