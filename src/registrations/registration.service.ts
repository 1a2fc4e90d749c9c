import { type Actor, requireDepartmentScope, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, type FieldProblem, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { findRegistration, findRegistrations, nextYearNumber, resolveItems } from './registration.repository';
import type { RegistrationInput, RegistrationQuery, RegistrationView } from './registration.schemas';
import { registrationKinds } from './registration.table';
import { checkVisit, isItemBound, isProactive, isRoutine } from './visit-rules';
import { loadSupervisionRules } from '../settings/visit-rules-setting';
import type { Db } from '../db/database';
import { loadSubjectYears } from './visit-rules.repository';
import { namedInspectorProblems, outOfScope } from './registration-scope';
import { findProposal } from './visit-matching.repository';
import type { ProposalView } from './visit-matching.schemas';
import { inviteByTags, type MatchContext, proposeMatches } from './visit-matching.service';
import { lapseOpenProposalsOf, lockMatching } from './merge-proposal.repository';
import {
  departmentInspectorIds,
  insertRegistration,
  lockRegistrationByNo,
  registrationNosOf,
  setRegistrationWithdrawn,
  subjectsByUscc,
} from './registration-write.repository';

export async function ruleSummary(db: Db) {
  const { routineVisitCap, sameItemCap } = await loadSupervisionRules(db);
  return {
    kinds: registrationKinds.map((kind) => ({
      kind,
      proactive: isProactive(kind),
      routine: isRoutine(kind),
      itemBound: isItemBound(kind),
    })),
    routineVisitCap,
    sameItemCap,
  };
}

function refuse(problems: FieldProblem[]): never {
  throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), problems);
}

/**
 * 提前登记 (《关于深入推进跨部门综合监管的实施意见》（十一）): a department registers planned visits to one or more subjects. Every
 * subject must pass the visit rules (visit-rules.ts) or nothing is registered; each registration
 * is then matched with the other departments' visits and tags (合并入企建议).
 */
