import { chinaDate } from '../shared/china-date';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { findTask } from '../tasks/task-lookup.service';
import type { TaskView } from '../tasks/task.schemas';
import type { InspectionCodeRow } from './notice.table';
import { inspectionCodeKey } from './inspection-code-key';
import { type InspectionCodeClaims, readInspectionCode } from './inspection-code-token';
import { departmentInspections } from '../inspections/department-inspections';
import type { CodeStatus, InspectionProgress, NoticeFacts, Verification } from './notice.schemas';
import { beforeVisit, hashQueryCode, verifyPathOf } from './inspection-code-rules';
import { assembleNoticeFacts, noticeFactsOf } from './notice-facts.service';
import { findVerificationSnapshot, type VerificationSnapshot } from './verification.repository';
import { findCodeByTokenId, listCodesByQueryCode } from './inspection-code.repository';
import { evaluatedDepartments } from './inspection-evaluation.repository';
import { type DepartmentPart, type Gate, evaluationGate } from './evaluation-parts';

export interface ResolvedCode {
  status: CodeStatus;
  message: string;
  row: InspectionCodeRow | null;
  task: CodeTask | null;
  revokeReason: string | null;
}

export const INVALID =
  '检查码无效或已被篡改：平台签名校验未通过，此码不是本平台签发的有效检查码。请勿据此配合检查，可拨打 12345 或联系告知书所列部门核实检查人员身份。';

/** The task a code belongs to, as far as the verification shows it (a TaskView, or the verification snapshot's). */
export type CodeTask = Pick<TaskView, 'taskNo' | 'status' | 'window' | 'subject' | 'departments'>;

const invalidCode: ResolvedCode = { status: '无效', message: INVALID, row: null, task: null, revokeReason: null };

