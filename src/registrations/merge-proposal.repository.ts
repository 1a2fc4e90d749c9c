import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { MergeProposalPartyTable, MergeProposalSourceTable, MergeProposalTable } from './visit-matching.table';

/** One matching at a time: two concurrent runs would propose the same match twice. */
export async function lockMatching(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(20261124, 11)`.execute(trx);
}

export const subjectOf = (trx: Db, subjectId: number) =>
  trx.selectFrom('subjects').select(['uscc', 'name']).where('id', '=', subjectId).executeTakeFirstOrThrow();

/** A proposal with its sources and parties; returns its id. */
export async function insertProposal(
  trx: Db,
  proposal: Insertable<MergeProposalTable>,
  sources: Omit<Insertable<MergeProposalSourceTable>, 'proposal_id'>[],
  parties: Omit<Insertable<MergeProposalPartyTable>, 'proposal_id'>[],
): Promise<number> {
  const { id } = await trx.insertInto('merge_proposals').values(proposal).returning('id').executeTakeFirstOrThrow();
  await trx
    .insertInto('merge_proposal_sources')
    .values(sources.map((s) => ({ ...s, proposal_id: id })))
    .execute();
  await trx
    .insertInto('merge_proposal_parties')
    .values(parties.map((p) => ({ ...p, proposal_id: id })))
    .execute();
  return Number(id);
}

/** The registration with its subject's name and whitelisting, as a tag invitation needs it. */
export const registrationForInvitation = (trx: Db, registrationId: number) =>
  trx
    .selectFrom('inspection_registrations as r')
    .innerJoin('subjects as s', 's.id', 'r.subject_id')
    .select([
      'r.id',
      'r.registration_no',
      'r.department_id',
      'r.subject_id',
      'r.uscc',
      's.name',
      's.whitelisted',
      'r.year',
      'r.window_from',
      'r.window_to',
      'r.status',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirstOrThrow();

/** The subject's tags valid on `today` of departments other than `departmentId`. */
export const otherDepartmentsTags = (trx: Db, subjectId: number, departmentId: number, today: string) =>
  trx
    .selectFrom('subject_tags as st')
    .innerJoin('tags as t', 't.id', 'st.tag_id')
    .select(['t.department_id', 't.name'])
    .where('st.subject_id', '=', subjectId)
    .where('t.department_id', '!=', departmentId)
    .where('t.valid_from', '<=', today)
    .where((eb) => eb.or([eb('t.valid_to', 'is', null), eb('t.valid_to', '>=', today)]))
    .execute();

/** The departments of the open proposals the registration is a source of. */
export async function departmentsInOpenProposals(trx: Db, registrationId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('merge_proposal_sources as ps')
    .innerJoin('merge_proposals as p', 'p.id', 'ps.proposal_id')
    .innerJoin('merge_proposal_parties as pp', 'pp.proposal_id', 'p.id')
    .select('pp.department_id')
    .where('ps.registration_id', '=', registrationId)
    .where('p.status', '=', '待答复')
    .execute();
  return rows.map((r) => r.department_id);
}

/** Locks the open proposals the registration is a source of, in id order. */
export async function lockOpenProposalsOf(trx: Db, registrationId: number): Promise<void> {
  await trx
    .selectFrom('merge_proposals')
    .select('id')
    .where('status', '=', '待答复')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('merge_proposal_sources as ps')
          .select('ps.proposal_id')
          .whereRef('ps.proposal_id', '=', 'merge_proposals.id')
          .where('ps.registration_id', '=', registrationId),
      ),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** The open proposals the registration is a source of become 已失效 with `outcome`; returns their numbers. */
export async function lapseOpenProposalsOf(
  trx: Db,
  registrationId: number,
  outcome: string,
  now: Date,
): Promise<string[]> {
  const rows = await trx
    .updateTable('merge_proposals')
    .set({ status: '已失效', outcome, updated_at: now })
    .where('status', '=', '待答复')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('merge_proposal_sources as ps')
          .select('ps.proposal_id')
          .whereRef('ps.proposal_id', '=', 'merge_proposals.id')
          .where('ps.registration_id', '=', registrationId),
      ),
    )
    .returning('proposal_no')
    .execute();
  return rows.map((r) => r.proposal_no);
}
