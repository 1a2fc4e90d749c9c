import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import { rolesOfUser } from '../auth/session.service';
import { addDays, weekday } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { commitRound, runRoundDraw } from '../draw/draw.service';
import { drawRunInput, roundCommitInput } from '../draw/draw.schemas';
import { chinaInstant, chinaMinute } from '../draw/round-rules';
import { publishAnnouncement } from '../draw/task-announcement.service';
import { recordOffsite } from '../inspection-records/inspection-record.service';
import { offsiteInput } from '../inspection-records/inspection-record.schemas';
import { getInspection } from '../inspections/inspection.service';
import { checkIn, scheduleVisit } from '../inspections/inspection-visit.service';
import { recordResult, submitResults } from '../inspections/inspection-recording.service';
import { changeInspector, getInspector } from '../inspectors/inspector.service';
import { inspectorUpdate } from '../inspectors/inspector.schemas';
import { evaluationInput } from '../notices/notice.schemas';
import { issueNotice } from '../notices/notice.service';
import { submitEvaluation } from '../notices/notice-evaluation.service';
import { approveResults } from '../results/result-review.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { DEMO_PASSWORD } from './demo-departments';
import { seededRandom, type SeededRandom } from '../shared/seeded-random';
import { type DemoLifecycle, emptyLifecycle, planLifecycleDemo } from './demo-lifecycle';
import { planInspectorAgenda } from './demo-inspector-agenda';
import {
  at,
  atClock,
  daysBetween,
  type DemoSteps,
  type DemoTask,
  type OnSitePlan,
  workingDayOnOrAfter,
} from './demo-steps';
import { seedDemoPublicity } from './demo-publicity';
import { seedDemoCreditRepair } from './demo-credit-repair';
import { seedDemoCreditRecords } from './demo-credit-records';
import { seedDemoCreditEvaluation } from './demo-credit-evaluation';
import { seedDemoKeyTargets } from './demo-key-targets';
import { seedDemoRiskAssessments } from './demo-risk-assessment';
import { seedDemoCreditMeasures } from './demo-credit-measures';
import { decideDemoRewards, seedDemoComplaintIntake } from './demo-complaint-intake';
import { seedDemoAggregation } from './demo-aggregation';
import { seedDemoWarnings } from './demo-warnings';
import { seedDemoPerformance } from './demo-performance';
import { seedDemoTransfers } from './demo-transfers';
import { seedDemoPortalContent } from './demo-portal-content';
import { seedDemoComplaints } from './demo-complaint-arrivals';
import { type DemoNotices, planNoticeDemo } from './demo-notices';
import { planFollowUpDemo } from './demo-follow-ups';
import { planRecordsDemo } from './demo-records';
import { planDualNoticeDemo } from './demo-dual-notice';

/** Sampling items of the demo round: five departments whose industries overlap, so some tasks are joint. */
const ROUND_ITEMS = ['SCJG-CC-02', 'XFJY-CC-01', 'WSJK-CC-01', 'YJGL-CC-02', 'STHJ-CC-01'];
/** At most this many tasks are carried through the lifecycle: start-up stays quick. */
const MAX_TASKS = 70;

const findings = [
  '从业人员健康证明已过期，现场责令限期办理',
  '消防通道堆放杂物，已当场要求清理',
  '进货查验记录不完整，缺少部分供货商资质',
  '应急预案未按规定组织演练',
  '灭火器压力不足，需更换',
  '危险废物贮存场所标识不规范',
  '台账记录不规范，部分日期缺失',
];
const praise = [
  '检查人员态度很好，讲解清楚',
  '流程规范，没有影响正常经营',
  '一次检查多个部门一起来，省了不少事',
  '',
  '',
  '指出的问题很具体，我们马上整改',
];
const complaints = [
  '检查时间过长，影响了营业',
  '检查人员未出示执法证件便开始检查',
  '对整改期限的要求不合理，希望给予更多时间',
];

/** The actor a session of `username` resolves to (same roles as resolveSession), without a session. */
export async function actorOfUser(db: Db, username: string): Promise<Actor> {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.username', 'u.name', 'u.department_id', 'd.name as department_name'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    name: user.name,
    departmentId: user.department_id,
    departmentName: user.department_name,
    roles: await rolesOfUser(db, user.id),
    sessionId: 'demo',
    sessionKind: 'browser',
    ip: null,
  };
}

