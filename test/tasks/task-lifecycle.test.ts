import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubjectOf } from '../../src/audit/audit.service';
import { actorOfUser } from '../../src/demo/demo-activity';
import { ineligibility } from '../../src/inspectors/inspector-eligibility';
import { candidateInspectors } from '../../src/inspectors/inspector.repository';
import { sendDeadlineReminders } from '../../src/notifications/reminders.service';
import { openDueRegistrations } from '../../src/registrations/registration-confirm.service';
import { AppError } from '../../src/shared/app-error';
import { taskRequirements } from '../../src/tasks/task-staffing.service';
import {
  allowed,
  allowedPairs,
  type TaskStatus,
  taskStatuses,
  type TaskTransition,
  taskTransitions,
} from '../../src/tasks/task-lifecycle';
import { transitionTask } from '../../src/tasks/task-transition';
import type { TaskView } from '../../src/tasks/task.schemas';
import { call, login, type Session } from '../support/http';
import { createTask } from '../support/factories/task.factory';
import { createConflict, inspectorOf } from '../support/factories/inspector.factory';
import { type TestApp, testApp, setChinaTime } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let lianxi: Session;
let scjg: Session;
let scjgStaff: Session;
const dept: Record<string, number> = {};

const task = async (no: string) => (await call(t.app, admin, 'GET', `/api/tasks/${no}`)).json() as TaskView;

/**
 * Enterprises in business of one of the industries (GB/T 4754 prefixes; none: any), not whitelisted, that no test here used and
 * with nothing planned in 2026 (the year these tests work in; other files plan other years on the same small city).
 */
const used = new Set<number>();
async function subjectsOf(
  prefixes: string[],
  n: number,
  options: { tagsOnlyOf?: number } = {},
): Promise<{ id: number; uscc: string; name: string }[]> {
  const rows = await t.deps.db
    .selectFrom('subjects as s')
    .select(['s.id', 's.uscc', 's.name'])
    .where('s.status', '=', '存续')
    .where('s.whitelisted', '=', false)
    .where('s.kind', '=', '企业')
    .$if(prefixes.length > 0, (q) =>
      q.where(
        sql<boolean>`EXISTS (SELECT 1 FROM unnest(s.industry_codes) c WHERE ${sql.join(
          prefixes.map((p) => sql`c LIKE ${`${p}%`}`),
          sql` OR `,
        )})`,
      ),
    )
    // Optionally no tag of another department: it would invite that department (a merge proposal awaiting answers).
    .$if(options.tagsOnlyOf !== undefined, (q) =>
      q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('subject_tags as st')
              .innerJoin('tags as g', 'g.id', 'st.tag_id')
              .select('st.subject_id')
              .whereRef('st.subject_id', '=', 's.id')
              .where('g.department_id', '!=', options.tagsOnlyOf!),
          ),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('inspection_tasks as x')
            .select('x.id')
            .whereRef('x.subject_id', '=', 's.id')
            .where('x.window_to', '>=', '2026-01-01')
            .where('x.window_from', '<=', '2026-12-31'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('inspection_registrations as r')
            .select('r.id')
            .whereRef('r.subject_id', '=', 's.id')
            .where('r.year', '=', 2026),
        ),
      ),
    )
    .orderBy('s.id')
    .limit(n + used.size)
    .execute();
  const out = rows
    .filter((r) => !used.has(Number(r.id)))
    .slice(0, n)
    .map((r) => ({ id: Number(r.id), uscc: r.uscc, name: r.name }));
  expect(out).toHaveLength(n);
  out.forEach((s) => used.add(s.id));
  return out;
}

/** Every inspector on the task may be sent by the draw's rules (capacity aside: it already counts this task). */
async function expectEligibleStaff(view: TaskView): Promise<void> {
  const id = Number(
    (
      await t.deps.db
        .selectFrom('inspection_tasks')
        .select('id')
        .where('task_no', '=', view.taskNo)
        .executeTakeFirstOrThrow()
    ).id,
  );
  const requirements = await taskRequirements(t.deps.db, id);
  const candidates = await candidateInspectors(
    t.deps.db,
    view.departments.map((d) => d.id),
    view.window,
    view.subject,
  );
  for (const d of view.departments) {
    expect(d.inspectors.length, `${d.name}没有检查人员`).toBeGreaterThanOrEqual(1);
    for (const i of d.inspectors) {
      const c = candidates.find((x) => x.id === i.id)!;
      expect(
        ineligibility(
          { ...c, capacity: c.capacity + 1 },
          { departmentId: d.id, items: requirements.get(d.id)!, uscc: view.subject.uscc, window: view.window },
        ),
      ).toBeNull();
    }
  }
  expect(view.departments.flatMap((d) => d.inspectors).length).toBeGreaterThanOrEqual(2);
}

