import { sql } from 'kysely';
import { addDays } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { scheduleVisit } from '../inspections/inspection-visit.service';
import { answerConsultation, approveSpecialPlan, startConsultation } from '../plans/consultation.service';
import { answerInput as consultationAnswer, specialPlanInput } from '../plans/plan.schemas';
import { createSpecialPlan, submitSpecialPlan } from '../plans/special-plan.service';
import { confirmRegistration } from '../registrations/registration-confirm.service';
import { registrationInput } from '../registrations/registration.schemas';
import { createRegistrations } from '../registrations/registration.service';
import { answerInput as proposalAnswer } from '../registrations/visit-matching.schemas';
import { answerProposal } from '../registrations/visit-merge.service';
import type { AppDeps } from '../shared/context';
import type { SubjectKind } from '../subjects/subject.table';
import { chooseInspectors, taskStaffing } from '../tasks/task-staffing-actions.service';
import { at, daysBetween, type DemoSteps, type DemoTask, weekdayOnOrAfter } from './demo-steps';

/** What the task lifecycle part of the demo produced (filled in as its steps run). */
export interface DemoLifecycle {
  /** The joint task (合并) of the accepted merge proposal, and the draw task it absorbed. */
  mergedTaskNo: string | null;
  absorbedTaskNo: string | null;
  /** The special plan (专项检查) and the tasks its approval created (专项). */
  specialPlanId: number | null;
  specialTaskNos: string[];
  /** The registration confirmed into a task (登记), and that task. */
  registrationNo: string | null;
  registrationTaskNo: string | null;
}

export const emptyLifecycle = (): DemoLifecycle => ({
  mergedTaskNo: null,
  absorbedTaskNo: null,
  specialPlanId: null,
  specialTaskNos: [],
  registrationNo: null,
  registrationTaskNo: null,
});

/** Below this many days of past activity there is no room for the lifecycle's steps (a start early in January). */
const MIN_PAST_DAYS = 60;
/** The demo's own inspector accounts: chosen first, so whoever logs in with them finds these tasks. */
const DEMO_INSPECTOR_ACCOUNTS = ['scjg_jc01', 'yjgl_jc01'];
const SCJG = '市市场监督管理局';
const YJGL = '市应急管理局';
/** The industries of 工贸企业安全生产随机抽查 (YJGL-CC-02). */
const INDUSTRY_TRADE = ['30', '33', '34'];
/** The industries of 食品销售经营者监督检查 (SCJG-CC-01). */
const FOOD_SALES = ['521', '522'];

async function departmentIdOf(db: Db, name: string): Promise<number> {
  return Number(
    (await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id,
  );
}

async function samplingItemIdOf(db: Db, code: string): Promise<number> {
  return Number(
    (await db.selectFrom('sampling_items').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
  );
}

/** No tag of a department other than these (a registration would invite that department too). */
const tagsOnlyOf = (departmentIds: readonly number[]) =>
  sql<boolean>`NOT EXISTS (SELECT 1 FROM subject_tags st JOIN tags tg ON tg.id = st.tag_id WHERE st.subject_id = s.id AND tg.department_id NOT IN (${sql.join([...departmentIds])}))`;

/**
 * Subjects in business, not whitelisted, in these industries, with no task or registration yet (so
 * nothing else of the demo meets them) and no other department's tags. Deterministic: by id.
 */
async function quietSubjects(
  db: Db,
  o: { industries: string[]; kinds?: SubjectKind[]; tagDepartments: number[]; exclude: number[]; limit: number },
) {
  return db
    .selectFrom('subjects as s')
    .select(['s.id', 's.uscc', 's.name'])
    .where('s.status', '=', '存续')
    .where('s.whitelisted', '=', false)
    .$if(o.kinds !== undefined, (q) => q.where('s.kind', 'in', o.kinds!))
    .where(sql<boolean>`s.industry_scope && ARRAY[${sql.join(o.industries)}]::text[]`)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM inspection_tasks t WHERE t.subject_id = s.id)`)
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM inspection_registrations r WHERE r.subject_id = s.id)`)
    .where(tagsOnlyOf(o.tagDepartments))
    .where('s.id', 'not in', [0, ...o.exclude])
    .orderBy('s.id')
    .limit(o.limit)
    .execute();
}

