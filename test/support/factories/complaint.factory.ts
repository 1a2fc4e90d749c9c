import { createHash } from 'node:crypto';
import { complaintSystem } from '../../../src/complaints/complaint-dispatch.service';
import { afterComplaintReceived } from '../../../src/complaints/complaint-hooks';
import { unique } from '../http';
import type { TestApp } from '../test-platform';
import type { Insertable } from 'kysely';
import type { ComplaintStatus, ComplaintTable, VerificationResult } from '../../../src/complaints/complaint.table';

/**
 * Moves a complaint to a handling state the intake tests need (dispatched to a department, verified, closed with a
 * reply). Written directly: dispatch, verification and reply belong to the handling part, which the intake tests do
 * not exercise; the rows stay valid (a status of the lifecycle with its timestamps).
 */
export async function setComplaintState(
  t: TestApp,
  ticketNo: string,
  state: { status: ComplaintStatus; department?: string; verificationResult?: VerificationResult; reply?: string },
): Promise<void> {
  const db = t.deps.db;
  const now = t.clock.now();
  const department = state.department
    ? (await db.selectFrom('departments').select('id').where('name', '=', state.department).executeTakeFirstOrThrow())
        .id
    : undefined;
  const reached = (s: ComplaintStatus[]) => (s.includes(state.status) ? now : null);
  await db
    .updateTable('complaints')
    .set({
      status: state.status,
      ...(department === undefined ? {} : { department_id: department }),
      dispatched_at: reached(['待受理', '核查中', '待答复', '已办结']),
      acknowledged_at: reached(['核查中', '待答复', '已办结']),
      verified_at: reached(['待答复', '已办结']),
      replied_at: reached(['已办结']),
      closed_at: reached(['已办结']),
      verification_result: state.verificationResult ?? null,
      reply: state.reply ?? '',
      updated_at: now,
    })
    .where('ticket_no', '=', ticketNo)
    .execute();
}

export interface ComplaintSpec {
  matterCode?: string;
  subject?: { id: number; uscc: string; name: string } | null;
  subjectName?: string;
  divisionCode?: string | null;
  industryCode?: string | null;
  title?: string;
  receivedAt?: Date;
}

/**
 * A valid row of the complaints table as an intake channel stores it (窗口录入, anonymous, 待分派, received at `at`),
 * with `over` replacing what a test needs: the one place test factories build complaint rows.
 */
export function complaintRow(
  tag: string,
  at: Date,
  over: Partial<Insertable<ComplaintTable>> = {},
): Insertable<ComplaintTable> {
  return {
    ticket_no: `TS2026-T${tag}`,
    lookup_code_hash: createHash('sha256').update(tag).digest('hex'),
    channel: '窗口录入',
    external_ticket: null,
    kind: '投诉',
    anonymous: true,
    complainant_cipher: null,
    matter_code: 'QT',
    subject_id: null,
    subject_name: `测试被投诉对象${tag}`,
    uscc: null,
    address: '测试地址',
    division_code: null,
    industry_code: null,
    title: `测试投诉${tag}`,
    content: '测试投诉内容',
    occurred_on: null,
    evaluation_id: null,
    task_id: null,
    department_id: null,
    status: '待分派',
    group_id: null,
    received_at: at,
    dispatched_at: null,
    acknowledged_at: null,
    verified_at: null,
    replied_at: null,
    closed_at: null,
    ack_due: null,
    verify_due: null,
    reply_due: null,
    verification_method: null,
    verification_result: null,
    verification_notes: '',
    reply: '',
    supervision_level: 0,
    supervised_at: null,
    supervision_note: '',
    rating: null,
    rating_comment: '',
    rated_at: null,
    reward_decision: null,
    reward_amount: null,
    reward_note: '',
    reward_decided_at: null,
    created_by: null,
    created_at: at,
    updated_at: at,
    ...over,
  };
}

/**
 * A complaint stored as an intake channel stores it (窗口录入, 待分派) with the given subject, division and industry
 * (which the intake forms cannot set without a subject), then the arrival hook as intake calls it (dispatch by the
 * rules, repeat grouping). Returns the ticket number and id.
 */
export async function createComplaint(t: TestApp, spec: ComplaintSpec = {}): Promise<{ id: number; ticketNo: string }> {
  const { tag } = unique();
  const now = spec.receivedAt ?? t.clock.now();
  return t.deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('complaints')
      .values(
        complaintRow(tag, now, {
          matter_code: spec.matterCode ?? 'QT',
          subject_id: spec.subject?.id ?? null,
          subject_name: spec.subject?.name ?? spec.subjectName ?? `测试被投诉对象${tag}`,
          uscc: spec.subject?.uscc ?? null,
          division_code: spec.divisionCode ?? null,
          industry_code: spec.industryCode ?? null,
          title: spec.title ?? `测试投诉${tag}`,
        }),
      )
      .returning(['id', 'ticket_no'])
      .executeTakeFirstOrThrow();
    await afterComplaintReceived({ trx, deps: t.deps, now, who: complaintSystem }, Number(row.id));
    return { id: Number(row.id), ticketNo: row.ticket_no };
  });
}
