import { randomInt } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { type ComplaintWrite, afterComplaintReceived } from './complaint-hooks';
import { type ComplainantIdentity, lookupCodeHash, openIdentity, sealIdentity } from './complainant-key';
import {
  findByExternalTicket,
  findComplaintByTicket,
  findMatter,
  insertComplaint,
  insertComplaintEvent,
  lockExternalTicket,
  nextTicketNo,
  subjectById,
  subjectByUscc,
} from './complaint-intake.repository';
import type { IntakeInput, SystemIntakeInput } from './complaint-intake.schemas';
import type { ComplaintChannel, ComplaintRow, ComplaintStatus } from './complaint.table';

/** Letters and digits that cannot be mistaken for each other when read aloud or off paper (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A new random lookup code (8 characters, about 40 bits): told to the complainant once, only its hash is kept. */
const newLookupCode = (): string => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** How a complaint arrived, besides what the complainant told. */
interface IntakeSource {
  channel: ComplaintChannel;
  externalTicket?: string;
  evaluationId?: number;
  /** The subject when the channel knows it (a 检查码 evaluation). */
  subjectId?: number;
  /** The department when the channel names it (the department a 检查码 evaluation is about). */
  departmentId?: number;
  createdBy?: number;
}

export interface Received {
  id: number;
  ticketNo: string;
  lookupCode: string;
  status: ComplaintStatus;
}

const invalid = (field: string, message: string) => new AppError('VALIDATION', message, [{ field, message }]);

/**
 * The one way a complaint is stored, whatever the channel: checks what the schema cannot (the matter, the date, the
 * subject in the register), numbers it, encrypts the complainant, writes the `received` event and the audit entry,
 * and hands it to afterComplaintReceived in the same transaction.
 */
export async function receiveComplaint(w: ComplaintWrite, source: IntakeSource, input: IntakeInput): Promise<Received> {
  const matter = await findMatter(w.trx, input.matterCode);
  if (!matter?.active) throw invalid('matterCode', '投诉举报事项不存在或已停用，请从列表中选择');
  const today = chinaDate(w.now);
  if (input.occurredOn && input.occurredOn > today) throw invalid('occurredOn', '发生日期不能晚于今天');
  const subject =
    source.subjectId !== undefined
      ? await subjectById(w.trx, source.subjectId)
      : input.subject.uscc
        ? await subjectByUscc(w.trx, input.subject.uscc)
        : undefined;
  const ticketNo = await nextTicketNo(w.trx, `TS${today.slice(0, 4)}-`);
  const lookupCode = newLookupCode();
  const identity: ComplainantIdentity | null =
    input.anonymous || !input.complainant
      ? null
      : { name: input.complainant.name, phone: input.complainant.phone, idNumber: input.complainant.idNumber ?? null };
  const id = await insertComplaint(w.trx, {
    ticket_no: ticketNo,
    lookup_code_hash: lookupCodeHash(w.deps.config, ticketNo, lookupCode),
    channel: source.channel,
    external_ticket: source.externalTicket ?? null,
    kind: input.kind,
    anonymous: input.anonymous,
    complainant_cipher: identity ? sealIdentity(w.deps.config, identity) : null,
    matter_code: matter.code,
    subject_id: subject?.id ?? null,
    subject_name: input.subject.name,
    uscc: input.subject.uscc ?? subject?.uscc ?? null,
    address: input.subject.address || subject?.business_address || subject?.registered_address || '',
    division_code: subject?.division_code ?? null,
    industry_code: subject?.industry_codes[0] ?? null,
    title: input.title,
    content: input.content,
    occurred_on: input.occurredOn ?? null,
    evaluation_id: source.evaluationId ?? null,
    department_id: source.departmentId ?? null,
    status: '待分派',
    verification_notes: '',
    reply: '',
    supervision_level: 0,
    supervision_note: '',
    rating_comment: '',
    reward_note: '',
    received_at: w.now,
    created_by: source.createdBy ?? null,
    created_at: w.now,
    updated_at: w.now,
  });
  await insertComplaintEvent(w.trx, {
    complaint_id: id,
    action: '收到投诉举报',
    from_status: null,
    to_status: '待分派',
    department_id: source.departmentId ?? null,
    actor_user_id: w.who.userId,
    actor_name: w.who.name,
    note: `经${source.channel}收到${input.anonymous ? '（匿名）' : ''}`,
    at: w.now,
  });
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'complaint.receive',
    entityType: 'complaint',
    entityId: ticketNo,
    summary: `收到${input.kind} ${ticketNo}（${source.channel}，${matter.name}，${input.subject.name}）${input.anonymous ? '，匿名' : ''}`,
    after: {
      ticketNo,
      channel: source.channel,
      externalTicket: source.externalTicket ?? null,
      kind: input.kind,
      matter: matter.name,
      subjectName: input.subject.name,
      anonymous: input.anonymous,
    },
  });
  await afterComplaintReceived(w, id);
  const stored = await findComplaintByTicket(w.trx, ticketNo);
  return { id, ticketNo, lookupCode, status: stored?.status ?? '待分派' };
}

