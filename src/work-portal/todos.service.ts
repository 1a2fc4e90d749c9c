import { type Actor, can } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { deadlineOverview } from '../results/result.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  openLicenceApplications,
  followUpsDue,
  publicationsDue,
  pushesToAcknowledge,
} from './todo-sources/disclosure-todos.repository';
import { departmentCreditTasks, repairsToDecide, runsToPush } from './todo-sources/credit-todos.repository';
import type { Pending } from './todo-sources/pending.repository';
import {
  anomaliesToFix,
  departmentPlanSteps,
  officePlanSteps,
  unreadNotifications,
} from './todo-sources/plan-todos.repository';
import {
  complaintsToDispatch,
  complaintsToHandle,
  transfersAwaiting,
  warningsToHandle,
} from './todo-sources/signal-todos.repository';
import { departmentOpenTasks, myOpenTasks, todayVisits } from './todo-sources/task-todos.repository';
import { todoKinds, type TodoGroup, type TodoKind, type TodoView } from './work-portal.schemas';

/** How many items of each kind the home page lists by default (the count covers all of them). */
const FIRST = 5;

interface Context {
  deps: AppDeps;
  actor: Actor;
  today: string;
  /** Items listed per kind, earliest deadline first. */
  first: number;
}

interface Source {
  kind: TodoKind;
  title: string;
  /** Every permission the step needs (the user must hold one of them). */
  anyOf: Permission[];
  load: (c: Context) => Promise<Pending>;
  /** The page and record where an item is done. */
  link: (ref: string) => string;
  list: string;
}

const dept = (c: Context) => c.actor.departmentId;
/** "kind:number" refs of sources that union several record kinds. */
const split = (ref: string): [string, string] => {
  const at = ref.indexOf(':');
  return [ref.slice(0, at), ref.slice(at + 1)];
};
const byKind =
  (links: Record<string, (id: string) => string>, fallback: string) =>
  (ref: string): string => {
    const [kind, id] = split(ref);
    return links[kind]?.(id) ?? fallback;
  };

/**
 * One entry per kind of pending step: who it reaches (permission), where its rows come from (todo-sources/) and where
 * each is done. Department steps are the user's own department's, whatever the role's data scope: a to-do is what the
 * user must do, not what they may see.
 */
