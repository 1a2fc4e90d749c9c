import { readableTask, requireTaskAction } from '../tasks/task-access';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Actor, requirePermission } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { findTask } from '../tasks/task-lookup.service';
import type { TaskView } from '../tasks/task.schemas';
import type { InspectionCodeRow } from './notice.table';
import { inspectionCodeKey } from './inspection-code-key';
import { readInspectionCode, signInspectionCode } from './inspection-code-token';
import type {
  CodeStatus,
  EvaluationInput,
  EvaluationView,
  IssuedNotice,
  NoticeFacts,
  NoticeView,
  Verification,
} from './notice.schemas';

/** Statuses before any visit: a notice cannot be issued for 待发布, 已作废 or 已合并 tasks. */
const notIssuable = new Set(['待发布', '已作废', '已合并']);
/** Statuses before the results are in: the evaluation opens after these (or when the window has ended). */
const beforeVisit = new Set(['待发布', '已发布', '已排期', '检查中']);
/** A code stays readable for 30 days after the window ends. */
const VALID_DAYS_AFTER_WINDOW = 30;
/** 查询码 alphabet without look-alike characters (0/O, 1/I/L). */
const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const verifyPathOf = (token: string): string => `/public/verify/${token}`;

const hashQueryCode = (uscc: string, code: string): string =>
  createHash('sha256').update(`${uscc.toUpperCase()}:${code.toUpperCase()}`).digest('hex');

function newQueryCode(): string {
  const bytes = randomBytes(10);
  return [...bytes].map((b) => QUERY_ALPHABET[b % QUERY_ALPHABET.length]).join('');
}

/** Window end (China time, end of day) plus 30 days. */
function expiryOf(windowTo: string): Date {
  return new Date(new Date(`${windowTo}T23:59:59+08:00`).getTime() + VALID_DAYS_AFTER_WINDOW * 86_400_000);
}

function durationOf(itemCount: number): string {
  const minutes = 30 + 30 * itemCount;
  return minutes < 60
    ? `约 ${minutes} 分钟`
    : `约 ${minutes % 60 === 0 ? minutes / 60 : (minutes / 60).toFixed(1)} 小时`;
}

const defaultMaterials = [
  '营业执照或其他主体资格证明',
  '与检查事项相关的许可证件、备案凭证',
  '法定代表人（负责人）身份证明，委托他人配合检查的须提供授权委托书',
  '与检查事项相关的台账、记录、票据、合同等资料',
];

/** The notice's facts for a task: items with their check items and method, inspectors, materials from the annual plan. */
export async function noticeFactsOf(db: Db, task: TaskView): Promise<NoticeFacts> {
  const codes = [...new Set(task.departments.flatMap((d) => d.items.map((i) => i.code)))];
  const sampling = codes.length
    ? await db.selectFrom('sampling_items').select(['id', 'code', 'method']).where('code', 'in', codes).execute()
    : [];
  const ids = sampling.map((s) => s.id);
  const [checks, entries] = ids.length
    ? await Promise.all([
        db
          .selectFrom('sampling_item_check_items as sc')
          .innerJoin('check_items as c', 'c.id', 'sc.check_item_id')
          .select(['sc.sampling_item_id', 'c.code', 'c.content'])
          .where('sc.sampling_item_id', 'in', ids)
          .where('c.withdrawn_at', 'is', null)
          .orderBy('c.sort_order')
          .orderBy('c.id')
          .execute(),
        db
          .selectFrom('annual_plan_entries as e')
          .innerJoin('annual_plans as p', 'p.id', 'e.plan_id')
          .select(['e.sampling_item_id', 'e.materials'])
          .where('e.sampling_item_id', 'in', ids)
          .where('e.status', '=', '已采纳')
          .where('p.year', '=', Number(task.window.from.slice(0, 4)))
          .orderBy('e.id', 'desc')
          .execute(),
      ])
    : [[], []];
  const byCode = new Map(sampling.map((s) => [s.code, s]));
  const materials: string[] = [];
  for (const s of sampling) {
    const entry = entries.find((e) => e.sampling_item_id === s.id);
    for (const m of (entry?.materials ?? '')
      .split(/[\n；;]+/)
      .map((x) => x.trim())
      .filter(Boolean))
      if (!materials.includes(m)) materials.push(m);
  }
  const itemCount = codes.length;
  // The visit date agreed when the task was scheduled (src/inspections), if it was.
  const visit = await db
    .selectFrom('inspection_visits as v')
    .innerJoin('inspection_tasks as t', 't.id', 'v.task_id')
    .select('v.visit_on')
    .where('t.task_no', '=', task.taskNo)
    .executeTakeFirst();
  return {
    taskNo: task.taskNo,
    subject: { name: task.subject.name, uscc: task.subject.uscc, address: task.subject.address },
    window: task.window,
    expectedDate: visit?.visit_on ?? null,
    expectedDuration: durationOf(itemCount),
    departments: task.departments.map((d) => ({
      name: d.name,
      items: d.items.map((i) => {
        const s = byCode.get(i.code);
        return {
          code: i.code,
          name: i.name,
          method: s?.method ?? '现场检查',
          checkItems: s
            ? checks.filter((c) => c.sampling_item_id === s.id).map((c) => ({ code: c.code, content: c.content }))
            : [],
        };
      }),
      inspectors: d.inspectors.map((p) => ({ name: p.name, certificateNo: p.certificateNo })),
    })),
    materials: materials.length ? materials : defaultMaterials,
  };
}

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

