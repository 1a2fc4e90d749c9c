import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { InspectionRegistrationTable } from './registration.table';

/** Those of `inspectorIds` that are inspectors of the department. */
export async function departmentInspectorIds(
  db: Db,
  departmentId: number,
  inspectorIds: readonly number[],
): Promise<number[]> {
  if (inspectorIds.length === 0) return [];
  const rows = await db
    .selectFrom('inspectors')
    .select('id')
    .where('id', 'in', [...inspectorIds])
    .where('department_id', '=', departmentId)
    .execute();
  return rows.map((r) => r.id);
}

export const subjectsByUscc = (db: Db, usccs: readonly string[]) =>
  db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'name', 'whitelisted', 'status'])
    .where('uscc', 'in', [...usccs])
    .execute();

export async function insertRegistration(trx: Db, values: Insertable<InspectionRegistrationTable>): Promise<number> {
  const { id } = await trx
    .insertInto('inspection_registrations')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The registrations' numbers, in id order. */
export async function registrationNosOf(db: Db, ids: readonly number[]): Promise<string[]> {
  const rows = await db
    .selectFrom('inspection_registrations')
    .select('registration_no')
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.registration_no);
}

export const findRegistrationHead = (db: Db, registrationNo: string) =>
  db
    .selectFrom('inspection_registrations')
    .select(['id', 'department_id'])
    .where('registration_no', '=', registrationNo)
    .executeTakeFirst();

/** The registration by number with its row locked, or undefined. */
export const lockRegistrationByNo = (trx: Db, registrationNo: string) =>
  trx
    .selectFrom('inspection_registrations')
    .select(['id', 'department_id', 'status', 'uscc', 'kind'])
    .where('registration_no', '=', registrationNo)
    .forUpdate()
    .executeTakeFirst();

export const lockRegistration = (trx: Db, id: number) =>
  trx.selectFrom('inspection_registrations').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();

export async function setRegistrationWithdrawn(trx: Db, id: number, reason: string, now: Date): Promise<void> {
  await trx
    .updateTable('inspection_registrations')
    .set({ status: '已撤回', withdraw_reason: reason, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setRegistrationConverted(trx: Db, id: number, taskId: number, now: Date): Promise<void> {
  await trx
    .updateTable('inspection_registrations')
    .set({ status: '已转任务', task_id: taskId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** 有效 registrations whose window contains `today` and that no open proposal is waiting on, in id order. */
export const dueRegistrations = (db: Db, today: string) =>
  db
    .selectFrom('inspection_registrations as r')
    .select(['r.id', 'r.registration_no'])
    .where('r.status', '=', '有效')
    .where('r.window_from', '<=', today)
    .where('r.window_to', '>=', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('merge_proposal_sources as ps')
            .innerJoin('merge_proposals as p', 'p.id', 'ps.proposal_id')
            .select('ps.proposal_id')
            .whereRef('ps.registration_id', '=', 'r.id')
            .where('p.status', '=', '待答复'),
        ),
      ),
    )
    .orderBy('r.id')
    .execute();
