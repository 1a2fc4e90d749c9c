import type { Actor } from '../auth/actor';
import { yearOf } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { recordCreditFromComplaint } from '../credit-records/credit-from-complaints.service';
import { loadRegisterSubjects, sectionOfDivision } from '../draw/draw-frame-lookup.service';
import { subjectInScope } from '../draw/engine/frame';
import { proposeMatches } from '../registrations/visit-matching.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createTask } from '../tasks/task-create';
import type { ComplaintRow, VerificationResult } from './complaint.table';
import { replyDueOn } from './complaint-deadline';
import { itemsInForce } from './complaint-dispatch.repository';
import { complaintForAction } from './complaint-handling-access';
import { departmentName, findMatter, verificationTaskState } from './complaint-handling.repository';
import { asUser } from './complaint-handling.service';
import { applyStep, type ComplaintWrite } from './complaint-handling-step';

/** The department's sampling items in force that cover the complaint's subject (those of the 投诉核查 task). */
async function coveringItems(trx: Db, c: ComplaintRow) {
  if (c.subject_id === null || c.department_id === null) return [];
  const [subject] = await loadRegisterSubjects(trx, [Number(c.subject_id)]);
  const items = await itemsInForce(trx, Number(c.department_id));
  const sections = sectionOfDivision();
  return items.filter((i) => subject !== undefined && subjectInScope(subject, i.scope, sections));
}

/** The items the department may check on site (for the task dialog). */
export async function verificationItems(deps: AppDeps, actor: Actor | null, ticketNo: string) {
  return deps.db.transaction().execute(async (trx) => {
    const c = await complaintForAction(trx, actor, 'complaint:write', ticketNo);
    return (await coveringItems(trx, c)).map((i) => ({ code: i.code, name: i.name }));
  });
}

/**
 * 现场核查: the department creates a 投诉核查 task through the task pipeline (its items covering the subject, chosen
 * or the first two; from the next working day to the 核查 deadline), which the automatic matching then proposes
 * to merge with other departments' planned visits of the subject (进一次门、查多项事). The complaint records the task.
 */
export async function createVerificationTask(
  deps: AppDeps,
  actor: Actor | null,
  ticketNo: string,
  input: { itemCodes: string[] },
): Promise<{ taskNo: string }> {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return asUser(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:write', ticketNo);
    if (c.status !== '核查中')
      throw new AppError('CONFLICT', `投诉举报 ${c.ticket_no} 当前为“${c.status}”，受理后才能安排现场核查`);
    if (c.task_id !== null) throw new AppError('CONFLICT', `投诉举报 ${c.ticket_no} 已有核查任务`);
    if (c.subject_id === null)
      throw new AppError('CONFLICT', '被投诉对象不在监管对象名录库中，不能生成检查任务，请非现场核查或先登记对象');
    const covering = await coveringItems(w.trx, c);
    const chosen = input.itemCodes.length
      ? input.itemCodes.map((code) => {
          const item = covering.find((i) => i.code === code);
          if (!item)
            throw new AppError('VALIDATION', '检查事项不适用', [
              { field: 'itemCodes', message: `${code} 不是本部门适用于该对象的随机抽查事项` },
            ]);
          return item;
        })
      : covering.slice(0, 2);
    if (chosen.length === 0)
      throw new AppError('CONFLICT', '本部门没有适用于该对象的检查事项，请非现场核查，或在事项清单中增加后再安排');
    const cal = await workCalendar(w.trx);
    const from = cal.addWorkingDays(chinaDate(w.now), 1);
    const to = c.verify_due && c.verify_due >= from ? c.verify_due : cal.addWorkingDays(from, 5);
    const task = await createTask(w, {
      source: '投诉核查',
      subjectId: Number(c.subject_id),
      window: { from, to },
      departments: [
        { departmentId: Number(c.department_id), items: chosen.map((i) => ({ code: i.code, name: i.name })) },
      ],
      routine: false,
      origin: `投诉举报 ${c.ticket_no}`,
    });
    await applyStep(w, c, {
      action: 'complaint.verification_task',
      transition: null,
      label: '安排现场核查',
      patch: { task_id: task.id, verification_method: '现场核查' },
      note: `检查任务 ${task.taskNo}（${from} 至 ${to}）`,
      detail: { method: '现场核查', taskNo: task.taskNo },
    });
    await proposeMatches(w, yearOf(from), [Number(c.subject_id)]);
    return { taskNo: task.taskNo };
  });
}

/**
 * 登记核查结果 (属实、部分属实、不属实, with notes): on site once the task is inspected, or off site directly → 待答复,
 * with the 答复 deadline. 属实 or 部分属实 against a subject of the register enters its credit records.
 */
export async function recordVerification(
  deps: AppDeps,
  actor: Actor | null,
  ticketNo: string,
  input: { method: '现场核查' | '非现场核查'; result: VerificationResult; notes: string },
): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  await asUser(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:write', ticketNo);
    if (input.method === '现场核查' && c.task_id === null && c.status === '核查中')
      throw new AppError('CONFLICT', '现场核查须先生成核查任务；不经检查任务的请选择非现场核查');
    if (input.method === '现场核查' && c.task_id !== null) {
      const task = await verificationTaskState(w.trx, c.task_id);
      if (task.status !== '已检查' && task.status !== '已办结')
        throw new AppError(
          'CONFLICT',
          `核查任务 ${task.task_no} 当前为“${task.status}”，检查完成后才能登记现场核查结果`,
        );
    }
    if (input.method === '非现场核查' && c.verification_method === '现场核查' && c.status === '核查中')
      throw new AppError('CONFLICT', '已安排现场核查任务，请在检查完成后登记现场核查结果');
    await verify(w, c, input);
  });
}

async function verify(
  w: ComplaintWrite,
  c: ComplaintRow,
  input: { method: '现场核查' | '非现场核查'; result: VerificationResult; notes: string },
) {
  const matter = await findMatter(w.trx, c.matter_code);
  if (!matter) throw new AppError('CONFLICT', `投诉事项 ${c.matter_code} 不存在`);
  const today = chinaDate(w.now);
  const replyDue = replyDueOn(await workCalendar(w.trx), today, matter);
  await applyStep(w, c, {
    action: 'complaint.verify',
    transition: 'verify',
    patch: {
      verified_at: w.now,
      verification_method: input.method,
      verification_result: input.result,
      verification_notes: input.notes,
      reply_due: replyDue,
    },
    note: `${input.method}：${input.result}${input.notes ? `。${input.notes}` : ''}`,
    detail: { method: input.method, result: input.result, replyDue },
  });
  if (input.result === '不属实' || c.subject_id === null || c.department_id === null) return;
  const [subject] = await loadRegisterSubjects(w.trx, [Number(c.subject_id)]);
  if (!subject) return;
  await recordCreditFromComplaint(w, {
    ticketNo: c.ticket_no,
    uscc: subject.uscc,
    subjectName: c.subject_name,
    departmentId: Number(c.department_id),
    departmentName: (await departmentName(w.trx, Number(c.department_id))) ?? '',
    result: input.result,
    notes: input.notes || c.title,
    verifiedOn: today,
  });
}
