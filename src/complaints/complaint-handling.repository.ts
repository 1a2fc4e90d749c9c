import { sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { ComplaintEventTable, ComplaintTable } from './complaint.table';
import { openComplaintStatuses } from './complaint-lifecycle';

/** The complaint, locked for a status change (two staff acting at once are serialised). */
export const lockComplaint = (db: Db, id: number) =>
  db.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const complaintIdByTicket = async (db: Db, ticketNo: string): Promise<number | null> => {
  const row = await db.selectFrom('complaints').select('id').where('ticket_no', '=', ticketNo).executeTakeFirst();
  return row ? Number(row.id) : null;
};

export const updateComplaint = (db: Db, id: number, patch: Updateable<ComplaintTable>) =>
  db.updateTable('complaints').set(patch).where('id', '=', id).execute();

export const insertComplaintEvent = (db: Db, event: Omit<ComplaintEventTable, 'id'>) =>
  db.insertInto('complaint_events').values(event).execute();

export const findMatter = (db: Db, code: string) =>
  db.selectFrom('complaint_matters').selectAll().where('code', '=', code).executeTakeFirst();

export const departmentName = async (db: Db, id: number): Promise<string | null> =>
  (await db.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;

/**
 * Active users holding `permission` through one of their roles, of the given departments (all departments when
 * null): the department's handlers, the joint office's dispatchers, the supervision office.
 */
export const usersWithPermission = async (
  db: Db,
  permission: string,
  departmentIds: readonly number[] | null,
): Promise<number[]> => {
  if (departmentIds !== null && departmentIds.length === 0) return [];
  let q = db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.status', '=', 'active')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND ${permission} = ANY(r.permissions))`,
    );
  if (departmentIds !== null) q = q.where('u.department_id', 'in', [...departmentIds]);
  return (await q.execute()).map((r) => Number(r.id));
};

/** The department's administrators (a role scoped to the department that may also dispatch… or write users). */
export const departmentAdmins = async (db: Db, departmentId: number): Promise<number[]> =>
  (
    await db
      .selectFrom('users as u')
      .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
      .select('u.id')
      .where('u.department_id', '=', departmentId)
      .where('u.status', '=', 'active')
      .where('ur.role_code', '=', 'dept_admin')
      .execute()
  ).map((r) => Number(r.id));

/**
 * The first complaint of an earlier one about the same subject (the register id, else the same USCC, else the same
 * name) and matter, still open or received in the 90 days before: the group a repeat joins.
 */
export const findRepeatHead = async (
  db: Db,
  c: { id: number; matter_code: string; subject_id: number | null; uscc: string | null; subject_name: string },
  since: Date,
): Promise<number | null> => {
  const row = await db
    .selectFrom('complaints')
    .select(({ fn }) => fn.min<number>(sql`coalesce(group_id, id)`).as('head'))
    .where('id', '<>', c.id)
    .where('matter_code', '=', c.matter_code)
    .where((eb) =>
      eb.or([
        ...(c.subject_id !== null ? [eb('subject_id', '=', c.subject_id)] : []),
        ...(c.uscc ? [eb('uscc', '=', c.uscc)] : []),
        eb('subject_name', '=', c.subject_name),
      ]),
    )
    .where((eb) => eb.or([eb('status', 'in', [...openComplaintStatuses]), eb('received_at', '>=', since)]))
    .executeTakeFirst();
  return row?.head == null ? null : Number(row.head);
};

/** The complaints whose verification is the task (on site, or the joint task that absorbed it). */
export const complaintsOfTask = async (db: Db, taskId: number) =>
  db.selectFrom('complaints').selectAll().where('task_id', '=', taskId).forUpdate().execute();

/** The number and status of a verification task. */
export const verificationTaskState = (db: Db, taskId: number) =>
  db.selectFrom('inspection_tasks').select(['task_no', 'status']).where('id', '=', taskId).executeTakeFirstOrThrow();