async function taskIdOf(db: Db, taskNo: string): Promise<number> {
  const row = await db
    .selectFrom('inspection_tasks')
    .select('id')
    .where('task_no', '=', taskNo)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The task if the actor may act on it with `permission` (scope 本部门: the task has an item of the actor's department). */
async function taskFor(deps: AppDeps, actor: Actor | null, permission: Permission, taskNo: string): Promise<TaskView> {
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

async function noticeOf(deps: AppDeps, task: TaskView): Promise<NoticeView> {
  const taskId = await taskIdOf(deps.db, task.taskNo);
  const rows = await deps.db
    .selectFrom('inspection_codes')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id', 'desc')
    .execute();
  return {
    taskStatus: task.status,
    facts: await noticeFactsOf(deps.db, task),
    code: rows[0] ? codeViewOf(rows[0], deps.config.publicBaseUrl) : null,
    history: rows.slice(1).map((r) => codeViewOf(r, deps.config.publicBaseUrl)),
  };
}

export async function getNotice(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<NoticeView> {
  return noticeOf(deps, await taskFor(deps, actor, 'task:task:read', taskNo));
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
    const taskRow = await trx
      .selectFrom('inspection_tasks')
      .select(['id', 'uscc', 'window_from', 'window_to'])
      .where('task_no', '=', taskNo)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const current = await trx
      .selectFrom('inspection_codes')
      .select('id')
      .where('task_id', '=', taskRow.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
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
    queryCode = newQueryCode();
    await trx
      .insertInto('inspection_codes')
      .values({
        task_id: taskRow.id,
        token_id: tokenId,
        token,
        query_code_hash: hashQueryCode(taskRow.uscc, queryCode),
        issued_at: now,
        issued_by: actor.userId,
        expires_at: expiresAt,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
      })
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection_code.issue',
      entityType: 'inspection_code',
      entityId: tokenId,
      summary: `生成检查任务 ${taskNo}（${task.subject.name}）的检查告知书，签发检查码，有效期至 ${chinaDate(expiresAt)}`,
      after: {
        taskNo,
        tokenId,
        uscc: taskRow.uscc,
        window: { from: taskRow.window_from, to: taskRow.window_to },
        expiresAt: expiresAt.toISOString(),
      },
    });
  });
  return { ...(await noticeOf(deps, task)), queryCode };
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
    const taskId = await taskIdOf(trx, taskNo);
    const current = await trx
      .selectFrom('inspection_codes')
      .select(['id', 'token_id'])
      .where('task_id', '=', taskId)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('CONFLICT', `检查任务 ${taskNo} 没有有效的检查码可撤销`);
    await trx
      .updateTable('inspection_codes')
      .set({ revoked_at: now, revoked_by: actor.userId, revoke_reason: reason })
      .where('id', '=', current.id)
      .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection_code.revoke',
      entityType: 'inspection_code',
      entityId: current.token_id,
      summary: `撤销检查任务 ${taskNo}（${task.subject.name}）的检查码：${reason}`,
      before: { revokedAt: null },
      after: { taskNo, revokedAt: now.toISOString(), reason },
    });
  });
  return noticeOf(deps, task);
}

