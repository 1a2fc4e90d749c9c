import { type Actor, departmentFilter, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { afterPushesCreated } from '../records/record-hooks';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf } from '../shared/paging';
import {
  findDepartmentPush,
  findRegistration,
  insertPushes,
  lockPush,
  acknowledgePush,
} from './dual-notice.repository';
import type { ClaimInput, OverdueView, PoolQuery, PushQuery, PushView } from './dual-notice.schemas';
import {
  caseItemNames,
  inPool,
  lateLicenceFeedbacks,
  overdueAcknowledgements,
  pagePool,
  pagePushes,
} from './push.repository';
import { ackDueOn } from './registration-notice.service';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Where a push stands on `today` (一反馈, 第十一条: within 1 working day). */
export function pushState(ackDue: string, acknowledgedAt: Date | string | null, today: string): PushView['state'] {
  if (acknowledgedAt === null) return today > ackDue ? '逾期未签收' : '待签收';
  return chinaDate(new Date(acknowledgedAt)) > ackDue ? '逾期签收' : '已签收';
}

/** The department inbox: pushes of the actor's department (all departments for an all-scope role). */
export async function listPushes(deps: AppDeps, actor: Actor | null, query: PushQuery) {
  requirePermission(actor, 'dualnotice:push:read');
  const today = chinaDate(deps.clock.now());
  const scoped = departmentFilter(actor, 'dualnotice:push:read');
  const departmentId = scoped ?? query.departmentId ?? null;
  const { total, rows } = await pagePushes(deps.db, {
    departmentId,
    status: query.status,
    keyword: query.keyword,
    today,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  const names = new Map(
    (await caseItemNames(deps.db, [...new Set(rows.map((r) => Number(r.registration_id)))])).map((n) => [
      `${n.registration_id}|${n.code}`,
      n.name,
    ]),
  );
  const items: PushView[] = rows.map((r) => ({
    id: Number(r.id),
    registrationId: Number(r.registration_id),
    registrationNo: r.registration_no,
    event: r.event,
    subjectName: r.name,
    uscc: r.uscc,
    businessScope: r.business_scope,
    priorApproval: r.prior_approval,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    departmentName: r.department_name,
    duty: r.duty,
    route: r.route,
    items: r.approval_item_codes.map((code) => ({ code, name: names.get(`${r.registration_id}|${code}`) ?? code })),
    pushedAt: iso(r.pushed_at)!,
    ackDueOn: r.ack_due_on,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by_name,
    state: pushState(r.ack_due_on, r.acknowledged_at, today),
  }));
  return { total, items, today };
}

/** 签收 (一反馈, 第十条第一项、第十一条): the department confirms it received the registration. */
export async function acknowledge(deps: AppDeps, actor: Actor | null, pushId: number): Promise<PushView['state']> {
  requirePermission(actor, 'dualnotice:push:write');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const push = await lockPush(trx, pushId);
    if (!push || push.department_id === null) throw notFound(`推送 ${pushId} `);
    requireDepartmentScope(actor, 'dualnotice:push:write', Number(push.department_id));
    if (push.acknowledged_at) throw new AppError('CONFLICT', '该推送已签收');
    await acknowledgePush(trx, pushId, actor.userId, now);
    const state = pushState(push.ack_due_on, now, chinaDate(now));
    const reg = await findRegistration(trx, push.registration_id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice.acknowledge',
      entityType: 'registration_push',
      entityId: pushId,
      summary: `${actor.departmentName}签收 ${reg?.registration_no ?? ''} ${reg?.name ?? ''} 的登记信息（${push.duty}，${state}）`,
      before: { acknowledged: false, ackDueOn: push.ack_due_on },
      after: { acknowledged: true, late: state === '逾期签收' },
    });
    return state;
  });
}