/**
 * The tasks the other sources of the task lifecycle produce, carried through the real services at past
 * instants like the round's tasks (the steps go into the round's event list and run in time order):
 * - 合并: 市场监管 registers a routine check of a subject 应急管理 drew in the round; the automatic match
 *   proposes one visit, both departments accept, the joint task is published, staffed and inspected by both
 *   departments, approved and its result published; the draw task is 已合并.
 * - 专项: 应急管理 drafts a special check of a few listed enterprises, submits it; the joint office consults
 *   市场监管, which joins with its item; the office approves and publishes it, which creates one joint task per
 *   subject; one is carried to a published result, one awaits approval, one is scheduled, one left published.
 * - 登记: 市场监管 registers a routine check and confirms it: a published task.
 * Where a task has no inspector of a department with an account to record on site, that department's admin
 * chooses one (指定) as a department would. Nothing is planned with less than MIN_PAST_DAYS of past in the year
 * (a first start before mid-March), and no special plan in a year whose holiday notice is not loaded.
 */
export async function planLifecycleDemo(s: DemoSteps): Promise<DemoLifecycle> {
  const out = emptyLifecycle();
  const { deps, add, onSite, windowTo, lastPast, year } = s;
  const db = deps.db;
  const span = daysBetween(s.firstVisit, lastPast);
  if (span < MIN_PAST_DAYS) return out;

  // Working days by the platform's calendar when the year's holiday notice is loaded, else Monday to Friday.
  const calendar = await workCalendar(db);
  const known = calendar.hasYear(year);
  const work = (date: string, n = 0): string => {
    if (known) return calendar.addWorkingDays(date, n);
    let d = weekdayOnOrAfter(date);
    for (let i = 0; i < n; i += 1) d = weekdayOnOrAfter(addDays(d, 1));
    return d;
  };
  const dayInPast = (fraction: number) => work(addDays(s.firstVisit, Math.round(span * fraction)));

  const [scjg, yjgl, lianxi, scjgAdmin, yjglAdmin] = await Promise.all([
    departmentIdOf(db, SCJG),
    departmentIdOf(db, YJGL),
    s.actor('lianxi'),
    s.actor('scjg_admin'),
    s.actor('yjgl_admin'),
  ]);
  const [tradeItem, disclosureItem] = await Promise.all([
    samplingItemIdOf(db, 'YJGL-CC-02'),
    samplingItemIdOf(db, 'SCJG-CC-03'),
  ]);
  const scjgInspector = await db
    .selectFrom('inspectors as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select('i.id')
    .where('u.username', '=', 'scjg_jc01')
    .executeTakeFirst();

  /**
   * Per department of the task, an inspector with an account who records on site: one already on the task, or
   * else one the department's admin (the joint office for a department without one) chooses with the task's
   * staffing rules; failing both, an account for an inspector on the task. The `lead` department's comes first
   * (checks in, and records the finding).
   */
  const recorders = async (d: AppDeps, task: DemoTask, lead?: number) => {
    if (!task.taskNo) return;
    const staffing = await taskStaffing(d, lianxi, task.taskNo);
    const ids = staffing.departments.flatMap((dep) => dep.inspectors.map((i) => i.id));
    const accounts = new Map(
      (
        await d.db
          .selectFrom('inspectors as i')
          .innerJoin('users as u', 'u.id', 'i.user_id')
          .select(['i.id', 'u.username'])
          .where('i.id', 'in', [0, ...ids])
          .execute()
      ).map((a) => [Number(a.id), a.username]),
    );
    const rank = (id: number) => (DEMO_INSPECTOR_ACCOUNTS.includes(accounts.get(id) ?? '') ? 0 : 1);
    task.inspectors = [];
    for (const dep of staffing.departments) {
      const onTask = dep.inspectors.filter((i) => i.onTask);
      let recorder = onTask.find((i) => accounts.has(i.id));
      if (!recorder) {
        const pick = dep.inspectors
          .filter((i) => !i.onTask && i.ineligible === null && accounts.has(i.id))
          .sort((a, b) => rank(a.id) - rank(b.id) || a.id - b.id)[0];
        if (pick) {
          const admin = await d.db
            .selectFrom('users as u')
            .innerJoin('user_roles as r', 'r.user_id', 'u.id')
            .select('u.username')
            .where('u.department_id', '=', dep.id)
            .where('r.role_code', '=', 'dept_admin')
            .orderBy('u.id')
            .executeTakeFirst();
          await chooseInspectors(d, admin ? await s.actor(admin.username) : lianxi, task.taskNo, {
            departmentId: dep.id,
            inspectorIds: [pick.id, ...onTask.filter((i) => i.ineligible === null).map((i) => i.id)],
            reason: `增派${pick.name}：持移动执法账号，负责现场签到和检查结果录入`,
          });
          s.usernameOf.set(pick.id, accounts.get(pick.id)!);
          recorder = pick;
        } else if (onTask[0]) {
          await s.ensureAccounts([onTask[0].id], d.clock.now(), d.clock.now());
          recorder = onTask[0];
        } else {
          throw new Error(
            `演示数据：检查任务 ${task.taskNo} 的${dep.name}没有执法检查人员（${staffing.unstaffedReason ?? ''}）`,
          );
        }
      } else {
        s.usernameOf.set(recorder.id, accounts.get(recorder.id)!);
      }
      task.inspectors.push({ departmentId: dep.id, inspectorId: recorder.id });
    }
    task.inspectors.sort((a, b) => Number(b.departmentId === lead) - Number(a.departmentId === lead));
  };

  // 专项: the plan lists its subjects (by USCC), each in the scope of both departments' items. The consultation's deadline
  // is counted in working days: without the year's holiday notice (built in up to 2026, later years loaded by an
  // administrator) there is no consultation, and no special plan in the demo.
  const planSubjects = known
    ? await quietSubjects(db, {
        industries: INDUSTRY_TRADE,
        kinds: ['企业'],
        tagDepartments: [scjg, yjgl],
        exclude: [],
        limit: 4,
      })
    : [];
  if (planSubjects.length > 0) {
    const draftOn = dayInPast(0.15);
    const consultOn = work(draftOn, 1);
    const answerOn = work(consultOn, 2);
    const approveOn = work(answerOn, 2);
    const periodFrom = work(approveOn, 3);
    const planned: DemoTask[] = planSubjects.map(() => ({ taskNo: '', inspectors: [] }));
    let planId = 0;
    add(at(draftOn, '09:30'), async (d) => {
      planId = (
        await createSpecialPlan(
          d,
          yjglAdmin,
          specialPlanInput.parse({
            departmentId: yjgl,
            kind: '专项检查',
            title: `${year} 年工贸企业安全生产专项检查`,
            basis: '《中华人民共和国安全生产法》第六十五条；《工贸企业重大事故隐患判定标准》（应急管理部令第10号）',
            scope: { industries: INDUSTRY_TRADE, subjectKinds: ['企业'] },
            subjectUsccs: planSubjects.map((p) => p.uscc),
            periodFrom,
            periodTo: windowTo,
            content:
              '重点检查安全生产责任制落实、重大事故隐患排查治理、有限空间作业和粉尘防爆管理；邀请市场监管部门同步核查企业公示信息，一次入企',
            materials: '安全生产责任制文件、隐患排查治理台账、有限空间作业审批记录、企业年度报告等公示信息的原始材料',
            samplingItemIds: [tradeItem],
          }),
        )
      ).id;
      out.specialPlanId = planId;
    });
    add(at(draftOn, '16:30'), (d) => submitSpecialPlan(d, yjglAdmin, planId));
    add(at(consultOn, '09:30'), (d) => startConsultation(d, lianxi, planId, [scjg]));
    add(at(answerOn, '10:30'), (d) =>
      answerConsultation(
        d,
        scjgAdmin,
        planId,
        scjg,
        consultationAnswer.parse({ answer: '参加', samplingItemIds: [disclosureItem] }),
      ),
    );
    add(at(approveOn, '15:00'), async (d) => {
      await approveSpecialPlan(d, lianxi, planId, true);
      const tasks = await d.db
        .selectFrom('inspection_tasks')
        .select('task_no')
        .where('special_plan_id', '=', planId)
        .orderBy('id')
        .execute();
      out.specialTaskNos = tasks.map((t) => t.task_no);
      tasks.forEach((t, i) => {
        if (planned[i]) planned[i].taskNo = t.task_no;
      });
    });
    const [done, awaiting, scheduled] = planned;
    add(at(approveOn, '16:00'), async (d) => {
      for (const task of [done, awaiting]) if (task) await recorders(d, task, yjgl);
    });
    // One carried to its published result.
    const doneVisit = work(periodFrom, 3);
    if (done)
      onSite(done, {
        scheduledOn: work(approveOn, 2),
        visitOn: doneVisit,
        finding: '安全生产责任制未覆盖全部岗位，部分规章制度未及时修订，已责令限期整改',
        approveOn: work(doneVisit, 4),
        evaluation: { satisfaction: 5, comments: '安全和市场监管一起来，一次把两件事查完了' },
      });
    // One inspected a few days ago, its results awaiting approval.
    const awaitingVisit = work(addDays(lastPast, -7));
    if (awaiting && awaitingVisit <= lastPast && awaitingVisit > work(doneVisit, 4)) {
      const lead = addDays(awaitingVisit, -5);
      onSite(awaiting, {
        scheduledOn: lead > approveOn ? lead : work(approveOn, 1),
        visitOn: awaitingVisit,
        finding: null,
        approveOn: null,
        evaluation: null,
      });
    }
    // One scheduled for a visit still to come; the others stay published.
    const futureVisit = addDays(s.today, 3) <= windowTo ? work(addDays(s.today, 3)) : null;
    if (scheduled && futureVisit && futureVisit <= windowTo) {
      add(at(addDays(s.today, -1), '11:00'), async (d) => {
        if (scheduled.taskNo) await scheduleVisit(d, lianxi, scheduled.taskNo, { visitOn: futureVisit });
      });
    }
  }

  // 合并: a round task of 应急管理 alone on an enterprise; 市场监管 registers a routine check of the same subject.
  const draws = await db
    .selectFrom('inspection_tasks as t')
    .innerJoin('draw_records as r', 'r.id', 't.draw_record_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['t.task_no', 's.uscc'])
    .where('r.record_no', '=', s.recordNo)
    .where('t.status', '=', '已发布')
    .where('t.unstaffed_reason', 'is', null)
    .where('s.kind', '=', '企业')
    .where('s.whitelisted', '=', false)
    .where('s.status', '=', '存续')
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM inspection_task_items ti WHERE ti.task_id = t.id AND ti.department_id <> ${yjgl})`,
    )
    .where(tagsOnlyOf([scjg, yjgl]))
    .orderBy('t.id')
    .execute();
  const draw = draws.find((t) => !s.busyTaskNos.has(t.task_no));
  if (draw) {
    const registerOn = dayInPast(0.35);
    const window = {
      from: work(registerOn, 5),
      to: addDays(work(registerOn, 5), 45) < windowTo ? addDays(work(registerOn, 5), 45) : windowTo,
    };
    const acceptOn = work(registerOn, 1);
    const joint: DemoTask = { taskNo: '', inspectors: [] };
    let proposalNo = '';
    add(at(registerOn, '10:00'), async (d) => {
      const { registrations, proposals } = await createRegistrations(
        d,
        scjgAdmin,
        registrationInput.parse({
          usccs: [draw.uscc],
          kind: '日常检查',
          window,
          itemCodes: ['SCJG-CC-03'],
          inspectorIds: scjgInspector ? [Number(scjgInspector.id)] : [],
          note: `该企业已被应急管理局抽中（任务 ${draw.task_no}），检查期重叠，拟合并入企`,
        }),
      );
      const proposal = proposals.find((p) => p.kind === '重叠' && p.sources.some((x) => x.no === draw.task_no));
      if (!proposal)
        throw new Error(
          `演示数据：登记 ${registrations[0]?.registrationNo} 未与任务 ${draw.task_no} 匹配为合并入企建议`,
        );
      proposalNo = proposal.proposalNo;
    });
    add(at(registerOn, '10:05'), (d) =>
      answerProposal(d, scjgAdmin, proposalNo, proposalAnswer.parse({ answer: '接受' })),
    );
    add(at(acceptOn, '14:30'), async (d) => {
      const proposal = await answerProposal(d, yjglAdmin, proposalNo, proposalAnswer.parse({ answer: '接受' }));
      if (!proposal.mergedTaskNo)
        throw new Error(`演示数据：合并入企建议 ${proposalNo} ${proposal.status}，未生成联合检查任务`);
      joint.taskNo = out.mergedTaskNo = proposal.mergedTaskNo;
      out.absorbedTaskNo = draw.task_no;
    });
    add(at(acceptOn, '16:00'), (d) => recorders(d, joint, scjg));
    const visitOn = work(window.from, 2);
    onSite(joint, {
      scheduledOn: work(registerOn, 3),
      visitOn,
      finding: null,
      approveOn: work(visitOn, 3),
      evaluation: { satisfaction: 5, comments: '一次检查多个部门一起来，省了不少事' },
    });
  }

  // 登记: 市场监管 registers a routine check of a food shop and confirms it; the task stays published.
  const [shop] = await quietSubjects(db, {
    industries: FOOD_SALES,
    tagDepartments: [scjg],
    exclude: planSubjects.map((p) => p.id),
    limit: 1,
  });
  if (shop) {
    const registerOn = dayInPast(0.55);
    add(at(registerOn, '09:40'), async (d) => {
      const { registrations } = await createRegistrations(
        d,
        scjgAdmin,
        registrationInput.parse({
          usccs: [shop.uscc],
          kind: '日常检查',
          window: { from: work(registerOn, 5), to: windowTo },
          itemCodes: ['SCJG-CC-01'],
          note: '年度日常检查计划内，提前登记',
        }),
      );
      out.registrationNo = registrations[0]!.registrationNo;
    });
    add(at(work(registerOn, 2), '10:20'), async (d) => {
      out.registrationTaskNo = (await confirmRegistration(d, scjgAdmin, out.registrationNo!)).taskNo;
    });
  }
  return out;
}