beforeAll(async () => {
  t = await testApp();
  [admin, lianxi, scjg, scjgStaff] = await Promise.all(
    ['admin', 'lianxi', 'scjg_admin', 'scjg_staff'].map((u) => login(t.app, u)),
  );
  for (const d of await t.deps.db.selectFrom('departments').select(['id', 'name']).execute())
    dept[d.name] = Number(d.id);
  setChinaTime(t, '2026-12-04T09:00:00');
});
afterAll(() => t.app.close());

describe('the task lifecycle: one transition table', () => {
  it('allows exactly the transitions of the table; every other one is refused with a 409 naming the current state', async () => {
    const scjgInspector = await inspectorOf(t, 'scjg_jc01');
    const w = { deps: t.deps, now: t.clock.now(), who: auditSubjectOf(await actorOfUser(t.deps.db, 'lianxi')) };
    let checked = 0;
    for (const from of taskStatuses) {
      for (const transition of Object.keys(taskTransitions) as TaskTransition[]) {
        const { id, taskNo } = await createTask(t, {
          items: ['SCJG-CC-03'],
          inspectors: [scjgInspector],
          subjectOffset: 300 + (checked % 50),
          status: from,
        });
        const outcome = await t.deps.db
          .transaction()
          .execute((trx) => transitionTask({ ...w, trx }, id, transition))
          .then(
            () => null,
            (e: unknown) => e,
          );
        const after = (
          await t.deps.db.selectFrom('inspection_tasks').select('status').where('id', '=', id).executeTakeFirstOrThrow()
        ).status;
        if (allowed(transition, from)) {
          expect(outcome, `${from} → ${transition}`).toBeNull();
          expect(after).toBe(taskTransitions[transition].to);
          const audit = await t.deps.db
            .selectFrom('audit_log')
            .select(['action', 'summary'])
            .where('entity_id', '=', taskNo)
            .orderBy('seq', 'desc')
            .executeTakeFirstOrThrow();
          expect(audit).toMatchObject({ action: 'task.transition' });
          expect(audit.summary).toContain(`${from} → ${taskTransitions[transition].to}`);
        } else {
          expect(outcome, `${from} → ${transition} should be refused`).toBeInstanceOf(AppError);
          expect((outcome as AppError).code).toBe('CONFLICT');
          expect((outcome as AppError).message).toContain(`当前为“${from}”`);
          expect(after).toBe(from);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(taskStatuses.length * Object.keys(taskTransitions).length);
    // The table itself: closed, voided and merged tasks go nowhere; nothing returns to 待发布.
    const pairs = allowedPairs();
    for (const terminal of ['已办结', '已作废', '已合并'] as TaskStatus[])
      expect(pairs.filter(([from]) => from === terminal)).toEqual([]);
    expect(pairs.filter(([, to]) => to === '待发布')).toEqual([]);
  });

  it('over HTTP a forbidden change answers 409 with the current state in Chinese', async () => {
    const { taskNo } = await createTask(t, {
      items: ['SCJG-CC-03'],
      inspectors: [await inspectorOf(t, 'scjg_jc01')],
      subjectOffset: 360,
      status: '已办结',
    });
    const res = await call(t.app, scjg, 'PUT', `/api/inspections/${taskNo}/schedule`, { visitOn: '2026-12-10' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(`检查任务 ${taskNo} 当前为“已办结”，不能排期（只有“已发布”的任务可以排期）`);
  });
});

describe('every source becomes a workable task', () => {
  it('a registration confirmed by its department becomes a published, staffed task that the visit rules count', async () => {
    const [subject] = await subjectsOf([], 1);
    const reg = await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [subject!.uscc],
      kind: '日常检查',
      window: { from: '2026-12-10', to: '2026-12-24' },
      itemCodes: ['SCJG-CC-03'],
    });
    expect(reg.statusCode, reg.body).toBe(200);
    const no = (reg.json() as { registrations: { registrationNo: string }[] }).registrations[0]!.registrationNo;
    const confirmed = await call(t.app, scjg, 'POST', `/api/registrations/${no}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const r = confirmed.json() as { status: string; taskNo: string; taskStatus: string };
    expect(r).toMatchObject({ status: '已转任务', taskStatus: '已发布' });
    expect(r.taskNo).toMatch(/^DJRW2026-\d{5}$/);
    const view = await task(r.taskNo);
    expect(view).toMatchObject({
      source: '登记',
      status: '已发布',
      registrationNo: no,
      unstaffedReason: null,
      window: { from: '2026-12-10', to: '2026-12-24' },
    });
    await expectEligibleStaff(view);
    expect((await call(t.app, scjg, 'POST', `/api/registrations/${no}/confirm`)).statusCode).toBe(409);
    // The task counts for the year: the same item again is refused, naming the task.
    const again = await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [subject!.uscc],
      kind: '专项检查',
      window: { from: '2026-12-26', to: '2026-12-30' },
      itemCodes: ['SCJG-CC-03'],
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain(`任务 ${r.taskNo}`);
    // Its inspectors with an account were told, each once.
    const accounts = await t.deps.db
      .selectFrom('inspectors')
      .select('user_id')
      .where(
        'id',
        'in',
        view.departments.flatMap((d) => d.inspectors.map((i) => i.id)),
      )
      .where('user_id', 'is not', null)
      .execute();
    const told = await t.deps.db
      .selectFrom('notifications')
      .select('user_id')
      .where('task_no', '=', r.taskNo)
      .where('kind', '=', 'task_published')
      .execute();
    expect(told.map((n) => Number(n.user_id)).sort()).toEqual(accounts.map((a) => Number(a.user_id)).sort());
  });

  it('a registration whose window has opened becomes a task by itself, unless a merge proposal on it awaits answers', async () => {
    const [alone] = await subjectsOf([], 1, { tagsOnlyOf: dept['市市场监督管理局'] });
    const [proposed] = await subjectsOf(['30', '33', '34'], 1);
    const yjgl = await login(t.app, 'yjgl_admin');
    const one = await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [alone!.uscc],
      kind: '后续跟进',
      window: { from: '2026-12-04', to: '2026-12-18' },
      itemCodes: ['SCJG-CC-03'],
    });
    expect(one.statusCode, one.body).toBe(200);
    await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [proposed!.uscc],
      kind: '后续跟进',
      window: { from: '2026-12-04', to: '2026-12-18' },
      itemCodes: ['SCJG-CC-03'],
    });
    const other = await call(t.app, yjgl, 'POST', '/api/registrations', {
      usccs: [proposed!.uscc],
      kind: '监测发现',
      window: { from: '2026-12-08', to: '2026-12-20' },
      itemCodes: ['YJGL-CC-02'],
    });
    expect(other.statusCode, other.body).toBe(200);
    expect((other.json() as { proposals: { kind: string }[] }).proposals.map((p) => p.kind)).toContain('重叠');
    const opened = await openDueRegistrations(t.deps, t.clock.now());
    const statusOf = async (uscc: string) =>
      await t.deps.db
        .selectFrom('inspection_registrations')
        .select(['status', 'task_id'])
        .where('uscc', '=', uscc)
        .where('year', '=', 2026)
        .orderBy('id')
        .execute();
    const [aloneReg] = await statusOf(alone!.uscc);
    expect(aloneReg).toMatchObject({ status: '已转任务' });
    const made = await t.deps.db
      .selectFrom('inspection_tasks')
      .select('task_no')
      .where('id', '=', aloneReg!.task_id!)
      .executeTakeFirstOrThrow();
    expect(opened.created).toContain(made.task_no);
    // A follow-up (后续跟进) re-checks an item by design: as a task it does not block a special check of the same item.
    const special = await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [alone!.uscc],
      kind: '专项检查',
      window: { from: '2026-12-21', to: '2026-12-30' },
      itemCodes: ['SCJG-CC-03'],
    });
    expect(special.statusCode, special.body).toBe(200);
    expect((await statusOf(proposed!.uscc)).map((x) => x.status)).toEqual(['有效', '有效']);
    expect((await openDueRegistrations(t.deps, t.clock.now())).created).not.toContain(made.task_no);
  });

  it('an approved special plan becomes one joint, staffed, published task per subject, with the departments that joined', async () => {
    const subjects = await subjectsOf(['521', '61', '62', '84'], 3);
    const item = async (code: string) =>
      Number(
        (await t.deps.db.selectFrom('sampling_items').select('id').where('code', '=', code).executeTakeFirstOrThrow())
          .id,
      );
    const created = await call(t.app, scjg, 'POST', '/api/special-plans', {
      departmentId: dept['市市场监督管理局'],
      kind: '专项检查',
      title: '元旦春节人员密集场所联合专项检查',
      basis: '《中华人民共和国食品安全法》第一百一十条',
      scope: { industries: ['521', '61', '62', '84'] },
      subjectUsccs: subjects.map((s) => s.uscc),
      periodFrom: '2026-12-14',
      periodTo: '2026-12-31',
      content: '企业公示信息与消防安全',
      materials: '营业执照、消防安全检查记录',
      samplingItemIds: [await item('SCJG-CC-03')],
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: number }).id;
    expect((await call(t.app, scjg, 'POST', `/api/special-plans/${id}/submit`)).statusCode).toBe(200);
    expect(
      (
        await call(t.app, lianxi, 'POST', `/api/special-plans/${id}/consultation`, {
          departmentIds: [dept['市消防救援支队'], dept['市应急管理局']],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call(t.app, admin, 'POST', `/api/special-plans/${id}/consultations/${dept['市消防救援支队']}/answer`, {
          answer: '参加',
          samplingItemIds: [await item('XFJY-CC-01')],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call(t.app, admin, 'POST', `/api/special-plans/${id}/consultations/${dept['市应急管理局']}/answer`, {
          answer: '不参加',
          reason: '名单中的单位不在本部门事项范围',
        })
      ).statusCode,
    ).toBe(200);
    const before = await call(t.app, admin, 'GET', `/api/tasks?specialPlanId=${id}`);
    expect(before.json().total).toBe(0);
    const approved = await call(t.app, lianxi, 'POST', `/api/special-plans/${id}/approve`, { public: true });
    expect(approved.statusCode, approved.body).toBe(200);
    const tasks = (await call(t.app, admin, 'GET', `/api/tasks?specialPlanId=${id}&pageSize=50`)).json() as {
      total: number;
      items: TaskView[];
    };
    expect(tasks.total).toBe(3);
    expect(tasks.items.map((x) => x.subject.uscc).sort()).toEqual(subjects.map((s) => s.uscc).sort());
    for (const x of tasks.items) {
      expect(x).toMatchObject({
        source: '专项',
        status: '已发布',
        joint: true,
        specialPlan: { id, title: '元旦春节人员密集场所联合专项检查' },
        window: { from: '2026-12-14', to: '2026-12-31' },
      });
      expect(x.departments.map((d) => [d.name, d.items.map((i) => i.code)])).toEqual([
        ['市市场监督管理局', ['SCJG-CC-03']],
        ['市消防救援支队', ['XFJY-CC-01']],
      ]);
      expect(x.unstaffedReason).toBeNull();
      await expectEligibleStaff(await task(x.taskNo));
    }
    // A special check is not routine: the subjects' routine visits are unchanged.
    const history = (
      await call(t.app, admin, 'GET', `/api/subjects/${subjects[0]!.id}/inspection-history?year=2026`)
    ).json() as { routineVisits: number };
    expect(history.routineVisits).toBe(0);
  });

  it('staff choose their inspectors with every rule checked; an unstaffed task is listed with its reason and can be staffed again', async () => {
    const [subject] = await subjectsOf([], 1);
    const reg = await call(t.app, scjg, 'POST', '/api/registrations', {
      usccs: [subject!.uscc],
      kind: '后续跟进',
      window: { from: '2026-12-15', to: '2026-12-22' },
      itemCodes: ['SCJG-CC-03'],
    });
    const no = (reg.json() as { registrations: { registrationNo: string }[] }).registrations[0]!.registrationNo;
    const taskNo = ((await call(t.app, scjg, 'POST', `/api/registrations/${no}/confirm`)).json() as { taskNo: string })
      .taskNo;
    const staffing = (await call(t.app, scjg, 'GET', `/api/tasks/${taskNo}/staffing`)).json() as {
      departments: { inspectors: { id: number; name: string; ineligible: string | null; onTask: boolean }[] }[];
    };
    const people = staffing.departments[0]!.inspectors;
    const conflicted = people.find((p) => !p.onTask && p.ineligible === null)!;
    await createConflict(t, conflicted.id, {
      subjectId: subject!.id,
      reason: '近亲属在该企业任职',
      declaredOn: '2026-12-01',
    });
    const expired = people.find((p) => p.ineligible?.includes('执法证'));
    const good = people.filter((p) => p.ineligible === null && p.id !== conflicted.id).slice(0, 2);
    const refused = await call(t.app, scjg, 'PUT', `/api/tasks/${taskNo}/inspectors`, {
      inspectorIds: [conflicted.id, ...(expired ? [expired.id] : []), good[0]!.id],
      reason: '熟悉该企业生产工艺',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain(`${conflicted.name}：已申报与该检查对象存在利益冲突，须回避`);
    if (expired) expect(refused.json().error.message).toContain(`${expired.name}：执法证有效期`);
    expect(
      (await call(t.app, scjg, 'PUT', `/api/tasks/${taskNo}/inspectors`, { inspectorIds: [good[0]!.id], reason: '' }))
        .statusCode,
    ).toBe(400);
    // One inspector covers the department but not the task's two: listed as unstaffed with the reason.
    const one = await call(t.app, scjg, 'PUT', `/api/tasks/${taskNo}/inspectors`, {
      inspectorIds: [good[0]!.id],
      reason: '另一名人员另有任务',
    });
    expect(one.statusCode, one.body).toBe(200);
    expect((one.json() as TaskView).unstaffedReason).toBe('已选派 1 名执法检查人员，少于本任务要求的 2 名');
    const listed = (await call(t.app, scjg, 'GET', '/api/tasks?unstaffed=true&pageSize=100')).json() as {
      items: TaskView[];
    };
    expect(listed.items.map((x) => x.taskNo)).toContain(taskNo);
    expect(
      (
        await call(t.app, await login(t.app, 'yjgl_admin'), 'PUT', `/api/tasks/${taskNo}/inspectors`, {
          inspectorIds: [good[1]!.id],
          reason: '协助',
        })
      ).statusCode,
    ).toBe(403);
    const restaffed = await call(t.app, scjgStaff, 'POST', `/api/tasks/${taskNo}/restaff`);
    expect(restaffed.statusCode, restaffed.body).toBe(200);
    const view = restaffed.json() as TaskView;
    expect(view.unstaffedReason).toBeNull();
    expect(view.departments[0]!.inspectors.map((i) => i.id)).toContain(good[0]!.id);
    expect(view.departments[0]!.inspectors.map((i) => i.id)).not.toContain(conflicted.id);
    await expectEligibleStaff(view);
    const history = (await call(t.app, scjg, 'GET', `/api/tasks/${taskNo}/staffing`)).json() as {
      history: { method: string; reason: string | null; seed: string | null }[];
    };
    expect(history.history.map((h) => h.method)).toEqual(['随机', '指定', '随机']);
    expect(history.history[1]!.reason).toBe('另一名人员另有任务');
    expect(history.history[2]!.seed).toMatch(/^[0-9a-f]{64}$/);
    // The window of a registered task moves with a reason; a draw task's does not.
    const moved = await call(t.app, scjg, 'PUT', `/api/tasks/${taskNo}/window`, {
      from: '2026-12-15',
      to: '2026-12-29',
      reason: '企业年底停产检修，推迟一周',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as TaskView).window).toEqual({ from: '2026-12-15', to: '2026-12-29' });
  });
});

describe('dates a task counts from', () => {
  it('a task checked only off site is reminded of its publication deadline', async () => {
    setChinaTime(t, '2026-10-12T09:00:00');
    const { taskNo } = await createTask(t, {
      items: ['SCJG-CC-03'],
      inspectors: [await inspectorOf(t, 'scjg_jc01')],
      subjectOffset: 420,
      window: {
        from: '2026-10-01',
        to: '2026-12-31',
      },
    });
    const checks = (await call(t.app, scjgStaff, 'GET', `/api/inspections/${taskNo}`)).json() as {
      departments: { checks: { checkItemId: number }[] }[];
    };
    const off = await call(t.app, scjgStaff, 'POST', `/api/inspection-records/${taskNo}/offsite`, {
      method: '书面核查企业报送的年度报告',
      dataSource: '企业信用信息公示系统',
      conductedOn: '2026-10-09',
      results: checks.departments[0]!.checks.map((c) => ({ checkItemId: c.checkItemId, result: '符合' })),
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await task(taskNo)).status).toBe('已检查');
    setChinaTime(t, '2026-12-04T09:00:00');
    await sendDeadlineReminders(t.deps, t.clock.now());
    const reminded = await t.deps.db
      .selectFrom('notification_reminders as r')
      .innerJoin('inspection_tasks as x', 'x.id', 'r.task_id')
      .select('r.kind')
      .where('x.task_no', '=', taskNo)
      .execute();
    // 20 working days after 9 October (the off-site check; Saturday 10 October is a make-up working day) end on 5 November: overdue.
    expect(reminded.map((r) => r.kind)).toEqual(['publication_overdue']);
    const overview = (await call(t.app, scjg, 'GET', '/api/results/deadlines')).json() as {
      departments: {
        awaitingPublication: { taskNo: string; inspectedOn: string; dueOn: string; overdue: boolean }[];
      }[];
    };
    expect(overview.departments.flatMap((d) => d.awaitingPublication).find((x) => x.taskNo === taskNo)).toMatchObject({
      inspectedOn: '2026-10-09',
      dueOn: '2026-11-05',
      overdue: true,
    });
  });
});