interface ResolvedCode {
  status: CodeStatus;
  message: string;
  row: InspectionCodeRow | null;
  task: TaskView | null;
  revokeReason: string | null;
}

const INVALID =
  '检查码无效或已被篡改：平台签名校验未通过，此码不是本平台签发的有效检查码。请勿据此配合检查，可拨打 12345 或联系告知书所列部门核实检查人员身份。';

async function resolveCode(deps: AppDeps, token: string): Promise<ResolvedCode> {
  const now = deps.clock.now();
  const key = await inspectionCodeKey(deps.db, now);
  const claims = await readInspectionCode(token, key.publicKey);
  const invalid: ResolvedCode = { status: '无效', message: INVALID, row: null, task: null, revokeReason: null };
  if (!claims) return invalid;
  const row = await deps.db
    .selectFrom('inspection_codes')
    .selectAll()
    .where('token_id', '=', claims.jti)
    .executeTakeFirst();
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

async function evaluationGateOf(deps: AppDeps, resolved: ResolvedCode): Promise<Verification['evaluation']> {
  if (!resolved.row || !resolved.task) return { open: false, submitted: false, reason: '检查码无效，不能评价。' };
  const submitted = !!(await deps.db
    .selectFrom('inspection_evaluations')
    .select('id')
    .where('code_id', '=', resolved.row.id)
    .executeTakeFirst());
  if (submitted)
    return { open: false, submitted: true, reason: '已收到您对本次检查的评价，感谢您的反馈。每个检查码只能评价一次。' };
  if (resolved.status !== '真实有效')
    return { open: false, submitted: false, reason: `检查码${resolved.status}，不能评价。` };
  const windowOver = chinaDate(deps.clock.now()) > resolved.task.window.to;
  if (beforeVisit.has(resolved.task.status) && !windowOver) {
    return {
      open: false,
      submitted: false,
      reason: '检查尚未实施：检查人员提交检查结果后（或检查期结束后）即可在此页面评价本次检查。',
    };
  }
  return {
    open: true,
    submitted: false,
    reason: '检查已实施，欢迎对本次检查作出评价（满意度、意见建议，如有问题可投诉）。',
  };
}

/** The public verification (no login): genuine and current, expired, revoked or invalid, with the notice's facts. */
export async function verifyCode(deps: AppDeps, token: string): Promise<Verification> {
  const resolved = await resolveCode(deps, token);
  return {
    status: resolved.status,
    message: resolved.message,
    facts: resolved.task ? await noticeFactsOf(deps.db, resolved.task) : null,
    expiresAt: resolved.row?.expires_at.toISOString() ?? null,
    revokeReason: resolved.revokeReason,
    evaluation: await evaluationGateOf(deps, resolved),
  };
}

/** The subject's evaluation through the same 检查码 (《黄浦区精准高效协同监管实施办法（试行）》第十七条): after the visit, once per code. */
export async function submitEvaluation(
  deps: AppDeps,
  token: string,
  input: EvaluationInput,
  ip: string | null,
): Promise<Verification> {
  const resolved = await resolveCode(deps, token);
  const gate = await evaluationGateOf(deps, resolved);
  if (resolved.status === '无效') throw new AppError('VALIDATION', INVALID);
  if (!gate.open) throw new AppError('CONFLICT', gate.reason);
  const now = deps.clock.now();
  const row = resolved.row!;
  // The QR is shown to anyone on site (the inspectors too): the evaluation needs the 查询码 only the subject was given.
  const given = Buffer.from(hashQueryCode(resolved.task!.subject.uscc, input.queryCode), 'utf8');
  const stored = Buffer.from(row.query_code_hash, 'utf8');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
    throw new AppError(
      'VALIDATION',
      '企业查询码不正确：请填写检查告知书上印制的企业查询码（区分数字与字母，不含 0、1、I、L、O）',
      [{ field: 'queryCode', message: '查询码不正确' }],
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('inspection_tasks').select('id').where('id', '=', row.task_id).forUpdate().execute();
    const earlier = await trx
      .selectFrom('inspection_evaluations')
      .select('id')
      .where('task_id', '=', row.task_id)
      .executeTakeFirst();
    if (earlier) throw new AppError('CONFLICT', '已收到检查对象对本次检查的评价，每次检查只能评价一次。');
    const inserted = await trx
      .insertInto('inspection_evaluations')
      .values({
        code_id: row.id,
        task_id: row.task_id,
        satisfaction: input.satisfaction,
        comments: input.comments,
        complaint: input.complaint,
        complaint_text: input.complaint ? input.complaintText : '',
        submitted_at: now,
      })
      .onConflict((oc) => oc.column('code_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0)
      throw new AppError('CONFLICT', '已收到您对本次检查的评价，每个检查码只能评价一次。');
    await recordAudit(
      trx,
      deps.config.auditHash,
      now,
      { userId: null, name: `检查对象 ${resolved.task!.subject.uscc}`, departmentId: null, ip },
      {
        action: 'inspection_evaluation.submit',
        entityType: 'inspection_code',
        entityId: row.token_id,
        summary: `检查对象评价检查任务 ${resolved.task!.taskNo}：满意度 ${input.satisfaction} 分${input.complaint ? '，含投诉' : ''}`,
        after: { taskNo: resolved.task!.taskNo, satisfaction: input.satisfaction, complaint: input.complaint },
      },
    );
  });
  return verifyCode(deps, token);
}

/** The evaluations of a task, for its departments (and the joint office). */
export async function listEvaluations(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<EvaluationView[]> {
  await taskFor(deps, actor, 'task:task:read', taskNo);
  const taskId = await taskIdOf(deps.db, taskNo);
  const rows = await deps.db
    .selectFrom('inspection_evaluations as e')
    .innerJoin('inspection_codes as c', 'c.id', 'e.code_id')
    .select(['e.id', 'c.token_id', 'e.satisfaction', 'e.comments', 'e.complaint', 'e.complaint_text', 'e.submitted_at'])
    .where('e.task_id', '=', taskId)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    tokenId: r.token_id,
    satisfaction: r.satisfaction,
    comments: r.comments,
    complaint: r.complaint,
    complaintText: r.complaint_text,
    submittedAt: r.submitted_at.toISOString(),
  }));
}

/** Enterprise view: USCC plus the one-time 查询码 printed on the notice open the notice(s) of that task. */
export async function enterpriseNotices(deps: AppDeps, uscc: string, queryCode: string) {
  const rows = await deps.db
    .selectFrom('inspection_codes as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .select(['c.token', 't.task_no'])
    .where('t.uscc', '=', uscc)
    .where('c.query_code_hash', '=', hashQueryCode(uscc, queryCode))
    .orderBy('c.id', 'desc')
    .execute();
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
    });
  }
  return { notices };
}

/** Whether `queryCode` is the one printed on a code of this task (the PDF prints it only then). */
export async function queryCodeMatches(deps: AppDeps, taskNo: string, queryCode: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('inspection_codes as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .select('t.uscc')
    .where('t.task_no', '=', taskNo)
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return false;
  return !!(await deps.db
    .selectFrom('inspection_codes as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .select('c.id')
    .where('t.task_no', '=', taskNo)
    .where('c.revoked_at', 'is', null)
    .where('c.query_code_hash', '=', hashQueryCode(row.uscc, queryCode))
    .executeTakeFirst());
}
