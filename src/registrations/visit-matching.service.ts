import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { nextYearNumber } from './registration.repository';
import { matchVisits } from './visit-matching';
import {
  existingMatchKeys,
  findProposal,
  findProposals,
  loadMatchableVisits,
  refIds,
} from './visit-matching.repository';
import type { ProposalQuery, ProposalView } from './visit-matching.schemas';
import {
  departmentsInOpenProposals,
  insertProposal,
  lockMatching,
  otherDepartmentsTags,
  registrationForInvitation,
  subjectOf,
} from './merge-proposal.repository';

export interface MatchContext {
  trx: Db;
  deps: AppDeps;
  now: Date;
  who: AuditSubject;
}

/**
 * Proposes one merged visit for every new match among the year's matchable visits (of the given
 * subjects, or all). Idempotent: a match already proposed (same visits, whatever its answer) is
 * not proposed again, and visits in an open or merged proposal are not matched again.
 */
export async function proposeMatches(
  ctx: MatchContext,
  year: number,
  subjectIds: readonly number[] | null,
): Promise<number[]> {
  const matches = matchVisits(await loadMatchableVisits(ctx.trx, year, subjectIds));
  const known = await existingMatchKeys(
    ctx.trx,
    matches.map((m) => m.key),
  );
  const created: number[] = [];
  for (const match of matches.filter((m) => !known.has(m.key))) {
    const { registrationIds, taskIds } = refIds(match.refs);
    const subject = await subjectOf(ctx.trx, match.subjectId);
    const proposalNo = await nextYearNumber(ctx.trx, 'merge_proposals', `HBJY${year}-`);
    const id = await insertProposal(
      ctx.trx,
      {
        proposal_no: proposalNo,
        kind: '重叠',
        match_key: match.key,
        subject_id: match.subjectId,
        uscc: subject.uscc,
        year,
        window_from: match.window.from,
        window_to: match.window.to,
        status: '待答复',
        outcome: null,
        merged_task_id: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      [
        ...registrationIds.map((r) => ({ registration_id: r, task_id: null })),
        ...taskIds.map((t) => ({ registration_id: null, task_id: t })),
      ],
      match.departmentIds.map((d) => ({
        department_id: d,
        role: '来源' as const,
        answer: null,
        reason: null,
        items: '[]',
        answered_by: null,
        answered_at: null,
      })),
    );
    await recordAudit(ctx.trx, ctx.deps.config.auditHash, ctx.now, ctx.who, {
      action: 'merge.propose',
      entityType: 'merge_proposal',
      entityId: proposalNo,
      summary: `自动匹配：${subject.name}（${subject.uscc}）${match.departmentIds.length} 个部门的检查期重叠，建议 ${match.window.from} 至 ${match.window.to} 联合入企`,
      after: { proposalNo, refs: match.refs, departmentIds: match.departmentIds, window: match.window },
    });
    created.push(id);
  }
  return created;
}

/**
 * Tag intersections (标签化管理, 《关于深入推进跨部门综合监管的实施意见》（十一）): when a registered subject carries active tags of
 * other departments, those departments are invited to join the visit. Not for whitelisted subjects
 * (joining would be a proactive visit), nor departments already planning a visit of their own.
 */
export async function inviteByTags(ctx: MatchContext, registrationId: number, actor: Actor): Promise<number | null> {
  const reg = await registrationForInvitation(ctx.trx, registrationId);
  if (reg.whitelisted || reg.status !== '有效') return null;
  const today = chinaDate(ctx.now);
  const tagged = await otherDepartmentsTags(ctx.trx, reg.subject_id, reg.department_id, today);
  const planning = new Set(
    (await loadMatchableVisits(ctx.trx, reg.year, [reg.subject_id]))
      .filter((v) => v.from <= reg.window_to && v.to >= reg.window_from)
      .flatMap((v) => v.departmentIds),
  );
  for (const d of await departmentsInOpenProposals(ctx.trx, reg.id)) planning.add(d);
  const invited = [...new Set(tagged.map((t) => t.department_id))]
    .filter((d) => !planning.has(d))
    .sort((a, b) => a - b);
  const key = `标签:r${reg.id}`;
  if (invited.length === 0 || (await existingMatchKeys(ctx.trx, [key])).size > 0) return null;
  const proposalNo = await nextYearNumber(ctx.trx, 'merge_proposals', `HBJY${reg.year}-`);
  const id = await insertProposal(
    ctx.trx,
    {
      proposal_no: proposalNo,
      kind: '标签',
      match_key: key,
      subject_id: reg.subject_id,
      uscc: reg.uscc,
      year: reg.year,
      window_from: reg.window_from,
      window_to: reg.window_to,
      status: '待答复',
      outcome: null,
      merged_task_id: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    },
    [{ registration_id: reg.id, task_id: null }],
    [
      // The registering department asked for the visit: its acceptance is the registration itself.
      {
        department_id: reg.department_id,
        role: '来源',
        answer: '接受',
        reason: null,
        items: '[]',
        answered_by: actor.userId,
        answered_at: ctx.now,
      },
      ...invited.map((d) => ({
        department_id: d,
        role: '受邀' as const,
        answer: null,
        reason: null,
        items: '[]',
        answered_by: null,
        answered_at: null,
      })),
    ],
  );
  const tagNames = [...new Set(tagged.filter((t) => invited.includes(t.department_id)).map((t) => t.name))];
  await recordAudit(ctx.trx, ctx.deps.config.auditHash, ctx.now, ctx.who, {
    action: 'merge.invite',
    entityType: 'merge_proposal',
    entityId: proposalNo,
    summary: `标签交集：${reg.name}（${reg.uscc}）带有其他部门的标签（${tagNames.join('、')}），邀请 ${invited.length} 个部门随登记 ${reg.registration_no} 联合入企`,
    after: { proposalNo, registrationNo: reg.registration_no, invitedDepartmentIds: invited },
  });
  return id;
}

/** Matching on demand for a year (all subjects). */
export async function matchYear(
  deps: AppDeps,
  actor: Actor | null,
  year: number,
): Promise<{ year: number; proposed: ProposalView[] }> {
  requirePermission(actor, 'plan:registration:write');
  const ids = await deps.db.transaction().execute(async (trx) => {
    await lockMatching(trx);
    return proposeMatches({ trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) }, year, null);
  });
  return { year, proposed: await findProposal(deps.db, { ids }) };
}

export async function listProposals(
  deps: AppDeps,
  actor: Actor | null,
  query: ProposalQuery,
): Promise<Page<ProposalView>> {
  requirePermission(actor, 'plan:registration:read');
  const scopeDepartmentId = scopeOf(actor, 'plan:registration:read') === 'all' ? null : actor.departmentId;
  return findProposals(deps.db, { ...query, scopeDepartmentId });
}

export async function getProposal(deps: AppDeps, actor: Actor | null, proposalNo: string): Promise<ProposalView> {
  requirePermission(actor, 'plan:registration:read');
  const [proposal] = await findProposal(deps.db, { proposalNo });
  const own =
    proposal &&
    (scopeOf(actor, 'plan:registration:read') === 'all' ||
      proposal.parties.some((p) => p.department.id === actor.departmentId));
  if (!proposal || !own) throw notFound(`合并入企建议 ${proposalNo} `);
  return proposal;
}
