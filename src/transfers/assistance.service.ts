import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { proposeMatches } from '../registrations/visit-matching.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createTask } from '../tasks/task-create';
import { assistanceLink } from './assistance-links';
import { departmentItems, insertRequest, lockRequest, updateRequest } from './assistance.repository';
import type { AssistanceInput, AssistanceTaskInput } from './assistance.schemas';
import { requireActingDepartment, requireParty } from './transfer-access';
import { findDepartment, findSubject } from './transfer-common.repository';
import { nextNumber } from './transfer-number.repository';
import { dueAfterWorkingDays, recordStep, tell, type TransferWrite } from './transfer-write';
import type { AssistanceRequestTable, AssistanceStatus } from './transfer.table';

type Row = Omit<AssistanceRequestTable, 'id'> & { id: number };

/** 提出协查请求: the requested department is told what is asked and by when. */
export async function requestAssistance(
  deps: AppDeps,
  actor: Actor | null,
  input: AssistanceInput,
): Promise<{ requestNo: string }> {
  requirePermission(actor, 'transfer:write');
  if (input.requestedDepartmentId === actor.departmentId)
    throw new AppError('VALIDATION', '不能向本部门提出协查请求', [
      { field: 'requestedDepartmentId', message: '请选择其他部门' },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const w: TransferWrite = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
    const requested = await findDepartment(trx, input.requestedDepartmentId);
    if (!requested)
      throw new AppError('VALIDATION', '被请求部门不存在', [{ field: 'requestedDepartmentId', message: '部门不存在' }]);
    const subject = input.subjectId ? await findSubject(trx, input.subjectId) : null;
    if (input.subjectId && !subject)
      throw new AppError('VALIDATION', '检查对象不存在', [{ field: 'subjectId', message: '检查对象不存在' }]);
    const dueOn = await dueAfterWorkingDays(w, input.dueDays);
    const requestNo = await nextNumber(trx, 'assistance_requests', chinaDate(w.now).slice(0, 4));
    const id = await insertRequest(trx, {
      request_no: requestNo,
      kind: input.kind,
      requesting_department_id: actor.departmentId,
      requested_department_id: input.requestedDepartmentId,
      help: input.help,
      legal_ground: input.legalGround,
      subject_id: subject ? Number(subject.id) : null,
      subject_name: subject?.name ?? '',
      due_on: dueOn,
      status: '待受理',
      created_by: actor.userId,
      created_by_name: actor.name,
      created_at: w.now,
      updated_at: w.now,
    });
    await recordStep(
      w,
      { type: '协查', id, departmentId: actor.departmentId },
      { action: '提出请求', note: `请求${requested.name}：${input.help}；应于 ${dueOn} 前办结` },
    );
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'assistance.create',
      entityType: 'assistance_request',
      entityId: requestNo,
      summary: `${input.kind} ${requestNo}：${actor.departmentName}请求${requested.name}协助${subject ? `（${subject.name}）` : ''}`,
      after: {
        kind: input.kind,
        requestedDepartmentId: input.requestedDepartmentId,
        help: input.help,
        legalGround: input.legalGround,
        subjectId: input.subjectId ?? null,
        dueOn,
      },
    });
    await tell(w, [input.requestedDepartmentId], 'handlers', {
      kind: 'assistance_received',
      title: `${input.kind}请求：${requestNo}`,
      body: `${actor.departmentName}请求本部门协助：${input.help.slice(0, 60)}。请于 ${dueOn} 前答复。`,
      link: assistanceLink(requestNo),
    });
    return { requestNo };
  });
}

/** One step by the requested department on a locked request. */
async function step(
  deps: AppDeps,
  actor: Actor | null,
  requestNo: string,
  from: readonly AssistanceStatus[],
  refusal: string,
  apply: (w: TransferWrite, r: Row) => Promise<void>,
): Promise<void> {
  const what = `协查请求 ${requestNo} `;
  await deps.db.transaction().execute(async (trx) => {
    const r = (await lockRequest(trx, requestNo)) as Row | undefined;
    if (!r) throw notFound(what);
    requireParty(actor, what, [Number(r.requesting_department_id), Number(r.requested_department_id)]);
    requireActingDepartment(actor, Number(r.requested_department_id), '只有被请求部门可以办理协查请求');
    if (!from.includes(r.status)) throw new AppError('CONFLICT', `${refusal}（当前状态：${r.status}）`);
    await apply({ trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) }, { ...r, id: Number(r.id) });
  });
}

const toRequester = (w: TransferWrite, r: Row, title: string, body: string) =>
  tell(w, [Number(r.requesting_department_id)], 'readers', {
    kind: 'assistance_answered',
    title: `${r.request_no}：${title}`,
    body,
    link: assistanceLink(r.request_no),
  });

const audit = <T extends Record<string, unknown>>(
  r: Row,
  action: 'assistance.accept' | 'assistance.answer' | 'assistance.decline' | 'assistance.task',
  summary: string,
  after: T,
) => ({
  action,
  entityType: 'assistance_request' as const,
  entityId: r.request_no,
  summary: `${r.kind} ${r.request_no}：${summary}`,
  before: { status: r.status },
  after,
});