/** What a genuine code of a known task says now: revoked (or its task voided or merged), expired, or valid. */
function judgeCode(now: Date, claims: InspectionCodeClaims, row: InspectionCodeRow, task: CodeTask): ResolvedCode {
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

export async function resolveCode(deps: AppDeps, token: string): Promise<ResolvedCode> {
  const now = deps.clock.now();
  const key = await inspectionCodeKey(deps.db, now);
  const claims = await readInspectionCode(token, key.publicKey);
  if (!claims) return invalidCode;
  const row = await findCodeByTokenId(deps.db, claims.jti);
  if (!row || row.token !== token) return invalidCode;
  const task = await findTask(deps.db, claims.tno);
  if (!task) return invalidCode;
  return judgeCode(now, claims, row, task);
}

type Inspected = { departmentId: number; inspectedOn: string | null; offsite: boolean };

/** Each department of the task with its inspection (the first found, on site before off site) and whether its part was evaluated. */
const partsOf = (task: CodeTask, inspections: readonly Inspected[], evaluated: ReadonlySet<number>): DepartmentPart[] =>
  task.departments.map((d) => {
    const inspection = inspections.find((i) => i.departmentId === d.id);
    return {
      departmentId: d.id,
      name: d.name,
      inspection: inspection ? { inspectedOn: inspection.inspectedOn, offsite: inspection.offsite } : null,
      evaluated: evaluated.has(d.id),
    };
  });

/** Each department of the code's task with its inspection (if any) and whether its part was evaluated. */
async function departmentPartsOf(deps: AppDeps, resolved: ResolvedCode): Promise<DepartmentPart[]> {
  if (!resolved.row || !resolved.task) return [];
  const taskId = resolved.row.task_id;
  const [inspections, evaluated] = await Promise.all([
    departmentInspections(deps.db, [taskId]),
    evaluatedDepartments(deps.db, taskId),
  ]);
  return partsOf(resolved.task, inspections, evaluated);
}

function gateOf(now: Date, resolved: ResolvedCode, departments: DepartmentPart[]): Gate {
  if (!resolved.row || !resolved.task)
    return { open: false, submitted: false, reason: '检查码无效，不能评价。', parts: [] };
  return evaluationGate({
    codeStatus: resolved.status,
    visitOver: !beforeVisit.has(resolved.task.status),
    windowTo: resolved.task.window.to,
    today: chinaDate(now),
    closesOn: chinaDate(resolved.row.expires_at),
    departments,
  });
}

/** The state of each department's part of the visit for the subject's evaluation (src/notices/evaluation-parts.ts). */
export async function evaluationGateOf(deps: AppDeps, resolved: ResolvedCode): Promise<Gate> {
  return gateOf(deps.clock.now(), resolved, await departmentPartsOf(deps, resolved));
}

/** Which departments of the task have inspected (public: no result, only that and when). */
const progressOf = (parts: readonly DepartmentPart[]): InspectionProgress =>
  parts.map((p) => ({
    name: p.name,
    inspected: p.inspection !== null,
    inspectedOn: p.inspection?.inspectedOn ?? null,
    offsite: p.inspection?.offsite ?? false,
  }));

/** The code's task as the snapshot gives it: departments in order of their items, with their inspectors. */
function taskOfSnapshot(snap: VerificationSnapshot): CodeTask {
  const departments = new Map<number, CodeTask['departments'][number]>();
  for (const it of snap.items) {
    let d = departments.get(it.department_id);
    if (!d)
      departments.set(
        it.department_id,
        (d = { id: it.department_id, name: it.department_name, items: [], inspectors: [] }),
      );
    d.items.push({ code: it.item_code, name: it.item_name });
  }
  for (const p of snap.inspectors)
    departments.get(p.department_id)?.inspectors.push({ id: p.id, name: p.name, certificateNo: p.certificate_no });
  return {
    taskNo: snap.task_no,
    status: snap.status,
    window: { from: snap.window_from, to: snap.window_to },
    subject: { id: snap.subject_id, uscc: snap.uscc, name: snap.subject_name, address: snap.business_address },
    departments: [...departments.values()],
  };
}

/**
 * The public verification (no login): genuine and current, expired, revoked or invalid, with the notice's facts.
 * Everything it shows is read fresh from the database in one statement (src/notices/verification.repository.ts), so
 * a revocation, a voided task or a changed crew shows at once; only the signature check of a genuine code is
 * remembered (inspection-code-token.ts), and the key (platform-keys).
 */
export async function verifyCode(deps: AppDeps, token: string): Promise<Verification> {
  const now = deps.clock.now();
  const key = await inspectionCodeKey(deps.db, now);
  const claims = await readInspectionCode(token, key.publicKey);
  const snap = claims ? await findVerificationSnapshot(deps.db, claims.jti) : undefined;
  if (!claims || !snap || snap.token !== token || snap.task_no !== claims.tno)
    return verificationOf(now, invalidCode, [], null);
  const task = taskOfSnapshot(snap);
  const resolved = judgeCode(now, claims, snap, task);
  const inspections: Inspected[] = [
    ...snap.submitted.map((s) => ({ departmentId: s.department_id, inspectedOn: snap.checked_in_on, offsite: false })),
    ...snap.offsite.map((o) => ({ departmentId: o.department_id, inspectedOn: o.conducted_on, offsite: true })),
  ];
  const parts = partsOf(task, inspections, new Set(snap.evaluated.map((e) => e.department_id)));
  const facts = assembleNoticeFacts(task, {
    sampling: snap.sampling,
    checks: snap.checks,
    entries: snap.plans,
    expectedDate: snap.visit_on,
  });
  return verificationOf(now, resolved, parts, facts);
}

function verificationOf(
  now: Date,
  resolved: ResolvedCode,
  parts: DepartmentPart[],
  facts: NoticeFacts | null,
): Verification {
  return {
    status: resolved.status,
    message: resolved.message,
    facts,
    progress: progressOf(parts),
    expiresAt: resolved.row?.expires_at.toISOString() ?? null,
    revokeReason: resolved.revokeReason,
    evaluation: gateOf(now, resolved, parts),
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
