import type { ComplaintStatus, VerificationResult } from '../../../src/complaints/complaint.table';
import type { TestApp } from '../test-platform';

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