function shuffle<T>(rnd: SeededRandom, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i -= 1) {
    const j = rnd.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export interface DemoActivitySummary {
  /** The round's tasks, and of them those inspected, published (已办结), and the evaluations of every task. */
  tasks: number;
  inspected: number;
  published: number;
  evaluations: number;
  /** The tasks of the other sources: a joint task (合并), a special plan's tasks (专项), a confirmed registration (登记). */
  lifecycle: DemoLifecycle;
  /** A 查询码 given again, and a joint visit half inspected with its submitted part evaluated (demo-notices.ts). */
  notices: DemoNotices;
}

/**
 * The lottery the demo round declares: the last 福彩双色球 draw (Tuesday, Thursday, Sunday 21:15 China
 * time) after the commitment and before the draw, whose numbers are entered only after it; when the two
 * are too close for one (early in January), a draw half-way between them.
 */
function demoLottery(commitAt: Date, drawAt: Date): { drawsAt: string; description: string } {
  let found: string | null = null;
  for (let d = chinaDate(commitAt); d <= chinaDate(drawAt); d = addDays(d, 1)) {
    const draws = at(d, '21:15');
    if ([0, 2, 4].includes(weekday(d)) && draws > commitAt && draws < drawAt) found = d;
  }
  if (found) return { drawsAt: chinaInstant(found, '21:15'), description: `${found} 福彩双色球开奖号码（三组）` };
  const [date, time] = chinaMinute(new Date((commitAt.getTime() + drawAt.getTime()) / 2)).split(' ') as [
    string,
    string,
  ];
  return { drawsAt: chinaInstant(date, time), description: `${date} ${time} 开奖的演示用彩票号码（三组）` };
}

/**
 * Demo business activity after a fresh demo seed: one committed and drawn round with its announcement, then
 * inspections carried through the real services at past instants (schedule, notice, check-in, results,
 * approval and publication, the subjects' evaluations, a few off-site checks); and, among those steps, the tasks
 * of the other sources (demo-lifecycle.ts: a merged joint visit, a special plan, a confirmed registration) and the demo
 * inspectors' week (demo-inspector-agenda.ts). Deterministic.
 */
export async function seedDemoActivity(deps: AppDeps): Promise<DemoActivitySummary> {
  const rnd = seededRandom(20260105);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const lianxi = await actorOfUser(deps.db, 'lianxi');
  const admin = await actorOfUser(deps.db, 'admin');

  // The round: committed Jan 5, drawn Jan 8, announced Jan 9 (or today, early in January).
  const windowFrom = `${year}-01-10` <= today ? `${year}-01-10` : today;
  // The window runs to the year's end, so whoever tries the demo can still schedule and check in today.
  const windowTo = `${year}-12-31`;
  const dayOrToday = (d: string) => (d <= today ? d : today);
  const commitAt =
    at(dayOrToday(`${year}-01-05`), '09:30') < now
      ? at(dayOrToday(`${year}-01-05`), '09:30')
      : new Date(now.getTime() - 3 * 3_600_000);
  const drawAt = new Date(Math.min(at(dayOrToday(`${year}-01-08`), '10:00').getTime(), now.getTime() - 2 * 3_600_000));
  const announceAt = new Date(Math.min(at(dayOrToday(`${year}-01-09`), '09:00').getTime(), now.getTime() - 3_600_000));

  const items = await deps.db
    .selectFrom('sampling_items')
    .select(['id', 'code'])
    .where('code', 'in', ROUND_ITEMS)
    .where('published', '=', true)
    .where('status', '=', '有效')
    .execute();
  if (items.length === 0)
    return {
      tasks: 0,
      inspected: 0,
      published: 0,
      evaluations: 0,
      lifecycle: emptyLifecycle(),
      notices: { reissuedTaskNo: null, partialTaskNo: null },
    };
  const title = `${year} 年第一批跨部门联合抽查`;
  const lottery = demoLottery(commitAt, drawAt);
  const round = await commitRound(
    atClock(deps, commitAt),
    lianxi,
    roundCommitInput.parse({
      title,
      year,
      window: { from: windowFrom, to: windowTo },
      samplingItemIds: items.map((i) => i.id),
      design: 'fixed',
      entropy: { kind: 'lottery', description: lottery.description, sources: 3, drawsAt: lottery.drawsAt },
    }),
  );
  const record = await runRoundDraw(
    atClock(deps, drawAt),
    lianxi,
    round.roundNo,
    drawRunInput.parse({ reveal: { kind: 'lottery', keyString: '9319./2.5.8.10.12./9.18.26.34.41.45./' } }),
  );
  await publishAnnouncement(atClock(deps, announceAt), lianxi, record.recordNo, {});

  // The staffed tasks of the record, each with the first inspector per department.
  const rows = await deps.db
    .selectFrom('inspection_tasks as t')
    .innerJoin('draw_records as r', 'r.id', 't.draw_record_id')
    .innerJoin('inspection_task_inspectors as ti', 'ti.task_id', 't.id')
    .select(['t.task_no', 'ti.department_id', 'ti.inspector_id'])
    .where('r.record_no', '=', record.recordNo)
    .where('t.status', '=', '已发布')
    .orderBy('t.id')
    .orderBy('ti.inspector_id')
    .execute();
  const byTask = new Map<string, DemoTask>();
  for (const r of rows) {
    const task = byTask.get(r.task_no) ?? { taskNo: r.task_no, inspectors: [] };
    if (!task.inspectors.some((i) => i.departmentId === Number(r.department_id)))
      task.inspectors.push({ departmentId: Number(r.department_id), inspectorId: Number(r.inspector_id) });
    byTask.set(r.task_no, task);
  }
  const totalTasks = (
    await deps.db
      .selectFrom('inspection_tasks as t')
      .innerJoin('draw_records as r', 'r.id', 't.draw_record_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.record_no', '=', record.recordNo)
      .executeTakeFirstOrThrow()
  ).n;
  const chosen = shuffle(rnd, [...byTask.values()]).slice(0, MAX_TASKS);

  // Which inspection each chosen task gets. Past visits lie between the announcement and yesterday, inside the window.
  const firstVisit = addDays(chinaDate(announceAt), 3) > windowFrom ? addDays(chinaDate(announceAt), 3) : windowFrom;
  const lastPast = addDays(today, -1) < windowTo ? addDays(today, -1) : windowTo;
  const pastSpan = daysBetween(firstVisit, lastPast);
  const futureFrom = addDays(today, 2);
  const futureSpan = daysBetween(futureFrom, windowTo);
  const inspectedCount = pastSpan >= 0 ? Math.round(chosen.length * 0.5) : 0;
  const scheduledCount = Math.round(chosen.length * 0.2);
  const inspected = chosen.slice(0, inspectedCount);
  const scheduled = chosen.slice(inspectedCount, inspectedCount + scheduledCount);
  const offsiteCount = Math.min(5, Math.floor(inspected.length / 10));

  // Accounts for the inspectors who check in (the demo's own inspector accounts stay as they are).
  const usernameOf = new Map<number, string>();
  let passwordHash: string | null = null;
  /** Gives each of these inspectors a user account (created at `createdAt`, linked to the inspector at `linkAt`) unless they have one. */
  const ensureAccounts = async (inspectorIds: Iterable<number>, createdAt: Date, linkAt: Date) => {
    const wanted = [...new Set(inspectorIds)];
    const linked = await deps.db
      .selectFrom('inspectors as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['i.id', 'u.username'])
      .where('i.id', 'in', [0, ...wanted])
      .execute();
    for (const l of linked) usernameOf.set(Number(l.id), l.username);
    const missing = wanted.filter((id) => !usernameOf.has(id)).sort((a, b) => a - b);
    if (missing.length === 0) return;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    const people = await deps.db
      .selectFrom('inspectors')
      .select(['id', 'name', 'phone', 'id_card_masked', 'department_id'])
      .where('id', 'in', missing)
      .execute();
    const linkDeps = atClock(deps, linkAt);
    for (const p of people) {
      const username = `jc${String(p.id).padStart(4, '0')}`;
      const user = await deps.db
        .insertInto('users')
        .values({
          username,
          name: p.name,
          id_card_masked: p.id_card_masked,
          phone: p.phone,
          department_id: p.department_id,
          status: 'active',
          password_hash: passwordHash,
          last_login_at: null,
          password_changed_at: createdAt,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await deps.db.insertInto('user_roles').values({ user_id: user.id, role_code: 'inspector' }).execute();
      const i = await getInspector(linkDeps, admin, Number(p.id));
      await changeInspector(linkDeps, admin, Number(p.id), {
        name: i.name,
        phone: i.phone,
        departmentId: i.departmentId,
        userId: user.id,
        certificateNo: i.certificateNo,
        certificateIssuedOn: i.certificateIssuedOn,
        certificateValidUntil: i.certificateValidUntil,
        fields: inspectorUpdate.shape.fields.parse(i.fields),
        qualifiedSamplingItemCodes: i.qualifiedSamplingItemCodes,
        status: i.status,
        capacityPerMonth: i.capacityPerMonth,
      });
      usernameOf.set(Number(p.id), username);
    }
  };
  await ensureAccounts(
    inspected.slice(offsiteCount).flatMap((t) => t.inspectors.map((i) => i.inspectorId)),
    announceAt,
    new Date(announceAt.getTime() + 30 * 60_000),
  );
  const actors = new Map<string, Actor>();
  const actor = async (username: string) => {
    let a = actors.get(username);
    if (!a) actors.set(username, (a = await actorOfUser(deps.db, username)));
    return a;
  };

  // Every step with its instant; run in time order so the audit trail reads like the months it describes.
  const events: { when: Date; run: (d: AppDeps) => Promise<unknown> }[] = [];
  const add = (when: Date, run: (d: AppDeps) => Promise<unknown>) => {
    if (when.getTime() < now.getTime()) events.push({ when, run });
  };

  /** Each department of the task approves its results through the joint office; the last approval publishes the result. */
  const approveAll = (task: DemoTask, on: string) =>
    add(at(on, '10:00'), async (d) => {
      if (!task.taskNo) return;
      for (const i of task.inspectors) await approveResults(d, lianxi, task.taskNo, { departmentId: i.departmentId });
    });
  /**
   * An on-site inspection: scheduled with its notice on `scheduledOn`, checked in on `visitOn` by the task's first
   * recorder, each department's results by its recorder, the subject's evaluation (random unless given) and, on
   * `approveOn`, the approval and publication. A task whose number is still empty when its step comes (it was never
   * created) is left alone.
   */
  const onSite = (task: DemoTask, v: OnSitePlan) => {
    let token = '';
    let queryCode = '';
    const recorder = (inspectorId: number) => actor(usernameOf.get(inspectorId)!);
    add(at(v.scheduledOn, '15:00'), async (d) => {
      if (!task.taskNo) return;
      await scheduleVisit(d, lianxi, task.taskNo, { visitOn: v.visitOn });
      const notice = await issueNotice(atClock(d, new Date(d.clock.now().getTime() + 60_000)), lianxi, task.taskNo);
      token = notice.code!.token;
      queryCode = notice.queryCode ?? '';
    });
    add(at(v.visitOn, `09:${String(10 + rnd.int(40))}`), async (d) => {
      if (!task.taskNo) return;
      await checkIn(d, await recorder(task.inspectors[0]!.inspectorId), task.taskNo);
    });
    add(at(v.visitOn, `11:${String(10 + rnd.int(40))}`), async (d) => {
      if (!task.taskNo) return;
      const view = await getInspection(d, lianxi, task.taskNo);
      for (const [k, i] of task.inspectors.entries()) {
        const who = await recorder(i.inspectorId);
        const checks = view.departments.find((x) => x.id === i.departmentId)?.checks ?? [];
        for (const [c, check] of checks.entries()) {
          const bad = v.finding !== null && k === 0 && c === 0;
          await recordResult(d, who, task.taskNo, check.checkItemId, {
            result: bad ? '不符合' : '符合',
            notes: bad ? v.finding! : '',
          });
        }
        await submitResults(d, who, task.taskNo, {});
      }
    });
    // The evaluation's comments are drawn when it is submitted, as they always were (the round's demo stays as it was).
    let evaluate: (() => { satisfaction: number; comments: string; complaint: boolean; complaintText: string }) | null =
      null;
    if (v.evaluation !== undefined)
      evaluate = v.evaluation && (() => ({ ...v.evaluation!, complaint: false, complaintText: '' }));
    else if (rnd.next() < 0.6) {
      const low = rnd.next() < 0.08;
      const satisfaction = low
        ? 1 + rnd.int(2)
        : rnd.weighted([
            [5, 6],
            [4, 3],
            [3, 1],
          ] as const);
      evaluate = () => ({
        satisfaction,
        comments: low ? '' : rnd.pick(praise),
        complaint: low,
        complaintText: low ? rnd.pick(complaints) : '',
      });
    }
    if (evaluate) {
      const e = evaluate;
      add(at(addDays(v.visitOn, 1 + rnd.int(5)), '16:20'), async (d) => {
        if (token) await submitEvaluation(d, token, evaluationInput.parse({ queryCode, ...e() }), null);
      });
    }
    if (v.approveOn) approveAll(task, v.approveOn);
  };

  const calendar = await workCalendar(deps.db);
  const visitDay = (date: string) => workingDayOnOrAfter(calendar, date);
  for (const [n, task] of inspected.entries()) {
    const visitOn = visitDay(addDays(firstVisit, rnd.int(pastSpan + 1)));
    if (visitOn > lastPast) continue;
    const approveRoll = rnd.next();
    const lateApproval = approveRoll < 0.15;
    const approve = approveRoll < 0.8;
    const approveOn = addDays(visitOn, lateApproval ? 32 + rnd.int(20) : 2 + rnd.int(10));
    if (n < offsiteCount) {
      // Off-site: the joint office records each department's check from monitoring data.
      add(at(visitOn, '14:00'), async (d) => {
        const view = await getInspection(d, lianxi, task.taskNo);
        for (const dep of view.departments) {
          await recordOffsite(
            d,
            lianxi,
            task.taskNo,
            offsiteInput.parse({
              departmentId: dep.id,
              method: '在线监测数据与视频巡查比对',
              dataSource: '市一体化监管平台在线监测数据',
              conductedOn: visitOn,
              results: dep.checks.map((c) => ({ checkItemId: c.checkItemId, result: '符合' })),
            }),
          );
        }
      });
      if (approve) approveAll(task, approveOn);
      continue;
    }
    const lead = addDays(visitOn, -(2 + rnd.int(8)));
    const scheduledOn = lead < chinaDate(announceAt) ? chinaDate(announceAt) : lead;
    const finding = rnd.next() < 0.2 ? rnd.pick(findings) : null;
    onSite(task, { scheduledOn, visitOn, finding, approveOn: approve ? approveOn : null });
  }
  for (const task of scheduled) {
    // Future visits when the window still allows; otherwise scheduled earlier and not (yet) carried out.
    const future = futureSpan >= 0;
    const visitOn = future
      ? visitDay(addDays(futureFrom, rnd.int(futureSpan + 1)))
      : pastSpan >= 0
        ? visitDay(addDays(lastPast, -rnd.int(Math.min(20, pastSpan) + 1)))
        : null;
    if (!visitOn || visitOn > windowTo) continue;
    const scheduledOn = future
      ? addDays(today, -1 - rnd.int(3))
      : addDays(visitOn, -3) < chinaDate(announceAt)
        ? chinaDate(announceAt)
        : addDays(visitOn, -3);
    add(at(scheduledOn, '16:00'), (d) => scheduleVisit(d, lianxi, task.taskNo, { visitOn }));
  }

  const steps: DemoSteps = {
    deps,
    now,
    today,
    year,
    windowTo,
    firstVisit,
    lastPast,
    recordNo: record.recordNo,
    busyTaskNos: new Set([...inspected, ...scheduled].map((t) => t.taskNo)),
    add,
    onSite,
    actor,
    usernameOf,
    ensureAccounts,
  };
  const lifecycle = await planLifecycleDemo(steps);
  await planInspectorAgenda(steps);
  const notices = await planNoticeDemo(steps);
  await planFollowUpDemo(steps);
  await planRecordsDemo(steps);
  await planDualNoticeDemo(steps);

  events.sort((a, b) => a.when.getTime() - b.when.getTime());
  for (const e of events) await e.run(atClock(deps, e.when));
  // 双公示 of the licences and penalties received (demo-publicity.ts).
  await seedDemoPublicity(deps, (username) => actorOfUser(deps.db, username));
  // 五书同达 served and two credit repair applications (demo-credit-repair.ts).
  await seedDemoCreditRepair(deps, (username) => actorOfUser(deps.db, username));
  // 信用记录 sent by departments (demo-credit-records.ts); the derived ones arrived with the records above.
  await seedDemoCreditRecords(deps, (username) => actorOfUser(deps.db, username));
  // The last quarter's credit evaluation, pushed (demo-credit-evaluation.ts).
  await seedDemoCreditEvaluation(deps, (username) => actorOfUser(deps.db, username));
  // 重点抽查对象 listed by hand (demo-key-targets.ts); derived ones came through the credit hooks above.
  await seedDemoKeyTargets(deps, (username) => actorOfUser(deps.db, username));
  // 行业安全风险评估: one rule-based, one from a third party's file, both issued (demo-risk-assessment.ts).
  await seedDemoRiskAssessments(deps, (username) => actorOfUser(deps.db, username));
  // 联合奖惩: the list, cases and departments' feedback (demo-credit-measures.ts).
  await seedDemoCreditMeasures(deps, (username) => actorOfUser(deps.db, username));
  // 投诉举报: the joint office's dispatch rules, complaints carried through every state of handling
  // (demo-complaint-arrivals.ts, -handling.ts), more arriving on every channel (demo-complaint-intake.ts), then the
  // joint office decides rewards on the verified tips.
  await seedDemoComplaints(deps, (username) => actorOfUser(deps.db, username));
  await seedDemoComplaintIntake(deps, (username) => actorOfUser(deps.db, username));
  await decideDemoRewards(deps, (username) => actorOfUser(deps.db, username));
  // 风险预警: the rules run on the city's data, some warnings disposed of (demo-warnings.ts).
  await seedDemoWarnings(deps, (username) => actorOfUser(deps.db, username));
  // 移送与协查: transfers in every state, assistance requests, a 抄告 (demo-transfers.ts).
  await seedDemoTransfers(deps, (username) => actorOfUser(deps.db, username));
  // 监管履职评价: the indicator system, last year's annual evaluation, daily snapshots, 整改通知 (demo-performance.ts).
  await seedDemoPerformance(deps, (username) => actorOfUser(deps.db, username));
  // 服务门户: knowledge base, 一业一册, 监管动态 and 曝光台 (demo-portal-content.ts).
  await seedDemoPortalContent(deps, (username) => actorOfUser(deps.db, username));
  // 数据汇聚: departments' batches with anomalies, an online entry, 未报送, a provincial export (demo-aggregation.ts).
  await seedDemoAggregation(deps, (username) => actorOfUser(deps.db, username));
  // The messages of those months were pushed back then: the dispatcher must not send them all now.
  await deps.db
    .updateTable('outbound_messages')
    .set((eb) => ({ status: '已发送', sent_at: eb.ref('created_at'), attempts: 1 }))
    .where('status', '=', '待发送')
    .where('created_at', '<', now)
    .execute();
  // Sent: the 查询码 those messages to the subjects carried is not kept (as the dispatcher does on sending).
  await deps.db
    .updateTable('outbound_contact_messages')
    .set({ secret: null })
    .where('secret', 'is not', null)
    .where('message_id', 'in', deps.db.selectFrom('outbound_messages').select('id').where('status', '=', '已发送'))
    .execute();

  const counts = await deps.db
    .selectFrom('inspection_tasks as t')
    .innerJoin('draw_records as r', 'r.id', 't.draw_record_id')
    .select('t.status')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.record_no', '=', record.recordNo)
    .groupBy('t.status')
    .execute();
  const count = (...statuses: string[]) =>
    counts.filter((c) => statuses.includes(c.status)).reduce((s, c) => s + Number(c.n), 0);
  const evaluations = Number(
    (
      await deps.db
        .selectFrom('inspection_evaluations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    tasks: Number(totalTasks),
    inspected: count('已检查', '已办结'),
    published: count('已办结'),
    evaluations,
    lifecycle,
    notices,
  };
}
