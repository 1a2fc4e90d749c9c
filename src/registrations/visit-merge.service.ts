import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { resolveItems } from './registration.repository';
import { kickOutbox } from '../notifications/dispatcher';
import { createTask, type NewTaskDepartment } from '../tasks/task-create';
import { transitionTask } from '../tasks/task-transition';
import type { RegisteredItem } from './registration.table';
import { findProposal } from './visit-matching.repository';
import {
  closeProposal,
  departmentName,
  expireProposalsOn,
  findParty,
  inspectorsOfTasks,
  invitedParties,
  itemsOfTasks,
  lockProposal,
  lockSources,
  markProposalMerged,
  markRegistrationsMerged,
  partyAnswers,
  proposalSources,
  recordPartyAnswer,
  registrationsForMerge,
  sourceStates,
  tasksForMerge,
} from './visit-merge.repository';
import type { AnswerInput, ProposalView } from './visit-matching.schemas';
import type { MatchContext } from './visit-matching.service';

type ProposalRow = {
  id: number;
  proposal_no: string;
  kind: '重叠' | '标签';
  subject_id: number;
  uscc: string;
  year: number;
  window_from: string;
  window_to: string;
  status: string;
};

/** Sources still as proposed: registrations 有效, tasks neither void nor merged. Returns what changed. */
async function staleSources(trx: Db, proposalId: number): Promise<string[]> {
  const rows = await sourceStates(trx, proposalId);
  return rows.flatMap((x) => {
    if (x.registration_no && x.r_status !== '有效') return [`登记 ${x.registration_no} ${x.r_status}`];
    if (x.task_no && x.t_status !== '待发布' && x.t_status !== '已发布') return [`任务 ${x.task_no} ${x.t_status}`];
    return [];
  });
}

/**
 * The joint task (联合入企) of a proposal every department accepted: one 合并 task in the proposal's
 * window with every department's items, created and published through the task lifecycle
 * (src/tasks/task-create.ts). The departments of the absorbed draw tasks keep their inspectors,
 * a registering department keeps those it named, invited departments get theirs by the seeded
 * staffing. The draw tasks it replaces become 已合并 and point at it, the registrations 已合并,
 * other open proposals on them 已失效.
 */
async function createMergedTask(ctx: MatchContext, p: ProposalRow, accepted: Set<number>): Promise<string> {
  const { trx, now } = ctx;
  const { registrationIds, taskIds } = await proposalSources(trx, p.id);
  const departments = new Map<number, NewTaskDepartment>();
  const part = (departmentId: number) => {
    let d = departments.get(departmentId);
    if (!d) departments.set(departmentId, (d = { departmentId, items: [], inspectorIds: [] }));
    return d;
  };
  const codes = new Set<string>();
  const addItem = (departmentId: number, item: { code: string; name: string }) => {
    if (codes.has(item.code)) return;
    codes.add(item.code);
    part(departmentId).items.push(item);
  };
  const absorbed = await tasksForMerge(trx, taskIds);
  let routine = absorbed.some((t) => t.routine);
  if (taskIds.length) {
    for (const it of await itemsOfTasks(trx, taskIds))
      addItem(it.department_id, { code: it.item_code, name: it.item_name });
    for (const ip of await inspectorsOfTasks(trx, taskIds))
      part(ip.department_id).inspectorIds!.push(Number(ip.inspector_id));
  }
  const registrations = await registrationsForMerge(trx, registrationIds);
  for (const r of registrations) {
    for (const it of r.items) addItem(r.department_id, it);
    for (const i of r.inspector_ids)
      if (!part(r.department_id).inspectorIds!.includes(Number(i))) part(r.department_id).inspectorIds!.push(Number(i));
    if (r.kind === '日常检查') routine = true;
  }
  for (const party of await invitedParties(trx, p.id)) {
    if (!accepted.has(party.department_id)) continue;
    for (const it of party.items) addItem(party.department_id, it);
  }
  const origin = [
    `合并入企建议 ${p.proposal_no}`,
    ...absorbed.map((t) => `任务 ${t.task_no}`),
    ...registrations.map((r) => `登记 ${r.registration_no}`),
  ].join('、');
  // A draw task not yet announced keeps the joint task 待发布 until its announcement (publishAnnouncement publishes both).
  const publish = absorbed.every((t) => t.status === '已发布');
  const merged = await createTask(ctx, {
    source: '合并',
    subjectId: p.subject_id,
    window: { from: p.window_from, to: p.window_to },
    departments: [...departments.values()],
    routine,
    origin,
    publish,
  });
  for (const t of absorbed)
    await transitionTask(ctx, Number(t.id), 'merge', { mergedInto: { id: merged.id, taskNo: merged.taskNo } });
  const taskNo = merged.taskNo;
  const taskId = merged.id;
  await markRegistrationsMerged(trx, registrationIds, taskId, now);
  await markProposalMerged(trx, p.id, taskId, now);
  const others = await expireProposalsOn(
    trx,
    p.id,
    { registrationIds, taskIds },
    `其中的登记或任务已并入任务 ${taskNo}`,
    now,
  );
  await recordAudit(trx, ctx.deps.config.auditHash, now, ctx.who, {
    action: 'merge.complete',
    entityType: 'merge_proposal',
    entityId: p.proposal_no,
    summary: `各部门均已接受，生成并发布联合检查任务 ${taskNo}（${departments.size} 个部门、${codes.size} 个事项${merged.unstaffedReason ? `；未能配齐人员：${merged.unstaffedReason}` : ''}），原 ${taskIds.length} 个抽取任务、${registrationIds.length} 条登记已合并${others.length ? `；建议 ${others.join('、')} 失效` : ''}`,
    after: {
      taskNo,
      window: { from: p.window_from, to: p.window_to },
      itemCodes: [...codes],
      unstaffedReason: merged.unstaffedReason,
    },
  });
  return taskNo;
}

