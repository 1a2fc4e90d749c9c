import { recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { notify } from '../notifications/notify';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { currentCatalog } from './catalog.service';
import {
  caseItemsOf,
  earlierPushesOfUscc,
  findRegistration,
  insertCase,
  insertCaseItems,
  insertJointReviews,
  insertPushes,
  pushHandlers,
} from './dual-notice.repository';
import { type ProposableItem, jointReviewDepartments, proposeItems, type PushTarget, pushTargets } from './proposal';
import { ACK_WORKING_DAYS, workingDaysAfter } from './push-dates';
import type { PushDuty } from './registration-push.table';

type CaseItemRow = Awaited<ReturnType<typeof caseItemsOf>>[number];

export const activeProposable = (rows: readonly CaseItemRow[]): ProposableItem[] =>
  rows
    .filter((r) => r.removed_at === null)
    .map((r) => ({
      code: r.code,
      name: r.name,
      licensingDepartmentId: Number(r.licensing_department_id),
      supervisingDepartmentIds: r.supervising_department_ids.map(Number),
      enforcementDepartmentIds: r.enforcement_department_ids.map(Number),
      keywords: [],
      industryCodes: [],
      priorApproval: r.prior_approval,
      highRisk: r.high_risk,
      restriction: r.restriction,
    }));

/** The acknowledgement deadline of a push made at `now`: 1 working day after its China date (第十一条). */
export async function ackDueOn(db: Db, now: Date): Promise<string> {
  return workingDaysAfter(await workCalendar(db), chinaDate(now), ACK_WORKING_DAYS);
}

/** Only what the subject's earlier pushes did not already tell a department (a 变更 pushes what is new). */
function newOnly(
  targets: PushTarget[],
  earlier: readonly { department_id: number | null; duty: PushDuty; approval_item_codes: string[] }[],
): PushTarget[] {
  return targets.flatMap((t) => {
    const told = earlier
      .filter((e) => Number(e.department_id) === t.departmentId && e.duty === t.duty)
      .flatMap((e) => e.approval_item_codes);
    const fresh = t.itemCodes.filter((c) => !told.includes(c));
    return fresh.length ? [{ ...t, itemCodes: fresh }] : [];
  });
}

/**
 * 双告知 of a registration that just arrived (hook afterRegistrationReceived, in the intake's transaction):
 * proposes the approval items from the current catalog version (第六条、第八条), pushes the registration to each
 * licensing, supervising and enforcement department of the items and to the subject's 街镇 (二告知, 第九条) with the
 * 1-working-day acknowledgement deadline (第十一条), opens the joint review of high-risk items (第四十三条) and tells
 * the departments. No item, or no department: only the 街镇 is told and the registration waits in the shared pool.
 * A 变更 pushes only new items or departments; a 注销 tells the departments told before, as information.
 * Returns the pushes that call for follow-up (双跟踪): none for a 注销.
 */
export async function proposeAndPush(
  trx: Db,
  deps: AppDeps,
  registrationId: number,
  change: 'new' | 'changed',
): Promise<number[]> {
  const reg = await findRegistration(trx, registrationId);
  if (!reg) return [];
  const now = deps.clock.now();
  const dueOn = await ackDueOn(trx, now);
  const earlier = (await earlierPushesOfUscc(trx, reg.uscc)).filter(() => reg.event !== '设立' || change === 'changed');
  const base = { registration_id: reg.id, pushed_at: now, ack_due_on: dueOn, route: '推送' as const };

  if (reg.event === '注销') {
    await insertCase(trx, reg.id, null, now);
    const told = new Map<string, { departmentId: number; duty: Exclude<PushDuty, '属地街镇'> }>();
    for (const e of earlier)
      if (e.department_id !== null && e.duty !== '属地街镇')
        told.set(`${e.department_id}|${e.duty}`, { departmentId: Number(e.department_id), duty: e.duty });
    const ids = await insertPushes(trx, [
      ...[...told.values()].map((t) => ({
        ...base,
        department_id: t.departmentId,
        division_code: null,
        duty: t.duty,
        approval_item_codes: [],
      })),
      { ...base, department_id: null, division_code: reg.division_code, duty: '属地街镇', approval_item_codes: [] },
    ]);
    await tell(
      trx,
      reg,
      [...told.values()].map((t) => t.departmentId),
      now,
      dueOn,
      '注销',
    );
    await audit(trx, deps, reg, now, { items: [], pushes: ids.length, pooled: false });
    return [];
  }

  const catalog = await currentCatalog(trx);
  const proposed = catalog
    ? proposeItems({ businessScope: reg.business_scope, industryCodes: reg.industry_codes }, catalog.items)
    : [];
  await insertCase(trx, reg.id, catalog?.versionId ?? null, now);
  await insertCaseItems(
    trx,
    proposed.map(({ item, matchedBy }) => ({
      registration_id: reg.id,
      code: item.code,
      name: item.name,
      licensing_department_id: item.licensingDepartmentId,
      supervising_department_ids: item.supervisingDepartmentIds,
      enforcement_department_ids: item.enforcementDepartmentIds,
      prior_approval: item.priorApproval || reg.prior_approval,
      high_risk: item.highRisk,
      restriction: item.restriction,
      source: '目录匹配' as const,
      matched_by: matchedBy,
    })),
  );
  const items = activeProposable(await caseItemsOf(trx, reg.id));
  await insertJointReviews(trx, reg.id, jointReviewDepartments(items));
  const targets = reg.event === '变更' ? newOnly(pushTargets(items), earlier) : pushTargets(items);
  const streetTold = earlier.some((e) => e.duty === '属地街镇' && e.division_code === reg.division_code);
  const ids = await insertPushes(trx, [
    ...targets.map((t) => ({
      ...base,
      department_id: t.departmentId,
      division_code: null,
      duty: t.duty,
      approval_item_codes: t.itemCodes,
    })),
    ...(streetTold
      ? []
      : [
          {
            ...base,
            department_id: null,
            division_code: reg.division_code,
            duty: '属地街镇' as const,
            approval_item_codes: [],
          },
        ]),
  ]);
  await tell(trx, reg, [...new Set(targets.map((t) => t.departmentId))], now, dueOn, reg.event);
  await audit(trx, deps, reg, now, { items: items.map((i) => i.code), pushes: ids.length, pooled: items.length === 0 });
  return ids;
}

type Registration = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

async function tell(trx: Db, reg: Registration, departmentIds: number[], now: Date, dueOn: string, event: string) {
  await notify(trx, now, {
    userIds: await pushHandlers(trx, departmentIds),
    kind: 'registration_pushed',
    title: `${event === '注销' ? '市场主体注销告知' : '新登记市场主体告知'}：${reg.name}`,
    body:
      event === '注销'
        ? `${reg.name}（${reg.uscc}）已办理注销登记，请知悉并于 ${dueOn} 前签收。`
        : `${reg.name}（${reg.uscc}）已办理${event}登记，经营范围涉及本部门职责，请于 ${dueOn} 前在平台签收，并做好后续监管。`,
    link: '/dual-notice/inbox',
  });
}

async function audit(
  trx: Db,
  deps: AppDeps,
  reg: Registration,
  now: Date,
  after: { items: string[]; pushes: number; pooled: boolean },
) {
  await recordAudit(
    trx,
    deps.config.auditHash,
    now,
    { userId: null, name: '双告知自动匹配', departmentId: null, ip: null },
    {
      action: 'dual_notice.propose',
      entityType: 'dual_notice_case',
      entityId: reg.id,
      summary: `${reg.registration_no} ${reg.name}（${reg.event}）：匹配审批事项 ${after.items.length} 项，推送 ${after.pushes} 个部门或街镇${after.pooled ? '，部门不明确，进入共享池' : ''}`,
      after,
    },
  );
}
