import { unique } from '../http';
import type { TestApp } from '../test-platform';

/**
 * A complaint dispatched to a department (status 待受理), for the warning rules that read complaints. Written directly:
 * the complaint intake is built on another branch; the row is a valid one of the foundation's table (unique ticket
 * number, a known matter, the subject's name and code).
 */
export async function addComplaint(
  t: TestApp,
  spec: { subjectId: number; departmentId: number; matterCode?: string; receivedAt: Date },
): Promise<string> {
  const s = await t.deps.db
    .selectFrom('subjects')
    .select(['name', 'uscc', 'division_code'])
    .where('id', '=', spec.subjectId)
    .executeTakeFirstOrThrow();
  const ticketNo = `TS-T${unique().tag}`;
  await t.deps.db
    .insertInto('complaints')
    .values({
      ticket_no: ticketNo,
      lookup_code_hash: 'not-a-real-code-hash',
      channel: '窗口录入',
      kind: '投诉',
      anonymous: true,
      complainant_cipher: null,
      matter_code: spec.matterCode ?? 'SPAQ',
      subject_id: spec.subjectId,
      subject_name: s.name,
      uscc: s.uscc,
      division_code: s.division_code,
      title: '销售过期食品',
      content: '在该店购买的面包已过保质期。',
      department_id: spec.departmentId,
      status: '待受理',
      external_ticket: null,
      address: '',
      industry_code: null,
      occurred_on: null,
      evaluation_id: null,
      task_id: null,
      group_id: null,
      received_at: spec.receivedAt,
      dispatched_at: spec.receivedAt,
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
      created_at: spec.receivedAt,
      updated_at: spec.receivedAt,
    })
    .execute();
  return ticketNo;
}
