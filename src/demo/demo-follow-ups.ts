import { sql } from 'kysely';
import { addDays } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { recordApplication } from '../follow-ups/licence-application.service';
import { applicationInput } from '../follow-ups/follow-up.schemas';
import { transferUnlicensed } from '../follow-ups/follow-up-transfer.service';
import { UNLICENSED_CHECK_CONTENT } from '../follow-ups/follow-up-rules';
import { getInspection } from '../inspections/inspection.service';
import { checkIn, scheduleVisit } from '../inspections/inspection-visit.service';
import { recordResult, submitResults } from '../inspections/inspection-recording.service';
import { receiveRecords } from '../records/record-receive.service';
import type { ReceiveResult } from '../records/record.schemas';
import type { Actor } from '../auth/actor';
import { chinaDate } from '../shared/china-date';
import { organUscc } from '../shared/uscc';
import type { AppDeps } from '../shared/context';
import { at, type DemoSteps, workingDayOnOrAfter } from './demo-steps';

/** What the follow-up part of the demo produced. */
export interface DemoFollowUps {
  followUps: number;
  applications: number;
}

const SCJG = '市市场监督管理局';
const YJGL = '市应急管理局';
const XK = '市行政审批服务局';
/** The bureau's credit code as the demo's other records give it (demo-records.ts). */
const SPJ_USCC = organUscc('371100', 700_004);
/** 双告知 catalog codes of the demo city (demo-dual-notice.ts). */
const FOOD = 'SGZ-001';
const CHEM = 'SGZ-005';
const itemNames: Record<string, string> = {
  [FOOD]: '食品经营许可',
  [CHEM]: '危险化学品经营许可',
  'SGZ-014': '公共场所卫生许可',
};

interface Scenario {
  /** Days before today the registration was pushed. */
  pushedAgo: number;
  department: string;
  approvalItem: string;
  /** Inspected on site this many days before today; `unlicensed` records the finding of operating without a licence. */
  inspectedAgo?: number;
  unlicensed?: boolean;
  /** A licence for the item arrives this many days before today (the application accepted 20 days before it). */
  licensedAgo?: number;
}

/**
 * 双跟踪 scenarios: one overdue, some done on site (one finding operating without a licence, transferred to case
 * handling), one closed by a licence (its task voided, the subject in routine supervision), some due soon or later.
 */
const scenarios: Scenario[] = [
  { pushedAgo: 75, department: SCJG, approvalItem: FOOD },
  { pushedAgo: 62, department: SCJG, approvalItem: FOOD, inspectedAgo: 34 },
  { pushedAgo: 58, department: SCJG, approvalItem: FOOD, inspectedAgo: 27, unlicensed: true },
  { pushedAgo: 52, department: SCJG, approvalItem: FOOD, licensedAgo: 16 },
  { pushedAgo: 57, department: YJGL, approvalItem: CHEM },
  { pushedAgo: 48, department: YJGL, approvalItem: CHEM, inspectedAgo: 12 },
  { pushedAgo: 21, department: SCJG, approvalItem: FOOD },
  { pushedAgo: 9, department: YJGL, approvalItem: CHEM },
];

/** Licence applications in progress: days since acceptance, promised and statutory limits (working days). */
const applications = [
  { acceptedAgo: 4, promised: 10, statutory: 20, item: FOOD },
  { acceptedAgo: 14, promised: 5, statutory: 20, item: FOOD },
  { acceptedAgo: 40, promised: 10, statutory: 20, item: FOOD },
  { acceptedAgo: 7, promised: 15, statutory: 30, item: 'SGZ-014' },
  { acceptedAgo: 10, promised: 20, statutory: 20, item: CHEM },
];

/** Subjects nobody plans to visit yet (the demo's stand-in for newly registered enterprises). */
async function freshSubjects(db: Db, n: number) {
  return db
    .selectFrom('subjects as s')
    .select(['s.id', 's.uscc', 's.name', 's.kind', 's.legal_representative', 's.division_code', 's.registered_address'])
    .select(sql<string[]>`s.industry_codes`.as('industry_codes'))
    .where('s.status', '=', '存续')
    .where('s.whitelisted', '=', false)
    .where('s.key_target', '=', false)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM inspection_tasks t WHERE t.subject_id = s.id)`)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.uscc = s.uscc)`)
    .orderBy('s.id', 'desc')
    .limit(n)
    .execute();
}

