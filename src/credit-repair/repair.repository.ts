import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type {
  CreditRepairApplicationTable,
  CreditRepairEventTable,
  CreditRepairEvidenceTable,
  RepairStatus,
} from './credit-repair.table';

export const OPEN_STATUSES: RepairStatus[] = ['待受理', '待补正', '已受理'];

export async function insertApplication(trx: Db, values: Insertable<CreditRepairApplicationTable>): Promise<number> {
  const { id } = await trx
    .insertInto('credit_repair_applications')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateApplication(trx: Db, id: number, values: Updateable<CreditRepairApplicationTable>) {
  await trx.updateTable('credit_repair_applications').set(values).where('id', '=', id).execute();
}

export const lockApplication = (trx: Db, repairNo: string) =>
  trx
    .selectFrom('credit_repair_applications')
    .selectAll()
    .where('repair_no', '=', repairNo)
    .forUpdate()
    .executeTakeFirst();

export const findApplication = (db: Db, repairNo: string) =>
  db.selectFrom('credit_repair_applications').selectAll().where('repair_no', '=', repairNo).executeTakeFirst();

/** The applications of a penalty, newest first (an open one blocks a second; a 已修复 one ends the matter). */
export const applicationsOfPenalty = (db: Db, penaltyId: number) =>
  db
    .selectFrom('credit_repair_applications')
    .select(['repair_no', 'status', 'created_at'])
    .where('penalty_id', '=', penaltyId)
    .orderBy('id', 'desc')
    .execute();

export interface ApplicationFilter {
  status?: RepairStatus | '逾期';
  keyword?: string;
  departmentId: number | null;
  today: string;
}

function filtered(db: Db, f: ApplicationFilter) {
  let q = db.selectFrom('credit_repair_applications as a');
  if (f.departmentId !== null) q = q.where('a.department_id', '=', f.departmentId);
  if (f.status === '逾期')
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('a.status', 'in', ['待受理']), eb('a.accept_due_on', '<', f.today)]),
        eb.and([eb('a.status', '=', '已受理'), eb('a.decision_due_on', '<', f.today)]),
      ]),
    );
  else if (f.status) q = q.where('a.status', '=', f.status);
  if (f.keyword) {
    const k = f.keyword.trim();
    q = q.where((eb) =>
      eb.or([
        eb('a.uscc', '=', k.toUpperCase()),
        eb('a.repair_no', '=', k.toUpperCase()),
        eb('a.subject_name', 'like', likeContains(k)),
        eb('a.decision_doc_no', 'like', likeContains(k)),
      ]),
    );
  }
  return q;
}

export async function pageApplications(db: Db, f: ApplicationFilter, limit: number, offset: number) {
  const base = filtered(db, f);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll('a').orderBy('a.id', 'desc').limit(limit).offset(offset).execute(),
  ]);
  return { total: Number(total), rows };
}

/** Applications per status (and overdue) in the actor's scope, for the tabs. */
export async function statusCounts(db: Db, departmentId: number | null, today: string) {
  let q = db.selectFrom('credit_repair_applications').select(['status', 'accept_due_on', 'decision_due_on']);
  if (departmentId !== null) q = q.where('department_id', '=', departmentId);
  const rows = await q.execute();
  const counts: Record<string, number> = { 待受理: 0, 待补正: 0, 已受理: 0, 已修复: 0, 不予修复: 0, 逾期: 0 };
  for (const r of rows) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    const due = r.status === '待受理' ? r.accept_due_on : r.status === '已受理' ? r.decision_due_on : null;
    if (due !== null && due < today) counts['逾期']! += 1;
  }
  return counts;
}

export async function insertEvidence(trx: Db, values: Insertable<CreditRepairEvidenceTable>): Promise<number> {
  const { id } = await trx
    .insertInto('credit_repair_evidence')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export const evidenceList = (db: Db, applicationId: number) =>
  db
    .selectFrom('credit_repair_evidence')
    .select(['id', 'file_name', 'content_type', 'size', 'uploaded_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();

export const findEvidence = (db: Db, applicationId: number, evidenceId: number) =>
  db
    .selectFrom('credit_repair_evidence')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('id', '=', evidenceId)
    .executeTakeFirst();

export async function insertEvent(trx: Db, values: Insertable<CreditRepairEventTable>): Promise<void> {
  await trx.insertInto('credit_repair_events').values(values).execute();
}

export const eventsOf = (db: Db, applicationId: number) =>
  db
    .selectFrom('credit_repair_events')
    .select(['action', 'note', 'by_name', 'at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