const sources: Source[] = [
  {
    kind: 'today_visits',
    title: '今日检查',
    anyOf: ['task:result:write'],
    load: (c) => todayVisits(c.deps.db, c.actor.userId, c.today, Math.max(20, c.first)),
    link: (no) => `/m/tasks/${encodeURIComponent(no)}`,
    list: '/m/tasks',
  },
  {
    kind: 'my_tasks',
    title: '我的检查任务',
    anyOf: ['task:result:write'],
    load: (c) => myOpenTasks(c.deps.db, c.actor.userId, c.today, c.first),
    link: (no) => `/m/tasks/${encodeURIComponent(no)}`,
    list: '/m/tasks',
  },
  {
    kind: 'department_tasks',
    title: '本部门待排期、逾期未检查的任务',
    anyOf: ['task:task:write'],
    load: (c) => departmentOpenTasks(c.deps.db, dept(c), c.today, c.first),
    link: (no) => `/tasks/${encodeURIComponent(no)}`,
    list: '/tasks',
  },
  {
    kind: 'publications',
    title: '双公示待公示',
    anyOf: ['publicity:record:write'],
    load: (c) => publicationsDue(c.deps.db, dept(c), c.today, c.first),
    link: () => '/publicity',
    list: '/publicity',
  },
  {
    kind: 'pushes',
    title: '登记信息待签收（双反馈）',
    anyOf: ['dualnotice:push:write'],
    load: (c) => pushesToAcknowledge(c.deps.db, dept(c), c.today, c.first),
    link: () => '/dual-notice/inbox',
    list: '/dual-notice/inbox',
  },
  {
    kind: 'follow_ups',
    title: '双跟踪待跟踪检查',
    anyOf: ['followup:obligation:read'],
    load: (c) => followUpsDue(c.deps.db, dept(c), c.today, c.first),
    link: () => '/follow-ups',
    list: '/follow-ups',
  },
  {
    kind: 'complaints',
    title: '投诉举报待分派',
    anyOf: ['complaint:dispatch'],
    load: (c) => complaintsToDispatch(c.deps.db, c.today, c.first),
    link: () => '/complaints/queue',
    list: '/complaints/queue',
  },
  {
    kind: 'complaints',
    title: '投诉举报待受理、核查、答复',
    anyOf: ['complaint:write'],
    load: (c) => complaintsToHandle(c.deps.db, dept(c), c.today, c.first),
    link: (no) => `/complaints/${encodeURIComponent(no)}`,
    list: `/complaints`,
  },
  {
    kind: 'warnings',
    title: '风险预警待处置',
    anyOf: ['warning:handle'],
    load: (c) => warningsToHandle(c.deps.db, dept(c), c.today, c.first),
    link: (no) => `/warnings?keyword=${encodeURIComponent(no)}`,
    list: '/warnings',
  },
  {
    kind: 'transfers',
    title: '移送、协查、抄告待办理',
    anyOf: ['transfer:write'],
    load: (c) => transfersAwaiting(c.deps.db, dept(c), c.today, c.first),
    link: byKind(
      {
        移送: (no) => `/transfers?no=${encodeURIComponent(no)}`,
        协查: (no) => `/transfers/assistance?no=${encodeURIComponent(no)}`,
        抄告: (no) => `/transfers/copies?no=${encodeURIComponent(no)}`,
      },
      '/transfers',
    ),
    list: '/transfers',
  },
  {
    kind: 'credit_repair',
    title: '信用修复待受理、核准',
    anyOf: ['credit:repair:decide'],
    load: (c) => repairsToDecide(c.deps.db, c.today, c.first),
    link: (no) => `/credit-repair/${encodeURIComponent(no)}`,
    list: '/credit-repair',
  },
  {
    kind: 'credit_tasks',
    title: '联合奖惩反馈、重点对象到期复核',
    anyOf: ['credit:measure:apply', 'keytarget:write'],
    load: (c) => departmentCreditTasks(c.deps.db, dept(c), c.today, c.first),
    link: byKind({ 奖惩: () => '/credit-measures/cases', 重点: () => '/key-targets' }, '/key-targets'),
    list: '/credit-measures/cases',
  },
  {
    kind: 'credit_tasks',
    title: '信用评价待推送',
    anyOf: ['credit:run:write'],
    load: (c) => runsToPush(c.deps.db, c.today, c.first),
    link: (id) => `/credit/runs/${id}`,
    list: '/credit/runs',
  },
  {
    kind: 'plans',
    title: '检查计划、合并入企待答复',
    anyOf: ['plan:plan:write', 'plan:registration:write'],
    load: (c) => departmentPlanSteps(c.deps.db, dept(c), c.today, c.first),
    link: byKind(
      { 专项: (id) => `/plans/special/${id}`, 年度: (id) => `/plans/annual/${id}`, 合并: () => '/merge-proposals' },
      '/plans/annual',
    ),
    list: '/plans/special',
  },
  {
    kind: 'plans',
    title: '检查计划待审核、公布',
    anyOf: ['plan:plan:manage'],
    load: (c) => officePlanSteps(c.deps.db, c.today, c.first),
    link: byKind({ 专项: (id) => `/plans/special/${id}`, 年度: (id) => `/plans/annual/${id}` }, '/plans/annual'),
    list: '/plans/annual',
  },
  {
    kind: 'anomalies',
    title: '异常数据待整改',
    anyOf: ['aggregation:write'],
    load: (c) => anomaliesToFix(c.deps.db, dept(c), c.today, c.first),
    link: () => '/aggregation/anomalies',
    list: '/aggregation/anomalies',
  },
];

/**
 * 我的待办 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十七条，工作门户): what the user must do, by kind, each
 * kind's items by deadline with the overdue ones marked, each linked to the page where it is done.
 */
