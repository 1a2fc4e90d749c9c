import { readableTask, requireTaskAction } from '../tasks/task-access';
import { randomUUID } from 'node:crypto';
import { type Actor, requirePermission } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { kickOutbox } from '../notifications/dispatcher';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { findTask } from '../tasks/task-lookup.service';
import type { TaskView } from '../tasks/task.schemas';
import type { InspectionCodeRow } from './notice.table';
import { inspectionCodeKey } from './inspection-code-key';
import { signInspectionCode } from './inspection-code-token';
import type { IssuedNotice, NoticeView } from './notice.schemas';
import { beforeVisit, expiryOf, hashQueryCode, newQueryCode, notIssuable, verifyPathOf } from './inspection-code-rules';
import { noticeFactsOf } from './notice-facts.service';
import {
  currentCodeHasQueryCode,
  currentCodeSubject,
  findCurrentCode,
  findTaskId,
  insertCode,
  listTaskCodes,
  lockTaskForCode,
  markCodeRevoked,
} from './inspection-code.repository';
import { departmentNameOf, replaceQueryCodeHash, supersedeQueryCodes } from './query-code.repository';
import { deliverQueryCode, queryCodeIssuesOf, reissueRule, sentToText } from './query-code.service';

function codeViewOf(row: InspectionCodeRow, publicBaseUrl: string | null) {
  return {
    tokenId: row.token_id,
    token: row.token,
    verifyPath: verifyPathOf(row.token),
    verifyUrl: publicBaseUrl ? `${publicBaseUrl}${verifyPathOf(row.token)}` : null,
    issuedAt: row.issued_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokeReason: row.revoke_reason,
  };
}

/** The task if the actor may act on it with `permission` (scope 本部门: the task has an item of the actor's department). */
export async function taskFor(
  deps: AppDeps,
  actor: Actor | null,
  permission: Permission,
  taskNo: string,
): Promise<TaskView> {
  if (permission === 'task:task:read') return readableTask(deps.db, actor, taskNo);
  requirePermission(actor, permission);
  const task = await findTask(deps.db, taskNo);
  if (!task) throw notFound(`检查任务 ${taskNo} `);
  requireTaskAction(
    actor,
    permission,
    task.departments.map((d) => d.id),
  );
  return task;
}

async function noticeOf(deps: AppDeps, actor: Actor, task: TaskView): Promise<NoticeView> {
  const rows = await listTaskCodes(deps.db, await findTaskId(deps.db, task.taskNo));
  const shown = rows[0];
  const issuingDepartment = await departmentNameOf(deps.db, shown?.department_id ?? null);
  const current = shown && !shown.revoked_at ? shown : undefined;
  const rule = reissueRule(actor, task, current, issuingDepartment, deps.clock.now());
  return {
    taskStatus: task.status,
    facts: await noticeFactsOf(deps.db, task),
    code: shown ? codeViewOf(shown, deps.config.publicBaseUrl) : null,
    history: rows.slice(1).map((r) => codeViewOf(r, deps.config.publicBaseUrl)),
    issuingDepartment,
    queryCodes: shown ? await queryCodeIssuesOf(deps.db, shown.id) : [],
    reissue: { allowed: rule.allowed, reason: rule.reason },
  };
}

export async function getNotice(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<NoticeView> {
  const task = await taskFor(deps, actor, 'task:task:read', taskNo);
  return noticeOf(deps, actor!, task);
}

/**
 * Generate the 检查告知书: signs a 检查码 (once; again only after a revocation) and a one-time
 * 查询码 for the enterprise view. A task that already has a current code gets its notice back without a new 查询码.
 */
export async function issueNotice(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<IssuedNotice> {
  requirePermission(actor, 'task:notice:write');
  const task = await taskFor(deps, actor, 'task:notice:write', taskNo);
  if (notIssuable.has(task.status)) {
    throw new AppError(
      'CONFLICT',
      `检查任务 ${taskNo} 状态为“${task.status}”，任务公告发布后（已发布）才能生成检查告知书`,
    );
  }
  const now = deps.clock.now();
  const key = await inspectionCodeKey(deps.db, now);
  let queryCode: string | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const taskRow = await lockTaskForCode(trx, taskNo);
    const current = await findCurrentCode(trx, taskRow.id);
    if (current) return;
    // After the visit a new code would only open another evaluation form: the subject evaluates once, with the code it was given.
    if (!beforeVisit.has(task.status))
      throw new AppError(
        'CONFLICT',
        `检查任务 ${taskNo} 已${task.status === '已办结' ? '办结' : '实施检查'}，不能再签发新的检查码`,
      );
    const tokenId = randomUUID();
    const expiresAt = expiryOf(taskRow.window_to);
    const token = await signInspectionCode(
      {
        jti: tokenId,
        tno: taskNo,
        sub: taskRow.uscc,
        wf: taskRow.window_from,
        wt: taskRow.window_to,
        iat: Math.floor(now.getTime() / 1000),
        exp: Math.floor(expiresAt.getTime() / 1000),
      },
      key.privateKey,
    );
    const code = newQueryCode();
    const codeId = await insertCode(trx, {
      task_id: taskRow.id,
      token_id: tokenId,
      token,
      query_code_hash: hashQueryCode(taskRow.uscc, code),
      issued_at: now,
      issued_by: actor.userId,
      department_id: actor.departmentId,
      expires_at: expiresAt,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    });
    const sentTo = await deliverQueryCode(trx, now, actor, {
      codeId,
      token,
      queryCode: code,
      reissue: false,
      task: { taskNo, window: task.window, uscc: taskRow.uscc },
      departmentName: actor.departmentName,
    });
    queryCode = code;
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection_code.issue',
      entityType: 'inspection_code',
      entityId: tokenId,
      summary: `生成检查任务 ${taskNo}（${task.subject.name}）的检查告知书，签发检查码，有效期至 ${chinaDate(expiresAt)}；企业查询码${sentToText(sentTo)}`,
      after: {
        taskNo,
        tokenId,
        uscc: taskRow.uscc,
        window: { from: taskRow.window_from, to: taskRow.window_to },
        expiresAt: expiresAt.toISOString(),
        queryCodeSentTo: sentTo,
      },
    });
  });
  if (queryCode) kickOutbox(deps);
  return { ...(await noticeOf(deps, actor, task)), queryCode };
}

