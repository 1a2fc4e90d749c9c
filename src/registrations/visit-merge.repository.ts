import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { RegisteredItem } from './registration.table';
import type { PartyAnswer } from './visit-matching.table';

/** The proposal by number with its row locked, or undefined. */
export const lockProposal = (trx: Db, proposalNo: string) =>
  trx
    .selectFrom('merge_proposals')
    .select(['id', 'proposal_no', 'kind', 'subject_id', 'uscc', 'year', 'window_from', 'window_to', 'status'])
    .where('proposal_no', '=', proposalNo)
    .forUpdate()
    .executeTakeFirst();

/** The registrations and tasks a proposal would merge. */
export async function proposalSources(
  trx: Db,
  proposalId: number,
): Promise<{ registrationIds: number[]; taskIds: number[] }> {
  const sources = await trx
    .selectFrom('merge_proposal_sources')
    .select(['registration_id', 'task_id'])
    .where('proposal_id', '=', proposalId)
    .execute();
  return {
    registrationIds: sources.flatMap((s) => (s.registration_id ? [s.registration_id] : [])),
    taskIds: sources.flatMap((s) => (s.task_id ? [s.task_id] : [])),
  };
}

/** Locks the registrations, then the tasks, in id order (the order confirming a registration uses too). */
export async function lockSources(
  trx: Db,
  registrationIds: readonly number[],
  taskIds: readonly number[],
): Promise<void> {
  if (registrationIds.length)
    await trx
      .selectFrom('inspection_registrations')
      .select('id')
      .where('id', 'in', [...registrationIds])
      .orderBy('id')
      .forUpdate()
      .execute();
  if (taskIds.length)
    await trx
      .selectFrom('inspection_tasks')
      .select('id')
      .where('id', 'in', [...taskIds])
      .orderBy('id')
      .forUpdate()
      .execute();
}

/** The state of each source of the proposal: registration number and status, or task number and status. */
export const sourceStates = (trx: Db, proposalId: number) =>
  trx
    .selectFrom('merge_proposal_sources as ps')
    .leftJoin('inspection_registrations as r', 'r.id', 'ps.registration_id')
    .leftJoin('inspection_tasks as t', 't.id', 'ps.task_id')
    .select(['r.registration_no', 'r.status as r_status', 't.task_no', 't.status as t_status'])
    .where('ps.proposal_id', '=', proposalId)
    .execute();

export const findParty = (trx: Db, proposalId: number, departmentId: number) =>
  trx
    .selectFrom('merge_proposal_parties')
    .select(['role', 'answer'])
    .where('proposal_id', '=', proposalId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();

export async function recordPartyAnswer(
  trx: Db,
  proposalId: number,
  departmentId: number,
  a: { answer: PartyAnswer; reason: string | null; items: RegisteredItem[]; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('merge_proposal_parties')
    .set({ answer: a.answer, reason: a.reason, items: JSON.stringify(a.items), answered_by: a.by, answered_at: a.at })
    .where('proposal_id', '=', proposalId)
    .where('department_id', '=', departmentId)
    .execute();
}

export const partyAnswers = (trx: Db, proposalId: number) =>
  trx
    .selectFrom('merge_proposal_parties')
    .select(['department_id', 'answer'])
    .where('proposal_id', '=', proposalId)
    .execute();

/** The invited departments with the items they bring. */
export const invitedParties = (trx: Db, proposalId: number) =>
  trx
    .selectFrom('merge_proposal_parties')
    .select(['department_id', 'items'])
    .where('proposal_id', '=', proposalId)
    .where('role', '=', '受邀')
    .orderBy('department_id')
    .execute();

export async function departmentName(trx: Db, departmentId: number): Promise<string> {
  const row = await trx
    .selectFrom('departments')
    .select('name')
    .where('id', '=', departmentId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/** The items of the tasks, by department and code. */
export const itemsOfTasks = (trx: Db, taskIds: readonly number[]) =>
  trx
    .selectFrom('inspection_task_items')
    .select(['department_id', 'item_code', 'item_name'])
    .where('task_id', 'in', [...taskIds])
    .orderBy('department_id')
    .orderBy('item_code')
    .execute();

/** The inspectors on the tasks, by inspector. */
export const inspectorsOfTasks = (trx: Db, taskIds: readonly number[]) =>
  trx
    .selectFrom('inspection_task_inspectors')
    .select(['inspector_id', 'department_id'])
    .where('task_id', 'in', [...taskIds])
    .orderBy('inspector_id')
    .execute();

/** The tasks' numbers, statuses and whether each counts against the routine-visit cap, by id. */
export async function tasksForMerge(trx: Db, taskIds: readonly number[]) {
  if (taskIds.length === 0) return [];
  return trx
    .selectFrom('inspection_tasks')
    .select(['id', 'task_no', 'status', 'routine'])
    .where('id', 'in', [...taskIds])
    .orderBy('id')
    .execute();
}

export async function registrationsForMerge(trx: Db, registrationIds: readonly number[]) {
  if (registrationIds.length === 0) return [];
  return trx
    .selectFrom('inspection_registrations')
    .select(['registration_no', 'department_id', 'kind', 'items', 'inspector_ids'])
    .where('id', 'in', [...registrationIds])
    .orderBy('id')
    .execute();
}

export async function markRegistrationsMerged(
  trx: Db,
  registrationIds: readonly number[],
  taskId: number,
  now: Date,
): Promise<void> {
  if (registrationIds.length === 0) return;
  await trx
    .updateTable('inspection_registrations')
    .set({ status: '已合并', merged_task_id: taskId, task_id: taskId, updated_at: now })
    .where('id', 'in', [...registrationIds])
    .execute();
}

export async function markProposalMerged(trx: Db, proposalId: number, taskId: number, now: Date): Promise<void> {
  await trx
    .updateTable('merge_proposals')
    .set({ status: '已合并', merged_task_id: taskId, updated_at: now })
    .where('id', '=', proposalId)
    .execute();
}

/** Ends a proposal without a merged task. */
export async function closeProposal(
  trx: Db,
  proposalId: number,
  status: '未合并' | '已失效',
  outcome: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('merge_proposals')
    .set({ status, outcome, updated_at: now })
    .where('id', '=', proposalId)
    .execute();
}

/** Other open proposals on any of the sources become 已失效 with `outcome`; returns their numbers. */
export async function expireProposalsOn(
  trx: Db,
  exceptId: number,
  sources: { registrationIds: readonly number[]; taskIds: readonly number[] },
  outcome: string,
  now: Date,
): Promise<string[]> {
  const rows = await trx
    .updateTable('merge_proposals')
    .set({ status: '已失效', outcome, updated_at: now })
    .where('status', '=', '待答复')
    .where('id', '!=', exceptId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('merge_proposal_sources as ps')
          .select('ps.proposal_id')
          .whereRef('ps.proposal_id', '=', 'merge_proposals.id')
          .where((w) =>
            w.or([
              ...(sources.registrationIds.length ? [w('ps.registration_id', 'in', [...sources.registrationIds])] : []),
              ...(sources.taskIds.length ? [w('ps.task_id', 'in', [...sources.taskIds])] : []),
              sql<boolean>`false`,
            ]),
          ),
      ),
    )
    .returning('proposal_no')
    .execute();
  return rows.map((r) => r.proposal_no);
}