async function close(ctx: MatchContext, p: ProposalRow, status: '未合并' | '已失效', outcome: string): Promise<void> {
  await closeProposal(ctx.trx, p.id, status, outcome, ctx.now);
  await recordAudit(ctx.trx, ctx.deps.config.auditHash, ctx.now, ctx.who, {
    action: 'merge.close',
    entityType: 'merge_proposal',
    entityId: p.proposal_no,
    summary: `合并入企建议${status}：${outcome}`,
  });
}

/**
 * A department answers a proposal: 接受 (an invited department names the items it brings) or
 * 拒绝 with a reason. A source department's refusal closes an overlap proposal; once everyone has
 * answered, the accepted departments get one merged task (when at least two remain).
 */
export async function answerProposal(
  deps: AppDeps,
  actor: Actor | null,
  proposalNo: string,
  input: AnswerInput,
): Promise<ProposalView> {
  requirePermission(actor, 'plan:registration:write');
  const departmentId = input.departmentId ?? actor.departmentId;
  requireDepartmentScope(actor, 'plan:registration:write', departmentId);
  if (input.answer === '拒绝' && !input.reason)
    throw new AppError('VALIDATION', '拒绝合并入企须说明理由', [{ field: 'reason', message: '请说明拒绝的理由' }]);
  await deps.db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, proposalNo);
    if (!p) throw notFound(`合并入企建议 ${proposalNo} `);
    // Every row this answer may change is locked now, before the first audit entry takes the audit lock: the
    // proposal, then its registrations, then its tasks (the order confirming a registration uses too).
    const { registrationIds, taskIds } = await proposalSources(trx, p.id);
    await lockSources(trx, registrationIds, taskIds);
    const party = await findParty(trx, p.id, departmentId);
    if (!party) throw notFound(`合并入企建议 ${proposalNo} `);
    if (p.status !== '待答复') throw new AppError('CONFLICT', `合并入企建议 ${proposalNo} ${p.status}，不能再答复`);
    if (party.answer) throw new AppError('CONFLICT', `本部门已于此前答复“${party.answer}”`);
    let items: RegisteredItem[] = [];
    if (input.answer === '接受' && party.role === '受邀') {
      const resolved = await resolveItems(trx, departmentId, input.itemCodes);
      if (resolved.unknown.length)
        throw new AppError('VALIDATION', `检查事项 ${resolved.unknown.join('、')} 不是本部门的事项`, [
          { field: 'itemCodes', message: '含非本部门事项' },
        ]);
      if (resolved.items.length === 0)
        throw new AppError('VALIDATION', '接受邀请须选择本部门参加检查的事项', [
          { field: 'itemCodes', message: '请选择检查事项' },
        ]);
      items = resolved.items;
    }
    const now = deps.clock.now();
    const ctx: MatchContext = { trx, deps, now, who: auditSubjectOf(actor) };
    await recordPartyAnswer(trx, p.id, departmentId, {
      answer: input.answer,
      reason: input.reason || null,
      items,
      by: actor.userId,
      at: now,
    });
    const department = { name: await departmentName(trx, departmentId) };
    await recordAudit(trx, deps.config.auditHash, now, ctx.who, {
      action: input.answer === '接受' ? 'merge.accept' : 'merge.decline',
      entityType: 'merge_proposal',
      entityId: p.proposal_no,
      summary: `${department.name}${input.answer === '接受' ? '接受' : `拒绝（理由：${input.reason}）`}合并入企建议${items.length ? `，参加事项：${items.map((i) => i.name).join('、')}` : ''}`,
      after: { departmentId, answer: input.answer, reason: input.reason || null, itemCodes: items.map((i) => i.code) },
    });
    if (input.answer === '拒绝' && party.role === '来源')
      return close(ctx, p, '未合并', `${department.name}拒绝：${input.reason}`);
    const parties = await partyAnswers(trx, p.id);
    if (parties.some((x) => x.answer === null)) return;
    const stale = await staleSources(trx, p.id);
    if (stale.length) return close(ctx, p, '已失效', stale.join('；'));
    const accepted = new Set(parties.filter((x) => x.answer === '接受').map((x) => x.department_id));
    if (accepted.size < 2) return close(ctx, p, '未合并', '受邀部门均已拒绝，按原登记单独检查');
    await createMergedTask(ctx, p, accepted);
  });
  kickOutbox(deps);
  return (await findProposal(deps.db, { proposalNo }))[0]!;
}