/**
 * 重新发放企业查询码: the department that issued the notice gives the subject a new 查询码 until the evaluation
 * closes (the old one stops working at once). The new one is shown once and sent to the registered contact; the
 * audit entry says that it was given and where it went, never the code.
 */
export async function reissueQueryCode(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<IssuedNotice> {
  requirePermission(actor, 'task:notice:write');
  const task = await taskFor(deps, actor, 'task:notice:write', taskNo);
  const now = deps.clock.now();
  let queryCode: string | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const taskRow = await lockTaskForCode(trx, taskNo);
    const current = await findCurrentCode(trx, taskRow.id, { lock: true });
    const department = await departmentNameOf(trx, current?.department_id ?? null);
    const rule = reissueRule(actor, task, current, department, now);
    if (!rule.allowed || !current)
      throw rule.forbidden ? forbidden(rule.reason) : new AppError('CONFLICT', rule.reason);
    const code = newQueryCode();
    await replaceQueryCodeHash(trx, current.id, hashQueryCode(taskRow.uscc, code));
    await supersedeQueryCodes(trx, current.id, now);
    const sentTo = await deliverQueryCode(trx, now, actor, {
      codeId: current.id,
      token: current.token,
      queryCode: code,
      reissue: true,
      task: { taskNo, window: task.window, uscc: taskRow.uscc },
      departmentName: department ?? actor.departmentName,
    });
    queryCode = code;
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection_code.reissue_query_code',
      entityType: 'inspection_code',
      entityId: current.token_id,
      summary: `重新发放检查任务 ${taskNo}（${task.subject.name}）的企业查询码，原查询码作废；新查询码${sentToText(sentTo)}`,
      after: { taskNo, tokenId: current.token_id, queryCodeSentTo: sentTo },
    });
  });
  kickOutbox(deps);
  return { ...(await noticeOf(deps, actor, task)), queryCode };
}

/** Revoke the task's current 检查码 with a reason: the verification page then says 已撤销 and gives the reason. */
export async function revokeCode(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  reason: string,
): Promise<NoticeView> {
  requirePermission(actor, 'task:notice:write');
  const task = await taskFor(deps, actor, 'task:notice:write', taskNo);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const current = await findCurrentCode(trx, await findTaskId(trx, taskNo), { lock: true });
    if (!current) throw new AppError('CONFLICT', `检查任务 ${taskNo} 没有有效的检查码可撤销`);
    await markCodeRevoked(trx, current.id, { revoked_at: now, revoked_by: actor.userId, revoke_reason: reason });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection_code.revoke',
      entityType: 'inspection_code',
      entityId: current.token_id,
      summary: `撤销检查任务 ${taskNo}（${task.subject.name}）的检查码：${reason}`,
      before: { revokedAt: null },
      after: { taskNo, revokedAt: now.toISOString(), reason },
    });
  });
  return noticeOf(deps, actor, task);
}

/** Whether `queryCode` is the one printed on a code of this task (the PDF prints it only then). */
export async function queryCodeMatches(deps: AppDeps, taskNo: string, queryCode: string): Promise<boolean> {
  const uscc = await currentCodeSubject(deps.db, taskNo);
  if (uscc === null) return false;
  return currentCodeHasQueryCode(deps.db, taskNo, hashQueryCode(uscc, queryCode));
}
