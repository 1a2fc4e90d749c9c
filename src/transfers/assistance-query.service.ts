import { type Actor, can, requirePermission, scopeOf } from '../auth/actor';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { findRequest, pageRequests } from './assistance.repository';
import type { AssistanceDetail, AssistanceQuery, AssistanceRow } from './assistance.schemas';
import { requireParty } from './transfer-access';
import { eventsOf, filesOf } from './transfer-common.repository';
import { eventViews, fileViews } from './transfer-query.service';

type Found = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

const rowOf = (r: Omit<Found, 'legal_ground'>, today: string): AssistanceRow => ({
  requestNo: r.request_no,
  kind: r.kind,
  requestingDepartmentId: Number(r.requesting_department_id),
  requestingDepartmentName: r.requesting_name,
  requestedDepartmentId: Number(r.requested_department_id),
  requestedDepartmentName: r.requested_name,
  help: r.help,
  subjectName: r.subject_name,
  dueOn: r.due_on,
  status: r.status,
  overdue: (r.status === '待受理' || r.status === '办理中') && r.due_on < today,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listAssistance(
  deps: AppDeps,
  actor: Actor | null,
  q: AssistanceQuery,
): Promise<Page<AssistanceRow>> {
  requirePermission(actor, 'transfer:read');
  const scope = scopeOf(actor, 'transfer:read') === 'all' ? null : actor.departmentId;
  const page = await pageRequests(deps.db, q, scope, actor.departmentId);
  const today = chinaDate(deps.clock.now());
  return { total: page.total, items: page.items.map((r) => rowOf(r as Found, today)) };
}

export async function getAssistance(deps: AppDeps, actor: Actor | null, requestNo: string): Promise<AssistanceDetail> {
  const what = `协查请求 ${requestNo} `;
  requirePermission(actor, 'transfer:read');
  const r = await findRequest(deps.db, requestNo);
  if (!r) throw notFound(what);
  requireParty(actor, what, [Number(r.requesting_department_id), Number(r.requested_department_id)]);
  const id = Number(r.id);
  const [events, files] = await Promise.all([eventsOf(deps.db, '协查', id), filesOf(deps.db, '协查', id)]);
  const handler = can(actor, 'transfer:write') && Number(r.requested_department_id) === actor.departmentId;
  const open = r.status === '待受理' || r.status === '办理中';
  const actions: AssistanceDetail['actions'] = [];
  if (handler && r.status === '待受理') actions.push('accept');
  if (handler && open) actions.push('answer', 'decline');
  if (handler && open && r.subject_id !== null && r.task_no === null) actions.push('task');
  return {
    ...rowOf(r, chinaDate(deps.clock.now())),
    legalGround: r.legal_ground,
    subjectId: r.subject_id === null ? null : Number(r.subject_id),
    createdBy: r.created_by_name,
    answer: r.answer,
    declinedReason: r.declined_reason,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    task: r.task_no ? { taskNo: r.task_no, status: r.task_status ?? '' } : null,
    actions,
    events: eventViews(events),
    files: fileViews(files),
  };
}
