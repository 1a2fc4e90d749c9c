import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { ComplaintChannel, ComplaintEventTable, ComplaintTable } from './complaint.table';
import type { ComplaintAttachmentTable } from './complaint-intake.table';

/** The next ticket number of the year (TS2026-000001), one at a time. */
export async function nextTicketNo(trx: Db, prefix: string): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${prefix}))`.execute(trx);
  const row = await trx
    .selectFrom('complaints')
    .select((eb) => eb.fn.max('ticket_no').as('last'))
    // Only numbers of the series (a prefix followed by six digits) count.
    .where('ticket_no', '~', `^${prefix}[0-9]{6}$`)
    .executeTakeFirst();
  const last = row?.last;
  return `${prefix}${String((last ? Number(last.slice(prefix.length)) : 0) + 1).padStart(6, '0')}`;
}

/** Serialises deliveries of one external ticket, so a re-delivery racing the first finds it stored. */
export async function lockExternalTicket(trx: Db, channel: ComplaintChannel, externalTicket: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext(${`complaint:${channel}:${externalTicket}`}))`.execute(trx);
}

export const findByExternalTicket = (db: Db, channel: ComplaintChannel, externalTicket: string) =>
  db
    .selectFrom('complaints')
    .selectAll()
    .where('channel', '=', channel)
    .where('external_ticket', '=', externalTicket)
    .executeTakeFirst();

export const findComplaintByTicket = (db: Db, ticketNo: string) =>
  db.selectFrom('complaints').selectAll().where('ticket_no', '=', ticketNo).executeTakeFirst();

/** The complaint for update (rating, reward, attachments), so two requests do not both pass a once-only check. */
export const lockComplaintByTicket = (trx: Db, ticketNo: string) =>
  trx.selectFrom('complaints').selectAll().where('ticket_no', '=', ticketNo).forUpdate().executeTakeFirst();

export async function insertComplaint(trx: Db, values: Insertable<ComplaintTable>): Promise<number> {
  const row = await trx.insertInto('complaints').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateComplaint = (trx: Db, id: number, values: Updateable<ComplaintTable>) =>
  trx.updateTable('complaints').set(values).where('id', '=', id).execute();

export const insertComplaintEvent = (trx: Db, values: Insertable<ComplaintEventTable>) =>
  trx.insertInto('complaint_events').values(values).execute();

export const findMatter = (db: Db, code: string) =>
  db.selectFrom('complaint_matters').selectAll().where('code', '=', code).executeTakeFirst();

export const activeMatters = (db: Db) =>
  db
    .selectFrom('complaint_matters')
    .select(['code', 'name', 'industry_codes'])
    .where('active', '=', true)
    .orderBy('sort')
    .execute();

const subjectColumns = [
  'id',
  'uscc',
  'name',
  'division_code',
  'business_address',
  'registered_address',
  'industry_codes',
] as const;

export const subjectByUscc = (db: Db, uscc: string) =>
  db.selectFrom('subjects').select(subjectColumns).where('uscc', '=', uscc).executeTakeFirst();

export const subjectById = (db: Db, id: number) =>
  db.selectFrom('subjects').select(subjectColumns).where('id', '=', id).executeTakeFirst();

export const departmentName = async (db: Db, id: number): Promise<string | null> =>
  (await db.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;

export const insertAttachment = (trx: Db, values: Insertable<ComplaintAttachmentTable>) =>
  trx.insertInto('complaint_attachments').values(values).returning('id').executeTakeFirstOrThrow();

export const attachmentsOf = (db: Db, complaintId: number) =>
  db
    .selectFrom('complaint_attachments')
    .select(['id', 'file_name', 'content_type', 'size', 'uploaded_by', 'uploaded_at'])
    .where('complaint_id', '=', complaintId)
    .orderBy('id')
    .execute();

export const attachmentFile = (db: Db, complaintId: number, id: number) =>
  db
    .selectFrom('complaint_attachments')
    .select(['file_name', 'content_type', 'data'])
    .where('complaint_id', '=', complaintId)
    .where('id', '=', id)
    .executeTakeFirst();

/** One stored identity cipher (any): its key id is checked against the key file at start. */
export const oneComplainantCipher = async (db: Db): Promise<string | null> =>
  (
    await db
      .selectFrom('complaints')
      .select('complainant_cipher')
      .where('complainant_cipher', 'is not', null)
      .limit(1)
      .executeTakeFirst()
  )?.complainant_cipher ?? null;

/** 举报 verified as 属实 or 部分属实 (the ones a reward may be decided on), newest first, at most 500. */
export const verifiedTips = (db: Db, decided: boolean | undefined) => {
  let query = db
    .selectFrom('complaints as c')
    .innerJoin('complaint_matters as m', 'm.code', 'c.matter_code')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select([
      'c.ticket_no',
      'c.title',
      'c.subject_name',
      'm.name as matter',
      'd.name as department',
      'c.status',
      'c.verification_result',
      'c.anonymous',
      'c.received_at',
      'c.reward_decision',
      'c.reward_amount',
      'c.reward_note',
      'c.reward_decided_at',
    ])
    .where('c.kind', '=', '举报')
    .where('c.verification_result', 'in', ['属实', '部分属实']);
  if (decided !== undefined) query = query.where('c.reward_decision', decided ? 'is not' : 'is', null);
  return query.orderBy('c.received_at', 'desc').limit(500).execute();
};
