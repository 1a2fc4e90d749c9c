import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit.service';
import { receiveEvaluationComplaint } from '../complaints/complaint-intake.service';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { EvaluationInput, EvaluationView, Verification } from './notice.schemas';
import { hashQueryCode } from './inspection-code-rules';
import { taskFor } from './notice.service';
import { evaluationGateOf, INVALID, resolveCode, verifyCode } from './notice-verification.service';
import { findTaskId } from './inspection-code.repository';
import { insertEvaluation, listTaskEvaluations, lockTaskForEvaluation } from './inspection-evaluation.repository';

/**
 * The subject's evaluation through the same 检查码 (《黄浦区精准高效协同监管实施办法（试行）》第十七条、第二十五条): of one
 * department's part (or of every part open now), once that department has inspected; each part once.
 */
export async function submitEvaluation(
  deps: AppDeps,
  token: string,
  input: EvaluationInput,
  ip: string | null,
): Promise<Verification> {
  const resolved = await resolveCode(deps, token);
  if (resolved.status === '无效') throw new AppError('VALIDATION', INVALID);
  const gate = await evaluationGateOf(deps, resolved);
  const open = gate.parts.filter((p) => p.state === '可评价');
  let targets = open;
  if (input.departmentId !== undefined) {
    const part = gate.parts.find((p) => p.departmentId === input.departmentId);
    if (!part)
      throw new AppError('VALIDATION', '所选部门不是本次检查的检查部门', [
        { field: 'departmentId', message: '不是本次检查的检查部门' },
      ]);
    if (part.state !== '可评价') throw new AppError('CONFLICT', `${part.name}：${part.reason}`);
    targets = [part];
  }
  if (targets.length === 0) throw new AppError('CONFLICT', gate.reason);
  const now = deps.clock.now();
  const row = resolved.row!;
  const task = resolved.task!;
  // The QR is shown to anyone on site (the inspectors too): the evaluation needs the 查询码 only the subject was given.
  const given = Buffer.from(hashQueryCode(task.subject.uscc, input.queryCode), 'utf8');
  const stored = Buffer.from(row.query_code_hash, 'utf8');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
    throw new AppError(
      'VALIDATION',
      '企业查询码不正确：请填写最近一次收到的企业查询码（区分数字与字母，不含 0、1、I、L、O）；如已遗失，请联系出具告知书的部门重新发放',
      [{ field: 'queryCode', message: '查询码不正确' }],
    );
  }
  const evaluator = { userId: null, name: `检查对象 ${task.subject.uscc}`, departmentId: null, ip };
  await deps.db.transaction().execute(async (trx) => {
    await lockTaskForEvaluation(trx, row.task_id);
    for (const part of targets) {
      const inserted = await insertEvaluation(trx, {
        code_id: row.id,
        task_id: row.task_id,
        department_id: part.departmentId,
        satisfaction: input.satisfaction,
        comments: input.comments,
        complaint: input.complaint,
        complaint_text: input.complaint ? input.complaintText : '',
        submitted_at: now,
      });
      if (inserted === null)
        throw new AppError('CONFLICT', `已收到您对${part.name}检查的评价，每个部门的检查只能评价一次。`);
      // Marked as a complaint: a complaint about this department's inspection, in the same transaction.
      if (input.complaint)
        await receiveEvaluationComplaint(
          { trx, deps, now, who: evaluator },
          {
            evaluationId: inserted,
            taskNo: task.taskNo,
            subject: task.subject,
            departmentId: part.departmentId,
            departmentName: part.name,
            text: input.complaintText,
          },
        );
    }
    const departments = targets.map((p) => p.name);
    await recordAudit(trx, deps.config.auditHash, now, evaluator, {
      action: 'inspection_evaluation.submit',
      entityType: 'inspection_code',
      entityId: row.token_id,
      summary: `检查对象评价检查任务 ${task.taskNo} 中${departments.join('、')}的检查：满意度 ${input.satisfaction} 分${input.complaint ? '，含投诉' : ''}`,
      after: { taskNo: task.taskNo, departments, satisfaction: input.satisfaction, complaint: input.complaint },
    });
  });
  return verifyCode(deps, token);
}

/** The evaluations of a task, for its departments (and the joint office). */
export async function listEvaluations(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<EvaluationView[]> {
  await taskFor(deps, actor, 'task:task:read', taskNo);
  const rows = await listTaskEvaluations(deps.db, await findTaskId(deps.db, taskNo));
  return rows.map((r) => ({
    id: r.id,
    tokenId: r.token_id,
    department: r.department,
    satisfaction: r.satisfaction,
    comments: r.comments,
    complaint: r.complaint,
    complaintText: r.complaint_text,
    submittedAt: r.submitted_at.toISOString(),
  }));
}