export async function listPool(deps: AppDeps, actor: Actor | null, query: PoolQuery) {
  requirePermission(actor, 'dualnotice:push:read');
  const { total, rows } = await pagePool(deps.db, {
    departmentId: actor.departmentId,
    keyword: query.keyword,
    from: query.from,
    to: query.to,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  return {
    total,
    items: rows.map((r) => ({
      registrationId: Number(r.id),
      registrationNo: r.registration_no,
      event: r.event,
      subjectName: r.name,
      uscc: r.uscc,
      businessScope: r.business_scope,
      industryCodes: r.industry_codes,
      address: r.address,
      registeredOn: r.registered_on,
      claims: r.claims ?? [],
    })),
  };
}

/**
 * 认领 (第九条): a department finds in the shared pool a registration within its duties and claims it; the claim is
 * a push acknowledged at once, and calls for follow-up like any push. A department claims a registration once.
 */
export async function claim(deps: AppDeps, actor: Actor | null, registrationId: number, input: ClaimInput) {
  requirePermission(actor, 'dualnotice:push:write');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const reg = await findRegistration(trx, registrationId);
    if (!reg) throw notFound(`登记信息 ${registrationId} `);
    if (reg.event === '注销') throw new AppError('CONFLICT', '注销登记只作告知，无需认领');
    if (await findDepartmentPush(trx, registrationId, actor.departmentId))
      throw new AppError('CONFLICT', `${actor.departmentName}已认领或已收到该登记信息，不能重复认领`);
    if (!(await inPool(trx, registrationId)))
      throw new AppError('CONFLICT', '该登记信息已匹配审批事项并推送至相关部门，不在共享池中');
    const ids = await insertPushes(trx, [
      {
        registration_id: registrationId,
        department_id: actor.departmentId,
        division_code: null,
        duty: input.duty,
        route: '认领',
        approval_item_codes: [],
        pushed_at: now,
        ack_due_on: await ackDueOn(trx, now),
        acknowledged_at: now,
        acknowledged_by: actor.userId,
      },
    ]);
    if (ids.length === 0) throw new AppError('CONFLICT', `${actor.departmentName}已认领该登记信息，不能重复认领`);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice.claim',
      entityType: 'registration_push',
      entityId: ids[0]!,
      summary: `${actor.departmentName}从共享池认领 ${reg.registration_no} ${reg.name}（${input.duty}）${input.note ? `：${input.note}` : ''}`,
      after: { duty: input.duty, note: input.note },
    });
    await afterPushesCreated(trx, deps, ids);
    return { pushId: ids[0]! };
  });
}

/**
 * 双反馈 overdue list (第十一条、第十二条): acknowledgements still open after their day or given late, and licence
 * results reported later than 7 working days after the decision; the actor's department, or all for an all-scope role.
 */
export async function overdueList(deps: AppDeps, actor: Actor | null, departmentId?: number): Promise<OverdueView> {
  requirePermission(actor, 'dualnotice:push:read');
  const today = chinaDate(deps.clock.now());
  const scope = departmentFilter(actor, 'dualnotice:push:read') ?? departmentId ?? null;
  const calendar = await workCalendar(deps.db);
  const late = (due: string, done: string) => unlessYearMissing(() => calendar.countWorkingDays(due, done)) ?? 0;
  const acks = await overdueAcknowledgements(deps.db, today, scope);
  const licences = await lateLicenceFeedbacks(deps.db, scope);
  const rows: OverdueView['rows'] = [
    ...acks.map((a) => ({
      kind: a.acknowledged_on ? ('逾期签收' as const) : ('逾期未签收' as const),
      departmentId: Number(a.department_id),
      departmentName: a.department_name,
      reference: a.registration_no,
      subjectName: a.name,
      dueOn: a.ack_due_on,
      doneOn: a.acknowledged_on,
      lateDays: late(a.ack_due_on, a.acknowledged_on ?? today),
    })),
    ...licences.map((l) => ({
      kind: '许可反馈逾期' as const,
      departmentId: Number(l.department_id),
      departmentName: l.department_name,
      reference: l.decision_doc_no,
      subjectName: l.counterpart_name,
      dueOn: l.due_on,
      doneOn: l.received_on,
      lateDays: late(l.due_on, l.received_on),
    })),
  ];
  const per = new Map<number, OverdueView['departments'][number]>();
  for (const r of rows) {
    const d = per.get(r.departmentId) ?? {
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      openOverdue: 0,
      lateAcknowledged: 0,
      lateLicences: 0,
    };
    if (r.kind === '逾期未签收') d.openOverdue += 1;
    else if (r.kind === '逾期签收') d.lateAcknowledged += 1;
    else d.lateLicences += 1;
    per.set(r.departmentId, d);
  }
  const total = (d: OverdueView['departments'][number]) => d.openOverdue + d.lateAcknowledged + d.lateLicences;
  return { today, rows, departments: [...per.values()].sort((a, b) => total(b) - total(a)) };
}
