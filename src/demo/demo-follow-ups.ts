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
import { afterLicenceReceived, afterPushesCreated } from '../records/record-hooks';
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
const FOOD = '食品经营许可';
const CHEM = '危险化学品经营许可';

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
  { acceptedAgo: 7, promised: 15, statutory: 30, item: '公共场所卫生许可' },
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

/**
 * The registration event and its push, as the intake and 双告知 would store them (a stand-in: those parts receive
 * and push registrations through their own services); then the record hook, so the follow-up is planned by the
 * real code path.
 */
async function pushRegistration(
  d: AppDeps,
  s: Subject,
  senderId: number,
  departmentId: number,
  sc: Scenario,
  n: number,
) {
  const now = d.clock.now();
  await d.db.transaction().execute(async (trx) => {
    const reg = await trx
      .insertInto('business_registrations')
      .values({
        registration_no: `DJZC${now.getFullYear()}-9${String(n).padStart(5, '0')}`,
        sender_department_id: senderId,
        sender_record_id: `DEMO-GZ-${s.uscc}`,
        channel: '接口',
        payload_digest: s.uscc,
        version: 1,
        subject_id: s.id,
        received_by: null,
        received_at: now,
        updated_at: now,
        event: '设立',
        uscc: s.uscc,
        name: s.name,
        subject_kind: s.kind,
        legal_representative: s.legal_representative,
        business_scope: sc.approvalItem === FOOD ? '食品销售；日用百货销售' : '危险化学品经营（不带储存设施）',
        industry_codes: s.industry_codes,
        division_code: s.division_code,
        address: s.registered_address,
        registered_on: addDays(now.toISOString().slice(0, 10), -1),
        registration_authority: '日照市市场监督管理局',
        prior_approval: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const push = await trx
      .insertInto('registration_pushes')
      .values({
        registration_id: reg.id,
        department_id: departmentId,
        division_code: null,
        duty: '行业主管',
        route: '推送',
        approval_item_codes: [sc.approvalItem],
        pushed_at: now,
        ack_due_on: addDays(now.toISOString().slice(0, 10), 1),
        acknowledged_at: now,
        acknowledged_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await afterPushesCreated(trx, d, [Number(push.id)]);
  });
}

/** The licence decision as the intake would store it (stand-in, see pushRegistration), then the record hook. */
async function receiveLicence(d: AppDeps, s: Subject, departmentId: number, n: number) {
  const now = d.clock.now();
  const on = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  await d.db.transaction().execute(async (trx) => {
    const licence = await trx
      .insertInto('licence_records')
      .values({
        sender_department_id: departmentId,
        sender_record_id: `DEMO-XK-${s.uscc}`,
        channel: '接口',
        payload_digest: s.uscc,
        version: 1,
        subject_id: s.id,
        received_by: null,
        received_at: now,
        updated_at: now,
        counterpart_category: '法人及非法人组织',
        counterpart_name: s.name,
        uscc: s.uscc,
        legal_representative: s.legal_representative,
        id_number_masked: null,
        id_number_cipher: null,
        decided_on: on,
        authority_name: '日照市行政审批服务局',
        authority_uscc: '11371100MB2857301K',
        source_unit_name: '日照市行政审批服务局',
        source_unit_uscc: '11371100MB2857301K',
        status: '有效',
        department_id: departmentId,
        decision_doc_name: '食品经营许可决定书',
        decision_doc_no: `日审批食经许〔${on.slice(0, 4)}〕${String(300 + n)}号`,
        category: '普通',
        certificate_name: '食品经营许可证',
        certificate_no: `JY1371102${String(600000 + n)}`,
        content: '食品销售经营者（预包装食品销售）',
        valid_from: on,
        valid_to: addDays(on, 5 * 365),
        approval_item_code: FOOD,
        applied_on: null,
        registration_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await afterLicenceReceived(trx, d, Number(licence.id), 'new');
  });
}

/** The follow-up task of a subject's obligation, with its inspectors (set once the push step has run). */
async function followUpTask(db: Db, uscc: string) {
  const row = await db
    .selectFrom('follow_ups as f')
    .innerJoin('inspection_tasks as t', 't.id', 'f.task_id')
    .select(['t.id', 't.task_no', 'f.follow_up_no'])
    .where('f.uscc', '=', uscc)
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
      await pushRegistration(d, subject, departments.get(SCJG)!, departments.get(sc.department)!, sc, n + 1);
      out.followUps += 1;
    });
    if (sc.inspectedAgo !== undefined) {
      const visitOn = day(sc.inspectedAgo);
      if (visitOn >= today) continue;
      add(at(addDays(visitOn, -2) > pushedOn ? addDays(visitOn, -2) : pushedOn, '16:00'), async (d) => {
        const task = await followUpTask(d.db, subject.uscc);
        if (!task) return;
        await s.ensureAccounts(task.inspectorIds, d.clock.now(), d.clock.now());
        await scheduleVisit(d, lianxi, task.taskNo, { visitOn });
      });
      add(at(visitOn, '09:40'), async (d) => {
        const task = await followUpTask(d.db, subject.uscc);
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
          const task = await followUpTask(d.db, subject.uscc);
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
            approvalItemName: FOOD,
            acceptedOn: acceptedOn > pushedOn ? acceptedOn : pushedOn,
            statutoryDays: 20,
            promisedDays: 10,
          }),
        ),
      );
      add(at(day(sc.licensedAgo), '11:00'), (d) => receiveLicence(d, subject, departments.get(XK)!, n + 1));
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
          approvalItemName: a.item,
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
