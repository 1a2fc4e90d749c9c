import { unique } from '../http';
import { complaintRow } from './complaint.factory';
import type { TestApp } from '../test-platform';

/**
 * A complaint dispatched to a department (status 待受理) at a given time in the past, for the warning rules that read
 * complaints (the intake stamps the present time).
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
  const { tag } = unique();
  const ticketNo = `TS-T${tag}`;
  await t.deps.db
    .insertInto('complaints')
    .values(
      complaintRow(tag, spec.receivedAt, {
        ticket_no: ticketNo,
        matter_code: spec.matterCode ?? 'SPAQ',
        subject_id: spec.subjectId,
        subject_name: s.name,
        uscc: s.uscc,
        address: '',
        division_code: s.division_code,
        title: '销售过期食品',
        content: '在该店购买的面包已过保质期。',
        department_id: spec.departmentId,
        status: '待受理',
        dispatched_at: spec.receivedAt,
      }),
    )
    .execute();
  return ticketNo;
}
