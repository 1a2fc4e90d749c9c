import type { Db } from '../db/database';
import { likeContains, offsetOf, type Page } from '../shared/paging';
import type { CreditRecordRow } from './credit-record.table';
import type { CreditListQuery, CreditRecordView } from './credit-record.schemas';

type Row = CreditRecordRow & { sender_department_name: string | null };

export const presentCreditRecord = (r: Row): CreditRecordView => ({
  id: r.id,
  recordNo: r.record_no,
  uscc: r.uscc,
  subjectId: r.subject_id === null ? null : Number(r.subject_id),
  subjectName: r.subject_name,
  kind: r.kind,
  severity: r.severity,
  source: r.source,
  channel: r.channel,
  senderDepartmentId: r.sender_department_id === null ? null : Number(r.sender_department_id),
  senderDepartmentName: r.sender_department_name,
  departmentName: r.department_name,
  title: r.title,
  detail: r.detail,
  basisDocNo: r.basis_doc_no,
  occurredOn: r.occurred_on,
  countsFrom: r.counts_from,
  countsUntil: r.counts_until,
  status: r.status,
  statusReason: r.status_reason,
  statusOn: r.status_on,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

const base = (db: Db) =>
  db
    .selectFrom('credit_records as c')
    .leftJoin('departments as d', 'd.id', 'c.sender_department_id')
    .selectAll('c')
    .select('d.name as sender_department_name');

/** The records matching the filters, newest first; `departmentId` of the actor's scope (null: all). */
export async function listCreditRecords(
  db: Db,
  q: CreditListQuery,
  scopeDepartmentId: number | null,
): Promise<Page<CreditRecordView>> {
  let query = base(db);
  if (scopeDepartmentId !== null) query = query.where('c.sender_department_id', '=', scopeDepartmentId);
  if (q.departmentId) query = query.where('c.sender_department_id', '=', q.departmentId);
  if (q.subjectId) query = query.where('c.subject_id', '=', q.subjectId);
  if (q.kind) query = query.where('c.kind', '=', q.kind);
  if (q.status) query = query.where('c.status', '=', q.status);
  if (q.source) query = query.where('c.source', '=', q.source);
  if (q.from) query = query.where('c.occurred_on', '>=', q.from);
  if (q.to) query = query.where('c.occurred_on', '<=', q.to);
  if (q.q) {
    const term = q.q;
    query = /^[0-9A-Z]{18}$/.test(term.toUpperCase())
      ? query.where('c.uscc', '=', term.toUpperCase())
      : query.where((eb) =>
          eb.or([eb('c.subject_name', 'like', likeContains(term)), eb('c.record_no', '=', term.toUpperCase())]),
        );
  }
  const total = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy('c.occurred_on', 'desc')
    .orderBy('c.id', 'desc')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { items: rows.map(presentCreditRecord), total: Number(total.n) };
}

export const findCreditRecordView = async (db: Db, id: number) => {
  const row = await base(db).where('c.id', '=', id).executeTakeFirst();
  return row ? presentCreditRecord(row) : undefined;
};
