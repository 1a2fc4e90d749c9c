import { timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../audit/audit.service';
import type { AuditSubject } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { lookupCodeHash } from './complainant-key';
import type { AttachmentUpload } from './complaint-intake-attachment.service';
import { storeAttachment } from './complaint-intake-attachment.service';
import {
  activeMatters,
  attachmentsOf,
  departmentName,
  findComplaintByTicket,
  findMatter,
  insertComplaintEvent,
  lockComplaintByTicket,
  updateComplaint,
} from './complaint-intake.repository';
import type { IntakeInput, PublicProgress } from './complaint-intake.schemas';
import { type Filed, receiveComplaint } from './complaint-intake.service';
import type { ComplaintRow } from './complaint.table';

/** The complainant on the portal: no account, known only by the address of the request. */
const visitor = (ip: string | null): AuditSubject => ({
  userId: null,
  name: '公众（投诉举报门户）',
  departmentId: null,
  ip,
});

/** One answer for an unknown ticket and a wrong code, so the answer does not tell which tickets exist. */
const NEUTRAL = '投诉举报编号或查询码不正确，请核对后重试（查询码不区分大小写）';

/** Files may be added on the portal for a day after filing, while the complaint is still open. */
const ATTACH_WINDOW_MS = 24 * 3_600_000;

export async function publicMatters(deps: AppDeps) {
  return (await activeMatters(deps.db)).map((m) => ({ code: m.code, name: m.name }));
}

/** The complaint whose ticket and lookup code the visitor gave (compared in constant time), else the neutral refusal. */
async function withCode(db: Db, deps: AppDeps, ticketNo: string, code: string, lock = false): Promise<ComplaintRow> {
  const ticket = ticketNo.trim().toUpperCase();
  const row = lock ? await lockComplaintByTicket(db, ticket) : await findComplaintByTicket(db, ticket);
  const given = Buffer.from(lookupCodeHash(deps.config, ticket, code.replace(/[\s-]+/g, '').toUpperCase()));
  const stored = Buffer.from(row?.lookup_code_hash ?? '0'.repeat(given.length));
  if (!row || given.length !== stored.length || !timingSafeEqual(given, stored))
    throw new AppError('VALIDATION', NEUTRAL, [{ field: 'lookupCode', message: '编号或查询码不正确' }]);
  return row;
}

/** 投诉举报 on the portal (no login; rate limited per address): the ticket and the lookup code, shown once. */
export async function fileOnPortal(deps: AppDeps, input: IntakeInput, ip: string | null): Promise<Filed> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const received = await receiveComplaint({ trx, deps, now, who: visitor(ip) }, { channel: '门户' }, input);
    return { outcome: 'created' as const, ...received };
  });
}

/** A photo or PDF for the complaint just filed (with its lookup code), within a day and while it is open. */
export async function attachOnPortal(
  deps: AppDeps,
  ticketNo: string,
  code: string,
  file: AttachmentUpload,
  ip: string | null,
): Promise<PublicProgress> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await withCode(trx, deps, ticketNo, code, true);
    if (!canAttach(row, deps.clock.now()))
      throw new AppError('CONFLICT', '提交后 24 小时内、办结前可以补充附件；现在不能再添加，请在答复后另行反映');
    await storeAttachment(trx, deps, visitor(ip), row, file);
  });
  return lookupOnPortal(deps, ticketNo, code);
}

const canAttach = (row: ComplaintRow, now: Date) =>
  now.getTime() - row.received_at.getTime() < ATTACH_WINDOW_MS && row.status !== '已办结' && row.status !== '不予受理';

/** The progress a complainant may see: steps with their times, the handling department, the reply once closed. */
export async function lookupOnPortal(deps: AppDeps, ticketNo: string, code: string): Promise<PublicProgress> {
  const row = await withCode(deps.db, deps, ticketNo, code);
  return progressOf(deps, row);
}

async function progressOf(deps: AppDeps, row: ComplaintRow): Promise<PublicProgress> {
  const [matter, department, files] = await Promise.all([
    findMatter(deps.db, row.matter_code),
    row.department_id === null ? null : departmentName(deps.db, row.department_id),
    attachmentsOf(deps.db, row.id),
  ]);
  const steps: [string, Date | null][] = [
    ['收到投诉举报，已登记', row.received_at],
    [`分派至${department ?? '承办部门'}`, row.dispatched_at],
    ['承办部门已受理，开始核查', row.acknowledged_at],
    ['核查完毕，正在答复', row.verified_at],
    ['已答复，办结', row.replied_at],
    ['不予受理', row.status === '不予受理' ? row.closed_at : null],
    ['您已评价', row.rated_at],
    ['作出举报奖励决定', row.reward_decided_at],
  ];
  const closed = row.status === '已办结';
  return {
    ticketNo: row.ticket_no,
    kind: row.kind,
    matter: matter?.name ?? row.matter_code,
    subjectName: row.subject_name,
    title: row.title,
    anonymous: row.anonymous,
    status: row.status,
    department,
    steps: steps
      .filter((s): s is [string, Date] => s[1] !== null)
      .sort((a, b) => a[1].getTime() - b[1].getTime())
      .map(([label, at]) => ({ label, at: at.toISOString() })),
    reply: closed && row.reply ? row.reply : null,
    attachments: files.length,
    canAttach: canAttach(row, deps.clock.now()),
    canRate: closed && row.rating === null,
    rating:
      row.rating === null || !row.rated_at
        ? null
        : { score: row.rating, comment: row.rating_comment, ratedAt: row.rated_at.toISOString() },
    reward:
      row.reward_decision === null || !row.reward_decided_at
        ? null
        : {
            decision: row.reward_decision,
            amount: row.reward_amount,
            note: row.reward_note,
            decidedAt: row.reward_decided_at.toISOString(),
          },
  };
}

/** After 已办结 the complainant rates the handling once (1–5 and a comment). */
export async function rateOnPortal(
  deps: AppDeps,
  input: { ticketNo: string; lookupCode: string; score: number; comment: string },
  ip: string | null,
): Promise<PublicProgress> {
  const now = deps.clock.now();
  const ticketNo = await deps.db.transaction().execute(async (trx) => {
    const row = await withCode(trx, deps, input.ticketNo, input.lookupCode, true);
    if (row.status !== '已办结')
      throw new AppError('CONFLICT', `投诉举报 ${row.ticket_no} 当前为“${row.status}”，办结后才能评价`);
    if (row.rating !== null) throw new AppError('CONFLICT', `投诉举报 ${row.ticket_no} 已评价过，每件只能评价一次`);
    await updateComplaint(trx, row.id, {
      rating: input.score,
      rating_comment: input.comment,
      rated_at: now,
      updated_at: now,
    });
    await insertComplaintEvent(trx, {
      complaint_id: row.id,
      action: '投诉举报人评价',
      from_status: row.status,
      to_status: row.status,
      department_id: row.department_id,
      actor_user_id: null,
      actor_name: '投诉举报人',
      note: `评价 ${input.score} 分${input.comment ? `：${input.comment}` : ''}`,
      at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, visitor(ip), {
      action: 'complaint.rate',
      entityType: 'complaint',
      entityId: row.ticket_no,
      summary: `投诉举报人评价 ${row.ticket_no} 的办理：${input.score} 分`,
      after: { ticketNo: row.ticket_no, score: input.score, comment: input.comment },
    });
    return row.ticket_no;
  });
  return lookupOnPortal(deps, ticketNo, input.lookupCode);
}
