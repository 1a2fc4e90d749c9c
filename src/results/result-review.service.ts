import { readableTaskHead } from '../tasks/task-access';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { lockTaskHead, type TaskHead } from '../tasks/task-lookup.service';
import { AppError, forbidden } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { TaskTransition } from '../tasks/task-lifecycle';
import { transitionTask } from '../tasks/task-transition';
import type { ReturnInput, ReviewInput, ReviewView } from './result.schemas';
import { notify } from '../notifications/notify';
import { notifyResultsReturned } from '../notifications/task-events';
import { type DepartmentInspection, departmentInspections } from '../inspections/department-inspections';
import { withdrawSubmission } from '../inspections/inspection.service';
import { withdrawOffsiteRecord } from '../inspection-records/offsite-withdrawal.service';
import {
  departmentName,
  findVisitOfTask,
  insertReview,
  isApproved,
  listApprovedDepartments,
  listDepartments,
  listTaskReviews,
} from './result-review.repository';
import { isPublished } from './published-result.repository';
import { entity, publish } from './result-publication.service';

/** The department whose results are reviewed: the admin's own, or any of the task's for the joint office. */
function reviewedDepartment(actor: Actor, head: TaskHead, input: ReviewInput): number {
  const all = scopeOf(actor, 'task:result:approve') === 'all';
  const departmentId = input.departmentId ?? actor.departmentId;
  if (!all && departmentId !== actor.departmentId) throw forbidden('只能审核本部门的检查结果');
  if (!head.departmentIds.includes(departmentId)) {
    if (!all) throw forbidden('本任务没有本部门的检查事项，不能审核');
    throw new AppError('VALIDATION', '本任务没有该部门的检查事项', [
      { field: 'departmentId', message: '不是本任务的部门' },
    ]);
  }
  return departmentId;
}

/** The department's inspection awaiting review (submitted results or an off-site record); refused when there is none or it is approved. */
async function submissionOf(trx: Db, head: TaskHead, departmentId: number): Promise<DepartmentInspection> {
  const [s] = await departmentInspections(trx, [head.id], departmentId);
  if (!s) throw new AppError('CONFLICT', '该部门尚未提交检查结果，不能审核');
  if (await isApproved(trx, head.id, departmentId)) throw new AppError('CONFLICT', '该部门的检查结果已审核通过');
  return s;
}

interface Decision {
  trx: Db;
  actor: Actor;
  head: TaskHead;
  departmentId: number;
  s: DepartmentInspection;
  now: Date;
}

/**
 * The common part of approving and returning: the reviewer's department, the inspection under review,
 * the task row locked (two reviewers deciding at once are serialised, so a result is published once),
 * and the review row (通过 when `reason` is null, else 退回); then `then` in the same transaction.
 */
async function decide(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ReviewInput,
  reason: string | null,
  then: (d: Decision) => Promise<void>,
): Promise<void> {
  requirePermission(actor, 'task:result:approve');
  await deps.db.transaction().execute(async (trx) => {
    const head = await lockTaskHead(trx, taskNo);
    const departmentId = reviewedDepartment(actor, head, input);
    const s = await submissionOf(trx, head, departmentId);
    const now = deps.clock.now();
    await insertReview(trx, {
      task_id: head.id,
      department_id: departmentId,
      decision: reason === null ? '通过' : '退回',
      reason,
      submitted_at: s.submittedAt,
      decided_by: actor.userId,
      decided_by_name: actor.name,
      decided_at: now,
    });
    await then({ trx, actor, head, departmentId, s, now });
  });
}

/**
 * A department admin (the joint office for any department) approves a department's submitted results.
 * When every department of the task has approved, the task becomes 已办结 and its result is published.
 */
