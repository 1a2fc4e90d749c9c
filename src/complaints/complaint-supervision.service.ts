import { type Actor, requirePermission } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { notify } from '../notifications/notify';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { currentDeadline, deadlineState, stageNames } from './complaint-deadline';
import { complaintLink } from './complaint-dispatch.service';
import { complaintForAction } from './complaint-handling-access';
import { departmentAdmins, usersWithPermission } from './complaint-handling.repository';
import { asUser } from './complaint-handling.service';
import { applyStep } from './complaint-handling-step';

export const supervisionNames = ['', '督办', '挂牌督办'] as const;

/**
 * 督办 by the supervision office (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十三条 督查督办): an overdue complaint
 * is put under 督办 (level 1) with a note; one still overdue under 督办 is escalated to 挂牌督办 (level 2). The
 * department's administrators and the joint office are told.
 */
export async function superviseComplaint(
  deps: AppDeps,
  actor: Actor | null,
  ticketNo: string,
  input: { note: string },
  level: 1 | 2,
): Promise<void> {
  requirePermission(actor, 'complaint:supervise');
  await asUser(deps, actor, async (w) => {
    const c = await complaintForAction(w.trx, actor, 'complaint:supervise', ticketNo);
    const due = currentDeadline(c);
    const today = chinaDate(w.now);
    const state = due ? deadlineState(await workCalendar(w.trx), due.dueOn, today) : null;
    if (!due || state?.state !== '超期') throw new AppError('CONFLICT', `投诉举报 ${c.ticket_no} 没有超期，不需要督办`);
    if (level === 1 && c.supervision_level !== 0)
      throw new AppError('CONFLICT', `投诉举报 ${c.ticket_no} 已在${supervisionNames[c.supervision_level]}中`);
    if (level === 2 && c.supervision_level !== 1)
      throw new AppError(
        'CONFLICT',
        c.supervision_level === 2
          ? `投诉举报 ${c.ticket_no} 已挂牌督办`
          : `投诉举报 ${c.ticket_no} 须先督办，仍超期的再挂牌督办`,
      );
    const name = supervisionNames[level];
    const note = `${stageNames[due.stage]}应于 ${due.dueOn} 前完成，已超期 ${state.daysOverdue} 个工作日。${input.note}`;
    await applyStep(w, c, {
      action: 'complaint.supervise',
      transition: null,
      label: name,
      patch: { supervision_level: level, supervised_at: w.now, supervision_note: input.note },
      note,
      detail: { reason: input.note, supervisionLevel: level },
    });
    const departmentId = c.department_id === null ? null : Number(c.department_id);
    await notify(w.trx, w.now, {
      userIds: [
        ...(departmentId === null ? [] : await departmentAdmins(w.trx, departmentId)),
        ...(await usersWithPermission(w.trx, 'complaint:dispatch', null)),
      ],
      kind: 'complaint_supervised',
      title: `${name}：投诉举报 ${c.ticket_no}`,
      body: `${c.subject_name}：${c.title}。${note}`,
      link: complaintLink(c.ticket_no),
    });
  });
}