/** The fields of a re-delivery that differ from the stored complaint (names in Chinese); empty when it is the same. */
function changedFields(deps: AppDeps, row: ComplaintRow, input: SystemIntakeInput): string[] {
  const identity = row.complainant_cipher ? openIdentity(deps.config, row.complainant_cipher) : null;
  const given = input.anonymous ? null : input.complainant;
  const checks: [string, boolean][] = [
    ['类别', row.kind === input.kind],
    ['事项', row.matter_code === input.matterCode],
    ['被投诉举报对象名称', row.subject_name === input.subject.name],
    ['统一社会信用代码', !input.subject.uscc || row.uscc === input.subject.uscc],
    ['地址', !input.subject.address || row.address === input.subject.address],
    ['标题', row.title === input.title],
    ['反映的问题', row.content === input.content],
    ['发生日期', (row.occurred_on ?? null) === (input.occurredOn ?? null)],
    ['是否匿名', row.anonymous === input.anonymous],
    [
      '投诉举报人',
      (identity?.name ?? null) === (given?.name ?? null) &&
        (identity?.phone ?? null) === (given?.phone ?? null) &&
        (identity?.idNumber ?? null) === (given?.idNumber ?? null),
    ],
  ];
  return checks.filter(([, same]) => !same).map(([name]) => name);
}

export interface Filed {
  outcome: 'created' | 'unchanged';
  ticketNo: string;
  lookupCode: string | null;
  status: ComplaintStatus;
}

/**
 * A complaint pushed by the 12345 hotline or the national 互联网+监管 system (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十三条),
 * idempotent by the sender's ticket: the same ticket again changes nothing and answers the same number; the same
 * ticket with other content is refused (409), naming what differs.
 */
export async function receiveFromSystem(deps: AppDeps, actor: Actor, input: SystemIntakeInput): Promise<Filed> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockExternalTicket(trx, input.channel, input.externalTicket);
    const existing = await findByExternalTicket(trx, input.channel, input.externalTicket);
    if (existing) {
      const changed = changedFields(deps, existing, input);
      if (changed.length > 0)
        throw new AppError(
          'CONFLICT',
          `${input.channel}工单 ${input.externalTicket} 已于 ${chinaDate(existing.received_at)} 收到（投诉举报编号 ${existing.ticket_no}），本次推送的${changed.join('、')}与之不同：同一工单不能改内容，新的投诉举报请使用新的工单号`,
          changed.map((name) => ({ field: 'externalTicket', message: `${name}与已收到的工单不同` })),
        );
      return { outcome: 'unchanged' as const, ticketNo: existing.ticket_no, lookupCode: null, status: existing.status };
    }
    const w = { trx, deps, now, who: auditSubjectOf(actor) };
    const source = { channel: input.channel, externalTicket: input.externalTicket, createdBy: actor.userId };
    const received = await receiveComplaint(w, source, input);
    return { outcome: 'created' as const, ...received };
  });
}

/** 窗口录入: staff enter a complaint made in person or by letter (complaint:write). */
export async function enterAtCounter(deps: AppDeps, actor: Actor, input: IntakeInput): Promise<Filed> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const w = { trx, deps, now, who: auditSubjectOf(actor) };
    const received = await receiveComplaint(w, { channel: '窗口录入', createdBy: actor.userId }, input);
    return { outcome: 'created' as const, ...received };
  });
}

/** A 检查码 evaluation marked as a complaint, as the evaluation service hands it over. */
export interface EvaluationComplaint {
  evaluationId: number;
  taskNo: string;
  subject: { id: number; name: string; uscc: string; address: string };
  departmentId: number;
  departmentName: string;
  text: string;
}

/**
 * The subject marked its evaluation of a department's inspection as a complaint: a complaint of channel 检查码评价
 * about that department's inspection, stored in the evaluation's transaction (the subject is known; no identity to
 * protect: the complainant is the subject itself).
 */
export async function receiveEvaluationComplaint(w: ComplaintWrite, e: EvaluationComplaint): Promise<Received> {
  const input: IntakeInput = {
    kind: '投诉',
    matterCode: 'QT',
    subject: { name: e.subject.name, uscc: e.subject.uscc, address: e.subject.address },
    title: `对${e.departmentName}检查（${e.taskNo}）的投诉`,
    content: e.text.length >= 10 ? e.text : `检查对象在检查码评价中投诉：${e.text}`,
    occurredOn: chinaDate(w.now),
    anonymous: false,
  };
  const source = {
    channel: '检查码评价' as const,
    evaluationId: e.evaluationId,
    subjectId: e.subject.id,
    // Not the evaluated department's to handle: a complaint about its own inspection waits for the joint office.
  };
  return receiveComplaint(w, source, input);
}
