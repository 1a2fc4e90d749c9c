import { intakeInput } from '../complaints/complaint-intake.schemas';
import { enterAtCounter } from '../complaints/complaint-intake.service';
import type { Actor } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { handleDemoComplaints, seedDemoDispatchRules } from './demo-complaint-handling';
import { at, atClock } from './demo-steps';

export interface DemoArrival {
  key: string;
  receivedAt: Date;
  matterCode: string;
  subject: { id: number; uscc: string; name: string; divisionCode: string } | null;
  subjectName?: string;
  title: string;
  content: string;
}

/** The tips among the demo complaints (举报, the whistle-blower may be rewarded once it is verified). */
const TIPS = new Set(['closedTrue', 'awaitingReply', 'escalated']);
const NAMES = ['刘女士', '陈先生', '赵女士', '孙先生', '杨女士', '黄先生'];

/**
 * Complaints arriving at the joint office's window (窗口录入) through the intake service, each at its own time, so the
 * arrival hook dispatches them by the rules and groups repeats as it does for any channel. Some tips are anonymous.
 * Returns the ids by key.
 */
export async function receiveDemoComplaints(deps: AppDeps, counter: Actor, arrivals: readonly DemoArrival[]) {
  const ids = new Map<string, number>();
  for (const [i, a] of arrivals.entries()) {
    const tip = TIPS.has(a.key);
    const anonymous = tip && i % 2 === 0;
    const filed = await enterAtCounter(
      atClock(deps, a.receivedAt),
      counter,
      intakeInput.parse({
        kind: tip ? '举报' : '投诉',
        matterCode: a.matterCode,
        subject: { name: a.subject?.name ?? a.subjectName ?? '', ...(a.subject ? { uscc: a.subject.uscc } : {}) },
        title: a.title,
        content: a.content,
        anonymous,
        ...(anonymous
          ? {}
          : { complainant: { name: NAMES[i % NAMES.length]!, phone: `1380633${String(4100 + i * 29)}` } }),
      }),
    );
    const row = await deps.db
      .selectFrom('complaints')
      .select('id')
      .where('ticket_no', '=', filed.ticketNo)
      .executeTakeFirstOrThrow();
    ids.set(a.key, Number(row.id));
  }
  return ids;
}

type Subject = NonNullable<DemoArrival['subject']>;

/** A subject of the register with another department's visit planned in the coming weeks (for a merged check). */
async function subjectWithPlannedVisit(deps: AppDeps, today: string, excludeDepartmentId: number) {
  const row = await deps.db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['s.id', 's.uscc', 's.name', 's.division_code'])
    .where('t.status', 'in', ['待发布', '已发布'])
    .where('t.window_to', '>=', today)
    .where('t.window_from', '<=', today)
    .where('s.whitelisted', '=', false)
    .where('s.status', '=', '存续')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspection_task_items as i')
            .select('i.task_id')
            .whereRef('i.task_id', '=', 't.id')
            .where('i.department_id', '=', excludeDepartmentId),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('merge_proposal_sources as ps').select('ps.task_id').whereRef('ps.task_id', '=', 't.id'))),
    )
    .orderBy('t.id')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: Number(row.id), uscc: row.uscc, name: row.name, divisionCode: row.division_code } : null;
}

/** The demo complaints: which matter and subject each concerns and when it arrived (working days before today). */
export async function demoArrivals(deps: AppDeps, scjgId: number): Promise<DemoArrival[]> {
  const cal = await workCalendar(deps.db);
  const today = chinaDate(deps.clock.now());
  const day = (n: number, time: string) => at(cal.addWorkingDays(today, -n), time);
  const register = await deps.db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'name', 'division_code'])
    .where('status', '=', '存续')
    .orderBy('id')
    .offset(40)
    .limit(10)
    .execute();
  const s = (i: number): Subject => {
    const r = register[i % register.length]!;
    return { id: Number(r.id), uscc: r.uscc, name: r.name, divisionCode: r.division_code };
  };
  const planned = (await subjectWithPlannedVisit(deps, today, scjgId)) ?? s(9);
  const a = (
    key: string,
    n: number,
    time: string,
    matterCode: string,
    subject: Subject | null,
    title: string,
    content: string,
    subjectName?: string,
  ): DemoArrival => ({ key, receivedAt: day(n, time), matterCode, subject, subjectName, title, content });
  return [
    a(
      'closedTrue',
      25,
      '09:20',
      'SPAQ',
      s(0),
      '超市销售过期食品',
      '在该超市购买的酸奶已超过保质期三天，货架上还有多盒。',
    ),
    a(
      'escalated',
      20,
      '14:05',
      'AQSC',
      s(1),
      '仓库消防通道堆放货物',
      '厂区仓库安全出口被货物堵塞，员工反映多次未整改。',
    ),
    a('closedFalse', 18, '10:40', 'XFQY', s(2), '健身会员卡拒不退费', '门店停业后拒绝退还会员卡余额。'),
    a('awaitingReply', 10, '16:10', 'JGSF', s(3), '商品未明码标价', '部分商品没有价签，结账价格高于货架标示。'),
    a('overdue', 8, '09:50', 'SPAQ', s(4), '餐馆后厨卫生脏乱', '透过明厨亮灶看到后厨地面积水、生熟不分。'),
    a('repeatFirst', 7, '11:30', 'XFQY', s(5), '预付卡消费后门店关门', '美容店收取预付费后突然关门，无法联系。'),
    a(
      'returned',
      6,
      '15:00',
      'WHLY',
      null,
      '景区门票预约不上',
      '景区线上预约系统长期显示约满，现场却可高价购票。',
      '某景区',
    ),
    a(
      'refused',
      6,
      '09:15',
      'QT',
      null,
      '小区物业乱收费',
      '物业公司要求业主缴纳额外的电梯维修费用。',
      '某物业服务公司',
    ),
    a('onsite', 4, '10:20', 'SPAQ', planned, '面包房使用过期原料', '员工反映店内使用过期奶油制作蛋糕。'),
    a(
      'repeatSecond',
      2,
      '13:40',
      'XFQY',
      s(5),
      '预付卡门店关门仍未退款',
      '同一家美容店，预付卡余额仍未退还，多名顾客受损。',
    ),
    a('fresh', 1, '10:05', 'SPAQ', s(6), '外卖食品中发现异物', '通过外卖平台订购的盒饭中发现金属丝。'),
    a('queue', 1, '17:20', 'QT', null, '培训机构虚假宣传', '培训机构宣传“保过”，未通过后拒不退费。', '某教育培训机构'),
  ];
}

/**
 * The demo's complaints on this branch: the joint office's dispatch rules, the complaints arriving at the window,
 * then their handling (demo-complaint-handling.ts).
 */
export async function seedDemoComplaints(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const scjg = await actorOf('scjg_admin');
  const cal = await workCalendar(deps.db);
  const rulesOn = at(cal.addWorkingDays(chinaDate(deps.clock.now()), -30), '09:00');
  await seedDemoDispatchRules(deps, actorOf, rulesOn);
  const ids = await receiveDemoComplaints(deps, await actorOf('lianxi'), await demoArrivals(deps, scjg.departmentId));
  await handleDemoComplaints(deps, actorOf, ids);
}
