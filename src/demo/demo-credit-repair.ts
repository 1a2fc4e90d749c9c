import type { Actor } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { addDays, weekday } from '../calendar/calendar-date';
import { unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';
import { recordService } from '../credit-repair/penalty-documents.service';
import { earliestRepairOn, isSeriousPenalty, isUnpublishedPenalty } from '../credit-repair/repair-eligibility';
import { decideRepair } from '../credit-repair/repair-decision.service';
import { addEvidenceOnPortal, applyOnPortal } from '../credit-repair/repair-portal.service';
import { repairQueryCode } from '../credit-repair/repair-query-code';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createPdf, writeParagraph } from '../shared/pdf/pdf-document';
import { at, atClock, workingDayOnOrAfter } from './demo-steps';

const SERVERS: Record<string, string> = { 市市场监督管理局: 'scjg_staff', 市应急管理局: 'yjgl_admin' };
const METHODS = ['直接送达', '电子送达', '邮寄送达', '直接送达', '留置送达'] as const;

interface DemoCreditRepairSummary {
  served: number;
  applications: number;
}

/** The working day on or before `date` (Monday to Friday where the year's holiday notice is not loaded). */
function workingDayOnOrBefore(calendar: WorkCalendar, date: string): string {
  let d = date;
  while (!(unlessYearMissing(() => calendar.isWorkingDay(d)) ?? ![0, 6].includes(weekday(d)))) d = addDays(d, -1);
  return d;
}

async function receiptPdf(title: string, line: string): Promise<Buffer> {
  const { doc, finish } = createPdf({ title });
  writeParagraph(doc, line, 11);
  return finish();
}

/**
 * 五书同达 and 信用修复 in the demo city (after 双公示): the document sets the intake's penalties got are served by the
 * departments (most of them, a few days after the decision; the newest not yet); one company whose penalty's minimum
 * publicity passed applied on the portal, was accepted and approved (its penalty is no longer public); another applied
 * yesterday and awaits acceptance within its deadline.
 */
export async function seedDemoCreditRepair(
  deps: AppDeps,
  actorOf: (username: string) => Promise<Actor>,
): Promise<DemoCreditRepairSummary> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const calendar = await workCalendar(deps.db);
  const sets = await deps.db
    .selectFrom('penalty_document_sets as s')
    .innerJoin('penalty_records as p', 'p.id', 's.penalty_id')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .leftJoin('publications as pub', (j) => j.onRef('pub.record_id', '=', 'p.id').on('pub.kind', '=', '行政处罚'))
    .select([
      's.penalty_id',
      's.set_no',
      'p.decided_on',
      'p.uscc',
      'p.categories',
      'd.name as department',
      'pub.status',
    ])
    .orderBy('p.decided_on')
    .orderBy('s.id')
    .execute();
  let served = 0;
  for (const [i, s] of sets.entries()) {
    const username = s.department ? SERVERS[s.department] : undefined;
    const servedOn = workingDayOnOrAfter(calendar, addDays(s.decided_on, 1 + (i % 3)));
    if (!username || servedOn >= today || i % 6 === 5) continue;
    const method = METHODS[i % METHODS.length]!;
    const actor = await actorOf(username);
    const input = { method, servedOn, servedBy: `${actor.name}、王磊`, eSigned: method === '电子送达' };
    const receipt = input.eSigned
      ? undefined
      : {
          fileName: '送达回证.pdf',
          contentType: 'application/pdf',
          data: await receiptPdf('送达回证', `${s.set_no} ${method} ${servedOn}`),
        };
    await recordService(atClock(deps, at(servedOn, '15:30')), actor, s.penalty_id, input, receipt);
    served += 1;
  }

  // Applicants: published company penalties whose minimum publicity had passed on the day they applied.
  const candidates = sets.filter(
    (s) =>
      s.uscc &&
      (s.status === '已公示' || s.status === '已更新') &&
      !isSeriousPenalty(s.categories) &&
      !isUnpublishedPenalty(s.categories),
  );
  const credit = await actorOf('fgw_xy');
  let applications = 0;
  const plan = [
    { days: -8, approve: true },
    { days: -1, approve: false },
  ];
  const used = new Set<number>();
  for (const [i, step] of plan.entries()) {
    const day = workingDayOnOrBefore(calendar, addDays(today, step.days));
    const s = candidates.find((c) => !used.has(c.penalty_id) && earliestRepairOn(c.decided_on) <= day);
    if (!s) continue;
    used.add(s.penalty_id);
    const when = at(day, '09:40');
    const queryCode = await repairQueryCode(deps.db, when, s.set_no);
    const applied = await applyOnPortal(
      atClock(deps, when),
      {
        uscc: s.uscc!,
        queryCode,
        statements: ['已履行行政处罚决定', '已纠正失信行为', '信用承诺'],
        statementText:
          '罚款已于处罚决定送达后十五日内缴清，涉案问题已全部整改，建立了内部合规检查制度，并作出信用承诺。',
        contactName: i === 0 ? '刘敏' : '陈建国',
        contactPhone: i === 0 ? '0633-8216675' : '13806331298',
      },
      null,
    );
    const evidence = {
      fileName: '罚款缴款凭证.pdf',
      contentType: 'application/pdf',
      data: await receiptPdf('罚款缴款凭证', `缴款人 ${s.uscc}`),
    };
    await addEvidenceOnPortal(
      atClock(deps, new Date(when.getTime() + 600_000)),
      applied.repairNo,
      queryCode,
      evidence,
      null,
    );
    applications += 1;
    if (!step.approve) continue;
    const accepted = workingDayOnOrAfter(calendar, addDays(day, 1));
    await decideRepair(atClock(deps, at(accepted, '10:15')), credit, applied.repairNo, { action: 'accept' });
    const approved = workingDayOnOrAfter(calendar, addDays(accepted, 2));
    if (approved < today)
      await decideRepair(atClock(deps, at(approved, '16:05')), credit, applied.repairNo, {
        action: 'approve',
        reason: '已履行行政处罚决定并完成整改，作出信用承诺，最短公示期已满，符合信用修复条件',
      });
  }
  return { served, applications };
}