export const acceptAssistance = (deps: AppDeps, actor: Actor | null, requestNo: string) =>
  step(deps, actor, requestNo, ['待受理'], '只有待受理的协查请求可以受理', async (w, r) => {
    await updateRequest(w.trx, r.id, { status: '办理中', updated_at: w.now });
    await recordStep(
      w,
      { type: '协查', id: r.id, departmentId: Number(r.requested_department_id) },
      { action: '受理', note: '' },
    );
    await recordAudit(
      w.trx,
      w.deps.config.auditHash,
      w.now,
      w.who,
      audit(r, 'assistance.accept', '受理', { status: '办理中' }),
    );
    await toRequester(w, r, '已受理', `${r.kind} ${r.request_no} 已受理，应于 ${r.due_on} 前答复。`);
  });

/** 答复: the materials or opinion asked for (attachments go with it); the requester is told. */
export const answerAssistance = (deps: AppDeps, actor: Actor | null, requestNo: string, answer: string) =>
  step(deps, actor, requestNo, ['待受理', '办理中'], '该协查请求已办结', async (w, r) => {
    await updateRequest(w.trx, r.id, { status: '已答复', answer, answered_at: w.now, updated_at: w.now });
    await recordStep(
      w,
      { type: '协查', id: r.id, departmentId: Number(r.requested_department_id) },
      { action: '答复', note: answer },
    );
    await recordAudit(
      w.trx,
      w.deps.config.auditHash,
      w.now,
      w.who,
      audit(r, 'assistance.answer', '答复', { status: '已答复', answer }),
    );
    await toRequester(w, r, '已答复', `被请求部门已答复${r.kind} ${r.request_no}：${answer.slice(0, 80)}`);
  });

export const declineAssistance = (deps: AppDeps, actor: Actor | null, requestNo: string, reason: string) =>
  step(deps, actor, requestNo, ['待受理', '办理中'], '该协查请求已办结', async (w, r) => {
    await updateRequest(w.trx, r.id, {
      status: '已拒绝',
      declined_reason: reason,
      answered_at: w.now,
      updated_at: w.now,
    });
    await recordStep(
      w,
      { type: '协查', id: r.id, departmentId: Number(r.requested_department_id) },
      { action: '拒绝', note: reason },
    );
    await recordAudit(
      w.trx,
      w.deps.config.auditHash,
      w.now,
      w.who,
      audit(r, 'assistance.decline', `拒绝：${reason}`, { status: '已拒绝', reason }),
    );
    await toRequester(w, r, '被拒绝', `被请求部门拒绝了${r.kind} ${r.request_no}，理由：${reason}`);
  });

/**
 * 现场协查: a 协查 task of the requested department on the request's subject, through the task pipeline, then
 * matched with other departments' planned visits of the subject (进一次门、查多项事). The request is 办理中.
 */
export const createAssistanceTask = (
  deps: AppDeps,
  actor: Actor | null,
  requestNo: string,
  input: AssistanceTaskInput,
) =>
  step(deps, actor, requestNo, ['待受理', '办理中'], '该协查请求已办结', async (w, r) => {
    if (r.subject_id === null) throw new AppError('CONFLICT', '协查请求没有指明检查对象，不能安排现场核查');
    if (r.task_id !== null) throw new AppError('CONFLICT', '该协查请求已安排现场核查任务');
    const departmentId = Number(r.requested_department_id);
    const items = await departmentItems(w.trx, departmentId, input.itemCodes);
    const unknown = input.itemCodes.filter((c) => !items.some((i) => i.code === c));
    if (unknown.length > 0)
      throw new AppError('VALIDATION', '检查事项不属于本部门', [
        { field: 'itemCodes', message: `本部门没有检查事项 ${unknown.join('、')}` },
      ]);
    const task = await createTask(w, {
      source: '协查',
      subjectId: Number(r.subject_id),
      window: input.window,
      departments: [{ departmentId, items }],
      routine: false,
      origin: `${r.kind} ${r.request_no}`,
    });
    await updateRequest(w.trx, r.id, { status: '办理中', task_id: task.id, updated_at: w.now });
    await proposeMatches(w, Number(input.window.from.slice(0, 4)), [Number(r.subject_id)]);
    await recordStep(
      w,
      { type: '协查', id: r.id, departmentId },
      { action: '安排现场核查', note: `检查任务 ${task.taskNo}，检查期 ${input.window.from} 至 ${input.window.to}` },
    );
    await recordAudit(
      w.trx,
      w.deps.config.auditHash,
      w.now,
      w.who,
      audit(r, 'assistance.task', `安排现场核查任务 ${task.taskNo}`, {
        status: '办理中',
        taskNo: task.taskNo,
        window: input.window,
        itemCodes: input.itemCodes,
      }),
    );
    await toRequester(
      w,
      r,
      '安排现场核查',
      `被请求部门已为${r.kind} ${r.request_no} 安排现场核查（检查任务 ${task.taskNo}）。`,
    );
  });