export async function myTodos(deps: AppDeps, actor: Actor, first = FIRST): Promise<TodoView> {
  const today = chinaDate(deps.clock.now());
  const c: Context = { deps, actor, today, first };
  const reached = sources.filter((s) => s.anyOf.some((p) => can(actor, p)));
  const groups: TodoGroup[] = [];
  const loaded = await Promise.all(reached.map((s) => s.load(c)));
  reached.forEach((s, i) => {
    const p = loaded[i]!;
    groups.push({
      kind: s.kind,
      title: s.title,
      count: p.count,
      overdue: p.overdue,
      link: s.list,
      items: p.rows.map((r) => ({
        title: r.title,
        detail: r.detail,
        dueOn: r.due_on,
        overdue: r.due_on !== null && r.due_on < today,
        link: s.link(r.ref),
      })),
    });
  });
  groups.push(...(await resultGroups(c)), ...(await licenceGroup(c)), await notificationGroup(c));
  const order = (k: TodoKind) => todoKinds.indexOf(k);
  return { today, groups: groups.filter((g) => g.count > 0).sort((a, b) => order(a.kind) - order(b.kind)) };
}

/** Results to enter (7 working days) and to review (before publication, 20), from the results deadline overview. */
async function resultGroups(c: Context): Promise<TodoGroup[]> {
  const enters = can(c.actor, 'task:task:write');
  const reviews = can(c.actor, 'task:result:approve');
  if (!enters && !reviews) return [];
  const overview = await deadlineOverview(c.deps, c.actor);
  const mine = overview.departments.find((d) => d.id === c.actor.departmentId);
  const group = (
    kind: TodoKind,
    title: string,
    list: NonNullable<typeof mine>['awaitingResults'],
    link: (no: string) => string,
    listLink: string,
  ): TodoGroup => {
    const sorted = [...list].sort((a, b) => (a.dueOn ?? '9').localeCompare(b.dueOn ?? '9'));
    return {
      kind,
      title,
      count: list.length,
      overdue: list.filter((x) => x.overdue).length,
      link: listLink,
      items: sorted.slice(0, c.first).map((x) => ({
        title: `${x.taskNo} ${x.subjectName}`,
        detail: `检查日期 ${x.inspectedOn}`,
        dueOn: x.dueOn,
        overdue: x.overdue,
        link: link(x.taskNo),
      })),
    };
  };
  const out: TodoGroup[] = [];
  if (enters && mine)
    out.push(
      group(
        'results',
        '检查结果待录入（7 个工作日）',
        mine.awaitingResults,
        (no) => `/m/tasks/${no}`,
        '/results/deadlines',
      ),
    );
  if (reviews && mine)
    out.push(
      group('reviews', '检查结果待审核', mine.awaitingApproval, () => '/results/deadlines', '/results/deadlines'),
    );
  return out;
}

/** Licence applications the department handles, due by the promised number of working days (办证时限). */
async function licenceGroup(c: Context): Promise<TodoGroup[]> {
  if (!can(c.actor, 'followup:application:write')) return [];
  const rows = await openLicenceApplications(c.deps.db, c.actor.departmentId);
  if (!rows.length) return [];
  const cal = await workCalendar(c.deps.db);
  const items = rows
    .map((r) => {
      const dueOn = unlessYearMissing(() => cal.addWorkingDays(r.accepted_on, r.promised_days));
      return {
        title: `${r.application_no} ${r.applicant_name}`,
        detail: `${r.approval_item_name}，受理日 ${r.accepted_on}`,
        dueOn,
        overdue: dueOn !== null && dueOn < c.today,
        link: '/follow-ups/applications',
      };
    })
    .sort((a, b) => (a.dueOn ?? '9').localeCompare(b.dueOn ?? '9'));
  return [
    {
      kind: 'licences',
      title: '许可申请办理中（承诺时限）',
      count: items.length,
      overdue: items.filter((i) => i.overdue).length,
      link: '/follow-ups/applications',
      items: items.slice(0, c.first),
    },
  ];
}

async function notificationGroup(c: Context): Promise<TodoGroup> {
  const { rows, count } = await unreadNotifications(c.deps.db, c.actor.userId, c.first);
  return {
    kind: 'notifications',
    title: '未读消息',
    count,
    overdue: 0,
    link: '/notifications',
    items: rows.map((n) => ({
      title: n.title,
      detail: n.body,
      dueOn: null,
      overdue: false,
      link: n.link ?? '/notifications',
    })),
  };
}
