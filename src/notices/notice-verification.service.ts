import { chinaDate } from '../shared/china-date';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { findTask } from '../tasks/task-lookup.service';
import type { TaskView } from '../tasks/task.schemas';
import type { InspectionCodeRow } from './notice.table';
import { inspectionCodeKey } from './inspection-code-key';
import { readInspectionCode } from './inspection-code-token';
import { departmentInspections } from '../inspections/department-inspections';
import type { CodeStatus, InspectionProgress, Verification } from './notice.schemas';
import { beforeVisit, hashQueryCode, verifyPathOf } from './inspection-code-rules';
import { noticeFactsOf } from './notice-facts.service';
import { findCodeByTokenId, listCodesByQueryCode } from './inspection-code.repository';
import { evaluatedDepartments } from './inspection-evaluation.repository';
import { type DepartmentPart, type Gate, evaluationGate } from './evaluation-parts';

export interface ResolvedCode {
  status: CodeStatus;
  message: string;
  row: InspectionCodeRow | null;
  task: TaskView | null;
  revokeReason: string | null;
}

export const INVALID =
  '检查码无效或已被篡改：平台签名校验未通过，此码不是本平台签发的有效检查码。请勿据此配合检查，可拨打 12345 或联系告知书所列部门核实检查人员身份。';

export async function resolveCode(deps: AppDeps, token: string): Promise<ResolvedCode> {
  const now = deps.clock.now();
  const key = await inspectionCodeKey(deps.db, now);
  const claims = await readInspectionCode(token, key.publicKey);
  const invalid: ResolvedCode = { status: '无效', message: INVALID, row: null, task: null, revokeReason: null };
  if (!claims) return invalid;
  const row = await findCodeByTokenId(deps.db, claims.jti);
  if (!row || row.token !== token) return invalid;
  const task = await findTask(deps.db, claims.tno);
  if (!task) return invalid;
  const voided =
    task.status === '已作废'
      ? '检查任务已因重新抽取而作废'
      : task.status === '已合并'
        ? '检查任务已合并入联合检查任务，以新的检查告知书为准'
        : null;
  if (row.revoked_at || voided) {
    const reason = row.revoke_reason ?? voided;
    return {
      status: '已撤销',
      message: `此检查码已撤销${reason ? `，理由：${reason}` : ''}。请以检查部门重新出具的检查告知书为准。`,
      row,
      task,
      revokeReason: reason,
    };
  }
  if (now.getTime() > claims.exp * 1000 || now.getTime() > row.expires_at.getTime()) {
    return {
      status: '已过期',
      message: `此检查码已于 ${chinaDate(row.expires_at)} 过期（检查期结束后 30 日）。检查码签名真实，但已不能作为当前检查的凭证。`,
      row,
      task,
      revokeReason: null,
    };
  }
  return {
    status: '真实有效',
    message: `检查码真实有效：由平台签发，属于检查任务 ${task.taskNo}，检查期 ${task.window.from} 至 ${task.window.to}。请核对检查人员姓名和执法证号。`,
    row,
    task,
    revokeReason: null,
  };
}

/** Each department of the code's task with its inspection (if any) and whether its part was evaluated. */
async function departmentPartsOf(deps: AppDeps, resolved: ResolvedCode): Promise<DepartmentPart[]> {
  if (!resolved.row || !resolved.task) return [];
  const taskId = resolved.row.task_id;
  const [inspections, evaluated] = await Promise.all([
    departmentInspections(deps.db, [taskId]),
    evaluatedDepartments(deps.db, taskId),
  ]);
  return resolved.task.departments.map((d) => {
    const inspection = inspections.find((i) => i.departmentId === d.id);
    return {
      departmentId: d.id,
      name: d.name,
      inspection: inspection ? { inspectedOn: inspection.inspectedOn, offsite: inspection.offsite } : null,
      evaluated: evaluated.has(d.id),
    };
  });
}

function gateOf(deps: AppDeps, resolved: ResolvedCode, departments: DepartmentPart[]): Gate {
  if (!resolved.row || !resolved.task)
    return { open: false, submitted: false, reason: '检查码无效，不能评价。', parts: [] };
  return evaluationGate({
    codeStatus: resolved.status,
    visitOver: !beforeVisit.has(resolved.task.status),
    windowTo: resolved.task.window.to,
    today: chinaDate(deps.clock.now()),
    closesOn: chinaDate(resolved.row.expires_at),
    departments,
  });
}

/** The state of each department's part of the visit for the subject's evaluation (src/notices/evaluation-parts.ts). */
export async function evaluationGateOf(deps: AppDeps, resolved: ResolvedCode): Promise<Gate> {
  return gateOf(deps, resolved, await departmentPartsOf(deps, resolved));
}

/** Which departments of the task have inspected (public: no result, only that and when). */
const progressOf = (parts: readonly DepartmentPart[]): InspectionProgress =>
  parts.map((p) => ({
    name: p.name,
    inspected: p.inspection !== null,
    inspectedOn: p.inspection?.inspectedOn ?? null,
    offsite: p.inspection?.offsite ?? false,
  }));

/** The public verification (no login): genuine and current, expired, revoked or invalid, with the notice's facts. */
export async function verifyCode(deps: AppDeps, token: string): Promise<Verification> {
  const resolved = await resolveCode(deps, token);
  const parts = await departmentPartsOf(deps, resolved);
  return {
    status: resolved.status,
    message: resolved.message,
    facts: resolved.task ? await noticeFactsOf(deps.db, resolved.task) : null,
    progress: progressOf(parts),
    expiresAt: resolved.row?.expires_at.toISOString() ?? null,
    revokeReason: resolved.revokeReason,
    evaluation: gateOf(deps, resolved, parts),
  };
}

/** Enterprise view: USCC plus the one-time 查询码 printed on the notice open the notice(s) of that task. */
export async function enterpriseNotices(deps: AppDeps, uscc: string, queryCode: string) {
  const rows = await listCodesByQueryCode(deps.db, uscc, hashQueryCode(uscc, queryCode));
  if (rows.length === 0)
    throw new AppError(
      'VALIDATION',
      '统一社会信用代码或查询码不正确：请核对检查告知书上印制的查询码（区分数字与字母，不含 0、1、I、L、O）',
      [{ field: 'queryCode', message: '查询码不正确' }],
    );
  const notices = [];
  for (const r of rows) {
    const resolved = await resolveCode(deps, r.token);
    if (!resolved.task) continue;
    notices.push({
      facts: await noticeFactsOf(deps.db, resolved.task),
      verifyPath: verifyPathOf(r.token),
      status: resolved.status,
      revokeReason: resolved.revokeReason,
      progress: progressOf(await departmentPartsOf(deps, resolved)),
    });
  }
  return { notices };
}
