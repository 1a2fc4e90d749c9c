import { type Actor, can, departmentFilter, requirePermission } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import type { WorkCalendar } from '../calendar/work-calendar';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { ComplaintEventRow, ComplaintRow } from './complaint.table';
import { complaintTransitions } from './complaint-lifecycle';
import { currentDeadline, deadlineState, stageNames } from './complaint-deadline';
import { inComplaintScope } from './complaint-handling-access';
import type { ComplaintDetail, ComplaintItem, ComplaintQuery, complaintActions } from './complaint-handling.schemas';
import {
  complaintCounts,
  complaintEvents,
  findComplaintByTicket,
  findComplaints,
  groupMembers,
  taskChecks,
} from './complaint-list.repository';

type ListedRow = ComplaintRow & {
  department_name: string | null;
  matter_name: string;
  group_size?: number | string | null;
};

function itemOf(cal: WorkCalendar, today: string, r: ListedRow): ComplaintItem {
  const due = currentDeadline(r);
  const state = due ? deadlineState(cal, due.dueOn, today) : null;
  return {
    ticketNo: r.ticket_no,
    channel: r.channel,
    kind: r.kind,
    matterCode: r.matter_code,
    matterName: r.matter_name,
    subjectName: r.subject_name,
    uscc: r.uscc,
    title: r.title,
    status: r.status,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    departmentName: r.department_name,
    receivedAt: r.received_at.toISOString(),
    dueOn: due?.dueOn ?? null,
    dueStage: due ? stageNames[due.stage] : null,
    deadlineState: state?.state ?? null,
    daysOverdue: state?.daysOverdue ?? 0,
    supervisionLevel: r.supervision_level,
    groupSize: r.group_id === null ? 0 : Number(r.group_size ?? 0),
  };
}

const filterOf = (actor: Actor, q: Omit<ComplaintQuery, 'page' | 'pageSize'>, today: string) => ({
  scopeDepartmentId: departmentFilter(actor, 'complaint:read'),
  status: q.status,
  matterCode: q.matterCode,
  channel: q.channel,
  departmentId: q.departmentId,
  overdue: q.overdue,
  supervised: q.supervised,
  keyword: q.keyword,
  today,
});

/** 投诉举报 list: a department sees only those dispatched to it; filters by status, matter, channel, 超期, 督办. */
export async function listComplaints(deps: AppDeps, actor: Actor | null, q: ComplaintQuery) {
  requirePermission(actor, 'complaint:read');
  const today = chinaDate(deps.clock.now());
  const cal = await workCalendar(deps.db);
  const { rows, total } = await findComplaints(deps.db, filterOf(actor, q, today), q);
  return { items: rows.map((r) => itemOf(cal, today, r)), total };
}

/** Counts by status and matter for the chart, within the same filter. */
export async function countComplaints(deps: AppDeps, actor: Actor | null, q: ComplaintQuery) {
  requirePermission(actor, 'complaint:read');
  const { byStatus, byMatter } = await complaintCounts(deps.db, filterOf(actor, q, chinaDate(deps.clock.now())));
  return {
    byStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.n) })),
    byMatter: byMatter.map((r) => ({ matter: r.name, count: Number(r.n) })),
  };
}

type Action = (typeof complaintActions)[number];

/** The buttons the actor's permissions and the complaint's status allow. */
function actionsFor(actor: Actor, c: ComplaintRow, overdue: boolean): Action[] {
  const allowed = (t: keyof typeof complaintTransitions) =>
    (complaintTransitions[t].from as readonly string[]).includes(c.status);
  // The department's own buttons (the joint office may act for it through the API, but does not see them).
  const mine = can(actor, 'complaint:write') && c.department_id !== null && c.department_id === actor.departmentId;
  const actions: Action[] = [];
  if (can(actor, 'complaint:dispatch')) {
    if (allowed('dispatch')) actions.push('dispatch', 'refuse');
    if (allowed('redispatch')) actions.push('redispatch');
  }
  if (mine) {
    if (allowed('accept')) actions.push('accept', 'giveBack');
    if (c.status === '待受理' && !actions.includes('refuse')) actions.push('refuse');
    if (c.status === '核查中' && c.task_id === null && c.subject_id !== null) actions.push('createTask');
    if (allowed('verify')) actions.push('verify');
    if (allowed('reply')) actions.push('reply');
  }
  if (can(actor, 'complaint:supervise') && overdue) {
    if (c.supervision_level === 0) actions.push('supervise');
    if (c.supervision_level === 1) actions.push('escalate');
  }
  return actions;
}

/** The complaint with its history, verification task and findings, its group, and what the actor may do. */
export async function getComplaint(deps: AppDeps, actor: Actor | null, ticketNo: string): Promise<ComplaintDetail> {
  requirePermission(actor, 'complaint:read');
  const r = await findComplaintByTicket(deps.db, ticketNo);
  if (!r || !inComplaintScope(actor, 'complaint:read', r)) throw notFound(`投诉举报 ${ticketNo} `);
  const today = chinaDate(deps.clock.now());
  const cal = await workCalendar(deps.db);
  const group = r.group_id === null ? [] : await groupMembers(deps.db, Number(r.group_id));
  const item = itemOf(cal, today, { ...r, group_size: group.length });
  const [events, checks] = await Promise.all([
    complaintEvents(deps.db, r.id),
    r.task_id !== null && r.department_id !== null
      ? taskChecks(deps.db, Number(r.task_id), Number(r.department_id))
      : Promise.resolve([]),
  ]);
  return {
    ...item,
    content: r.content,
    address: r.address,
    divisionCode: r.division_code,
    industryCode: r.industry_code,
    occurredOn: r.occurred_on,
    anonymous: r.anonymous,
    ackDue: r.ack_due,
    verifyDue: r.verify_due,
    replyDue: r.reply_due,
    verificationMethod: r.verification_method,
    verificationResult: r.verification_result,
    verificationNotes: r.verification_notes,
    reply: r.reply,
    repliedAt: r.replied_at?.toISOString() ?? null,
    supervisionNote: r.supervision_note,
    supervisedAt: r.supervised_at?.toISOString() ?? null,
    rating: r.rating,
    task: r.task_no ? { taskNo: r.task_no, status: r.task_status ?? '' } : null,
    checks: checks.map((c) => ({ content: c.content, result: c.result, notes: c.notes ?? '' })),
    events: events.map((e: ComplaintEventRow & { department_name: string | null }) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      departmentName: e.department_name,
      actorName: e.actor_name,
      note: e.note,
      at: e.at.toISOString(),
    })),
    // A department sees the repeats dispatched to it; the group size still counts them all.
    group: group
      .filter((g) => inComplaintScope(actor, 'complaint:read', g))
      .map((g) => ({
        ticketNo: g.ticket_no,
        title: g.title,
        status: g.status,
        receivedAt: g.received_at.toISOString(),
        departmentName: g.department_name,
      })),
    actions: actionsFor(actor, r, item.deadlineState === '超期'),
  };
}