export async function approveResults(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ReviewInput,
): Promise<ReviewView> {
  await decide(deps, actor, taskNo, input, null, async ({ trx, actor, head, departmentId, s, now }) => {
    const name = await departmentName(trx, departmentId);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'result.approve',
      entityType: entity,
      entityId: taskNo,
      summary: `${actor.name} 审核通过检查任务 ${taskNo} ${name}的${s.offsite ? '非现场' : ''}检查结果（${s.overall}）`,
      after: { departmentId, decision: '通过', overall: s.overall, offsite: s.offsite },
    });
    const approved = await listApprovedDepartments(trx, head.id);
    if (head.departmentIds.every((d) => approved.some((a) => Number(a.department_id) === d)))
      await publish(deps, trx, actor, head, now);
  });
  return reviewOf(deps, actor, taskNo);
}

/** Where a 已检查 task goes back to when a department's results are returned: 检查中 after a check-in, else 已排期 or 已发布. */
async function reopening(trx: Db, taskId: number): Promise<TaskTransition> {
  const visit = await findVisitOfTask(trx, taskId);
  return visit?.checked_in_at ? 'reopenInProgress' : visit ? 'reopenScheduled' : 'reopenPublished';
}

/** Returns a department's submitted results with a reason: the submission is withdrawn so the inspector can correct and resubmit. */
export async function returnResults(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ReturnInput,
): Promise<ReviewView> {
  await decide(deps, actor, taskNo, input, input.reason, async ({ trx, actor, head, departmentId, s, now }) => {
    // An off-site record is withdrawn so the department can record it again; the audit entry keeps what it said.
    const offsiteRecord = s.offsite ? await withdrawOffsiteRecord(trx, head.id, departmentId) : null;
    if (!s.offsite) await withdrawSubmission(trx, head.id, departmentId);
    if (head.status === '已检查')
      await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, head.id, await reopening(trx, head.id), {
        note: input.reason,
      });
    // Whoever has to correct it is told: the department's inspectors on the task, or whoever recorded the off-site check.
    if (offsiteRecord) {
      await notify(trx, now, {
        userIds: [offsiteRecord.recordedById],
        kind: 'results_returned',
        taskNo,
        link: `/inspection-records?taskNo=${encodeURIComponent(taskNo)}`,
        title: `检查任务 ${taskNo} 的非现场检查被退回`,
        body: `退回理由：${input.reason}。请重新录入非现场检查。`,
      });
    } else {
      await notifyResultsReturned(trx, now, { taskId: head.id, taskNo, departmentId, reason: input.reason });
    }
    const name = await departmentName(trx, departmentId);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'result.return',
      entityType: entity,
      entityId: taskNo,
      summary: `${actor.name} 退回检查任务 ${taskNo} ${name}的${s.offsite ? '非现场' : ''}检查结果，理由：${input.reason}`,
      before: {
        departmentId,
        overall: s.overall,
        offsite: s.offsite,
        submittedAt: s.submittedAt.toISOString(),
        ...(offsiteRecord ? { offsiteRecord } : {}),
      },
      after: { departmentId, decision: '退回', reason: input.reason },
    });
  });
  return reviewOf(deps, actor, taskNo);
}

/** Each department's submission and latest review decision, to anyone who may read the task. */
export async function reviewOf(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<ReviewView> {
  const head = await readableTaskHead(deps.db, actor, taskNo);
  const [departments, submissions, reviews, published] = await Promise.all([
    listDepartments(deps.db, head.departmentIds.length ? head.departmentIds : [0]),
    departmentInspections(deps.db, [head.id]),
    listTaskReviews(deps.db, head.id),
    isPublished(deps.db, head.id),
  ]);
  return {
    taskNo,
    status: head.status,
    published,
    departments: departments.map((d) => {
      const r = reviews.find((x) => Number(x.department_id) === Number(d.id));
      return {
        id: Number(d.id),
        name: d.name,
        submitted: submissions.some((s) => s.departmentId === Number(d.id)),
        offsite: submissions.some((s) => s.departmentId === Number(d.id) && s.offsite),
        decision: r?.decision ?? null,
        reason: r?.reason ?? null,
        decidedBy: r?.decided_by_name ?? null,
        decidedAt: r ? new Date(r.decided_at).toISOString() : null,
      };
    }),
  };
}