export async function createRegistrations(
  deps: AppDeps,
  actor: Actor | null,
  input: RegistrationInput,
): Promise<{ registrations: RegistrationView[]; proposals: ProposalView[] }> {
  requirePermission(actor, 'plan:registration:write');
  const departmentId = input.departmentId ?? actor.departmentId;
  requireDepartmentScope(actor, 'plan:registration:write', departmentId);
  const year = Number(input.window.from.slice(0, 4));
  const usccs = [...new Set(input.usccs)];
  const { items, unknown } = await resolveItems(deps.db, departmentId, input.itemCodes);
  if (unknown.length)
    refuse([{ field: 'itemCodes', message: `检查事项 ${unknown.join('、')} 不是本部门的随机抽查事项或监管事项` }]);
  if (input.inspectorIds.length) {
    const own = await departmentInspectorIds(deps.db, departmentId, input.inspectorIds);
    const foreign = input.inspectorIds.filter((id) => !own.includes(id));
    if (foreign.length)
      refuse([{ field: 'inspectorIds', message: `执法检查人员 ${foreign.join('、')} 不是本部门人员` }]);
  }
  const subjects = await subjectsByUscc(deps.db, usccs);
  const missing = usccs.filter((u) => !subjects.some((s) => s.uscc === u));
  if (missing.length)
    refuse([{ field: 'usccs', message: `统一社会信用代码 ${missing.join('、')} 不在监管对象名录库中` }]);
  const closed = subjects.filter((s) => s.status !== '存续');
  if (closed.length)
    refuse(closed.map((s) => ({ field: 'usccs', message: `${s.name}（${s.uscc}）状态为“${s.status}”，不能登记检查` })));
  const unrelated = await outOfScope(deps.db, departmentId, items, subjects);
  if (unrelated.length) refuse(unrelated);
  const unfit = await namedInspectorProblems(deps.db, departmentId, items, input.inspectorIds, subjects, input.window);
  if (unfit.length) refuse(unfit);

  const now = deps.clock.now();
  const { registrationIds, proposalIds } = await deps.db.transaction().execute(async (trx) => {
    // Registrations and matching are serialised: the rules count what is already planned.
    await lockMatching(trx);
    const years = await loadSubjectYears(trx, year, subjects);
    const caps = await loadSupervisionRules(trx);
    const refusals = subjects
      .flatMap((s) => checkVisit(years.get(s.id)!, input.kind, items, caps))
      .map((r) => ({ field: 'usccs', message: r.message }));
    if (refusals.length) refuse(refusals);
    const who = auditSubjectOf(actor);
    const ids: number[] = [];
    for (const subject of [...subjects].sort((a, b) => (a.uscc < b.uscc ? -1 : 1))) {
      const registrationNo = await nextYearNumber(trx, 'inspection_registrations', `DJ${year}-`);
      const id = await insertRegistration(trx, {
        registration_no: registrationNo,
        department_id: departmentId,
        subject_id: subject.id,
        uscc: subject.uscc,
        kind: input.kind,
        year,
        window_from: input.window.from,
        window_to: input.window.to,
        items: JSON.stringify(items),
        inspector_ids: input.inspectorIds,
        note: input.note,
        status: '有效',
        withdraw_reason: null,
        merged_task_id: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, deps.config.auditHash, now, who, {
        action: 'registration.create',
        entityType: 'registration',
        entityId: registrationNo,
        summary: `提前登记${input.kind}：${subject.name}（${subject.uscc}），${input.window.from} 至 ${input.window.to}，事项 ${items.map((i) => i.name).join('、')}`,
        after: {
          registrationNo,
          departmentId,
          uscc: subject.uscc,
          kind: input.kind,
          window: input.window,
          itemCodes: items.map((i) => i.code),
          inspectorIds: input.inspectorIds,
        },
      });
      ids.push(id);
    }
    const ctx: MatchContext = { trx, deps, now, who };
    const proposed = await proposeMatches(
      ctx,
      year,
      subjects.map((s) => s.id),
    );
    for (const id of ids) {
      const invitation = await inviteByTags(ctx, id, actor);
      if (invitation) proposed.push(invitation);
    }
    return { registrationIds: ids, proposalIds: proposed };
  });
  const numbers = await registrationNosOf(deps.db, registrationIds);
  const registrations = await Promise.all(numbers.map(async (no) => (await findRegistration(deps.db, no))!));
  return { registrations, proposals: await findProposal(deps.db, { ids: proposalIds }) };
}

export async function listRegistrations(
  deps: AppDeps,
  actor: Actor | null,
  query: RegistrationQuery,
): Promise<Page<RegistrationView>> {
  requirePermission(actor, 'plan:registration:read');
  const scopeDepartmentId = scopeOf(actor, 'plan:registration:read') === 'all' ? null : actor.departmentId;
  return findRegistrations(deps.db, { ...query, scopeDepartmentId });
}

export async function getRegistration(
  deps: AppDeps,
  actor: Actor | null,
  registrationNo: string,
): Promise<RegistrationView> {
  requirePermission(actor, 'plan:registration:read');
  const found = await findRegistration(deps.db, registrationNo);
  if (!found || (scopeOf(actor, 'plan:registration:read') !== 'all' && found.department.id !== actor.departmentId))
    throw notFound(`登记 ${registrationNo} `);
  return found;
}

/** A registration is withdrawn with a reason and kept; open proposals on it lapse. */
export async function withdrawRegistration(
  deps: AppDeps,
  actor: Actor | null,
  registrationNo: string,
  reason: string,
): Promise<RegistrationView> {
  requirePermission(actor, 'plan:registration:write');
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockRegistrationByNo(trx, registrationNo);
    if (!row) throw notFound(`登记 ${registrationNo} `);
    requireDepartmentScope(actor, 'plan:registration:write', row.department_id);
    if (row.status !== '有效') throw new AppError('CONFLICT', `登记 ${registrationNo} ${row.status}，不能撤回`);
    const now = deps.clock.now();
    await setRegistrationWithdrawn(trx, row.id, reason, now);
    const lapsed = await lapseOpenProposalsOf(trx, row.id, `登记 ${registrationNo} 已撤回：${reason}`, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'registration.withdraw',
      entityType: 'registration',
      entityId: registrationNo,
      summary: `撤回登记（${row.kind}，${row.uscc}），理由：${reason}${lapsed.length ? `；合并入企建议 ${lapsed.join('、')} 失效` : ''}`,
      before: { status: '有效' },
      after: { status: '已撤回', reason },
    });
  });
  return getRegistration(deps, actor, registrationNo);
}
