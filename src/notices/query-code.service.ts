import { type Actor, can } from '../auth/actor';
import type { Db } from '../db/database';
import { CONTACT_SECRET, contactRoute, messageStates, notifyContact } from '../notifications/contact-messages';
import { chinaDate } from '../shared/china-date';
import type { TaskView } from '../tasks/task.schemas';
import { verifyPathOf } from './inspection-code-rules';
import type { NoticeView } from './notice.schemas';
import type { InspectionCodeRow } from './notice.table';
import { findSubjectContact, insertQueryCodeIssue, listQueryCodeIssues } from './query-code.repository';

/**
 * The 企业查询码 reaches the subject with its notice (《黄浦区精准高效协同监管实施办法（试行）》第二十四条: notices pushed to
 * the inspected party): printed once on the first PDF and sent to the contact the subject register holds. The issuing
 * department may give a new one until the evaluation closes; the platform keeps only its hash.
 */

/** Where a 查询码 went: the channel and the masked contact, or null when no contact could receive it. */
export type SentTo = { channel: '短信' | '电子邮件'; contact: string } | null;

/**
 * Records a 查询码 just given with the code (`queryCode` is in the clear only here) and sends it, with the 检查码 link,
 * to the subject's registered contact: inside the caller's transaction.
 */
export async function deliverQueryCode(
  trx: Db,
  now: Date,
  actor: Actor,
  d: {
    codeId: number;
    token: string;
    queryCode: string;
    reissue: boolean;
    task: Pick<TaskView, 'taskNo' | 'window'> & { uscc: string };
    departmentName: string;
  },
): Promise<SentTo> {
  const subject = await findSubjectContact(trx, d.task.uscc);
  const route = subject ? contactRoute({ phone: subject.contact_phone, email: subject.contact_email }) : null;
  const messageId =
    subject && route
      ? await notifyContact(trx, now, {
          recipientName: subject.name,
          route,
          title: `检查告知书企业查询码${d.reissue ? '（重新发放）' : ''}`,
          body:
            `${subject.name}：${d.departmentName}已向贵单位出具检查告知书（任务编号 ${d.task.taskNo}，检查期 ${d.task.window.from} 至 ${d.task.window.to}）。` +
            `企业查询码：${CONTACT_SECRET}${d.reissue ? '（此前的查询码已作废）' : ''}。` +
            '凭统一社会信用代码和查询码可在公众服务平台“企业查询”查看告知书；检查后可打开检查码链接核验本次检查并对各部门的检查作出评价。',
          link: verifyPathOf(d.token),
          taskNo: d.task.taskNo,
          secret: d.queryCode,
        })
      : null;
  await insertQueryCodeIssue(trx, {
    code_id: d.codeId,
    issued_at: now,
    issued_by: actor.userId,
    reissue: d.reissue,
    channel: route?.channel ?? null,
    contact_masked: route?.masked ?? null,
    outbound_message_id: messageId,
    superseded_at: null,
  });
  return route ? { channel: route.channel, contact: route.masked } : null;
}

/** The 查询码 given with the code, newest first, with where each went and whether it arrived. */
export async function queryCodeIssuesOf(db: Db, codeId: number): Promise<NoticeView['queryCodes']> {
  const rows = await listQueryCodeIssues(db, codeId);
  const states = await messageStates(
    db,
    rows.flatMap((r) => (r.outbound_message_id === null ? [] : [Number(r.outbound_message_id)])),
  );
  return rows.map((r) => ({
    issuedAt: r.issued_at.toISOString(),
    issuedBy: r.issued_by_name,
    reissue: r.reissue,
    channel: r.channel,
    contact: r.contact_masked,
    delivery:
      r.outbound_message_id === null ? '未发送' : (states.get(Number(r.outbound_message_id))?.status ?? '未发送'),
    superseded: r.superseded_at !== null,
  }));
}

type CurrentCode = Pick<InspectionCodeRow, 'department_id' | 'expires_at'>;

/**
 * Whether the actor may give a new 查询码 now, and why not: the department that issued the notice (with the
 * permission that issues notices), while the task's code is current and its evaluation has not closed.
 */
export function reissueRule(
  actor: Actor,
  task: Pick<TaskView, 'status'>,
  current: CurrentCode | undefined,
  issuingDepartment: string | null,
  now: Date,
): { allowed: boolean; forbidden: boolean; reason: string } {
  const no = (reason: string, forbidden = false) => ({ allowed: false, forbidden, reason });
  if (!can(actor, 'task:notice:write')) return no('没有生成检查告知书的权限，不能发放企业查询码', true);
  if (!current) return no('没有有效的检查码：请先生成检查告知书（随告知书发放查询码）');
  if (task.status === '已作废' || task.status === '已合并')
    return no(`检查任务已${task.status.slice(1)}，不再发放查询码`);
  if (now.getTime() > current.expires_at.getTime())
    return no(`评价已于 ${chinaDate(current.expires_at)} 截止（检查码有效期），不能再发放查询码`);
  if (current.department_id !== null && Number(current.department_id) !== actor.departmentId)
    return no(`查询码由出具告知书的${issuingDepartment ?? '部门'}重新发放`, true);
  return {
    allowed: true,
    forbidden: false,
    reason: '重新发放后原查询码立即作废，新查询码只显示一次，并发送至监管对象名录登记的联系方式',
  };
}

/** The sentence an audit entry or a message gives about where a 查询码 went. */
export const sentToText = (sentTo: SentTo): string =>
  sentTo ? `已通过${sentTo.channel}发送至 ${sentTo.contact}` : '监管对象名录未登记可接收短信的手机号或电子邮箱，未发送';