type Subject = Awaited<ReturnType<typeof freshSubjects>>[number];

async function departmentId(db: Db, name: string): Promise<number> {
  return Number(
    (await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id,
  );
}

/** What the licensing bureau's system sends for the subject: a 设立 event whose business scope names the item. */
async function receiveRegistration(d: AppDeps, xk: Actor, s: Subject, sc: Scenario) {
  const today = chinaDate(d.clock.now());
  const result = await receiveRecords(d, xk, 'registration', [
    {
      senderRecordId: `DEMO-GZ-${s.uscc}`,
      event: '设立',
      uscc: s.uscc,
      name: s.name,
      subjectKind: s.kind,
      legalRepresentative: s.legal_representative,
      businessScope: sc.approvalItem === FOOD ? '食品销售；日用百货销售' : '危险化学品经营（不带储存设施）',
      industryCodes: s.industry_codes,
      divisionCode: s.division_code,
      address: s.registered_address,
      registeredOn: addDays(today, -1),
      registrationAuthority: '日照市市场监督管理局',
      priorApproval: false,
    },
  ]);
  refusedNone(result);
}

/** The demo's own records are valid: a refusal is a bug to see, not to skip. */
function refusedNone(result: ReceiveResult): void {
  const refused = result.results.find((r) => r.outcome === 'refused');
  if (refused) throw new Error(`演示数据被拒收：${refused.errors.map((e) => `${e.field} ${e.message}`).join('；')}`);
}

/** The licence decision for the item, from the licensing bureau's system (the hooks then end the follow-up). */
async function receiveLicence(d: AppDeps, xk: Actor, s: Subject, n: number) {
  const on = chinaDate(d.clock.now());
  const result = await receiveRecords(d, xk, 'licence', [
    {
      senderRecordId: `DEMO-XK-${s.uscc}`,
      counterpartCategory: '法人及非法人组织',
      counterpartName: s.name,
      uscc: s.uscc,
      legalRepresentative: s.legal_representative,
      decisionDocName: '食品经营许可决定书',
      decisionDocNo: `日审批食经许〔${on.slice(0, 4)}〕${String(300 + n)}号`,
      category: '普通',
      certificateName: '食品经营许可证',
      certificateNo: `JY1371102${String(600000 + n)}`,
      content: '食品销售经营者（预包装食品销售）',
      validFrom: on,
      validTo: addDays(on, 5 * 365),
      decidedOn: on,
      authorityName: '日照市行政审批服务局',
      authorityUscc: SPJ_USCC,
      sourceUnitName: '日照市行政审批服务局',
      sourceUnitUscc: SPJ_USCC,
      status: '有效',
      approvalItemCode: FOOD,
    },
  ]);
  refusedNone(result);
}

/** The follow-up task of a subject's obligation, with its inspectors (set once the push step has run). */
async function followUpTask(db: Db, uscc: string, departmentId: number) {
  const row = await db
    .selectFrom('follow_ups as f')
    .innerJoin('inspection_tasks as t', 't.id', 'f.task_id')
    .select(['t.id', 't.task_no', 'f.follow_up_no'])
    .where('f.uscc', '=', uscc)
    .where('f.department_id', '=', departmentId)
    .executeTakeFirst();
  if (!row) return null;
  const crew = await db
    .selectFrom('inspection_task_inspectors')
    .select('inspector_id')
    .where('task_id', '=', row.id)
    .orderBy('inspector_id')
    .execute();
  return { taskNo: row.task_no, followUpNo: row.follow_up_no, inspectorIds: crew.map((c) => Number(c.inspector_id)) };
}

/**
 * 双跟踪 in the demo city, through the real services at past instants (steps in the round's event list): follow-ups
 * planned from pushed registrations, inspected on site by their inspectors (one finding operating without a licence,
 * transferred to case handling by 市场监管, the subject listed as a key target), one ended by a licence, one overdue,
 * others due soon or later; licence applications recorded by the licensing bureau, one past its promised limit.
 */
export async function planFollowUpDemo(s: DemoSteps): Promise<DemoFollowUps> {
  const { deps, add, today } = s;
  const out: DemoFollowUps = { followUps: 0, applications: 0 };
  const subjects = await freshSubjects(deps.db, scenarios.length + applications.length);
  if (subjects.length < scenarios.length + applications.length) return out;
  const calendar = await workCalendar(deps.db);
  const day = (ago: number) => workingDayOnOrAfter(calendar, addDays(today, -ago));
  const departments = new Map<string, number>();
  for (const name of [SCJG, YJGL, XK]) departments.set(name, await departmentId(deps.db, name));
  const lianxi = await s.actor('lianxi');
  const xk = await s.actor('spj_xk');

  for (const [n, sc] of scenarios.entries()) {
    const subject = subjects[n]!;
    const pushedOn = day(sc.pushedAgo);
    if (pushedOn >= today) continue;
    add(at(pushedOn, '10:30'), async (d) => {
      await receiveRegistration(d, xk, subject, sc);
      out.followUps += 1;
    });
    if (sc.inspectedAgo !== undefined) {
      const visitOn = day(sc.inspectedAgo);
      if (visitOn >= today) continue;
      add(at(addDays(visitOn, -2) > pushedOn ? addDays(visitOn, -2) : pushedOn, '16:00'), async (d) => {
        const task = await followUpTask(d.db, subject.uscc, departments.get(sc.department)!);
        if (!task) return;
        await s.ensureAccounts(task.inspectorIds, d.clock.now(), d.clock.now());
        await scheduleVisit(d, lianxi, task.taskNo, { visitOn });
      });
      add(at(visitOn, '09:40'), async (d) => {
        const task = await followUpTask(d.db, subject.uscc, departments.get(sc.department)!);
        const first = task?.inspectorIds[0];
        if (!task || first === undefined) return;
        const who = await s.actor(s.usernameOf.get(first)!);
        await checkIn(d, who, task.taskNo);
        const view = await getInspection(d, lianxi, task.taskNo);
        for (const dep of view.departments) {
          for (const check of dep.checks) {
            const bad = sc.unlicensed === true && check.content === UNLICENSED_CHECK_CONTENT;
            await recordResult(d, who, task.taskNo, check.checkItemId, {
              result: bad ? '不符合' : '符合',
              notes: bad ? '现场货架陈列预包装食品并对外销售，未能出示食品经营许可证，经营者称许可申请尚未提交' : '',
            });
          }
        }
        await submitResults(d, who, task.taskNo, {});
      });
      if (sc.unlicensed)
        add(at(day(sc.inspectedAgo - 2), '15:00'), async (d) => {
          const task = await followUpTask(d.db, subject.uscc, departments.get(sc.department)!);
          if (!task) return;
          await transferUnlicensed(d, await s.actor('scjg_admin'), task.followUpNo, {
            targetUnit: '市市场监督管理局执法支队',
            reason:
              '照后证前跟踪检查发现未取得食品经营许可即从事食品销售，涉嫌违反《中华人民共和国食品安全法》第三十五条',
          });
        });
    }
    if (sc.licensedAgo !== undefined) {
      const acceptedOn = day(sc.licensedAgo + 20);
      add(at(acceptedOn > pushedOn ? acceptedOn : pushedOn, '14:00'), (d) =>
        recordApplication(
          d,
          xk,
          applicationInput.parse({
            senderRecordId: `DEMO-SQ-${subject.uscc}`,
            uscc: subject.uscc,
            applicantName: subject.name,
            approvalItemCode: FOOD,
            approvalItemName: itemNames[FOOD]!,
            acceptedOn: acceptedOn > pushedOn ? acceptedOn : pushedOn,
            statutoryDays: 20,
            promisedDays: 10,
          }),
        ),
      );
      add(at(day(sc.licensedAgo), '11:00'), (d) => receiveLicence(d, xk, subject, n + 1));
    }
  }

  for (const [k, a] of applications.entries()) {
    const subject = subjects[scenarios.length + k]!;
    const acceptedOn = day(a.acceptedAgo);
    if (acceptedOn >= today) continue;
    add(at(acceptedOn, '15:30'), async (d) => {
      await recordApplication(
        d,
        xk,
        applicationInput.parse({
          senderRecordId: `DEMO-SQ-${subject.uscc}`,
          uscc: subject.uscc,
          applicantName: subject.name,
          approvalItemCode: a.item,
          approvalItemName: itemNames[a.item]!,
          acceptedOn,
          statutoryDays: a.statutory,
          promisedDays: a.promised,
        }),
      );
      out.applications += 1;
    });
  }
  return out;
}
