import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workCalendar } from '../../src/calendar/calendar.service';
import { actorOfUser } from '../../src/demo/demo-activity';
import { endFollowUpsOnLicence } from '../../src/follow-ups/follow-up-licence.service';
import { planFollowUps } from '../../src/follow-ups/follow-up-plan.service';
import { followUpDueOn, processingTime } from '../../src/follow-ups/follow-up-rules';
import { recordOffsite } from '../../src/inspection-records/inspection-record.service';
import { offsiteInput } from '../../src/inspection-records/inspection-record.schemas';
import { getInspection } from '../../src/inspections/inspection.service';
import { answerProposal } from '../../src/registrations/visit-merge.service';
import {
  createLicence,
  createPushedRegistration,
  departmentIdOf,
  quietSubject,
} from '../support/factories/pushed-registration.factory';
import { createTask } from '../support/factories/task.factory';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let scjg: number;
let yjgl: number;
let scjgAdmin: Session;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-10-12T10:00:00');
  scjg = await departmentIdOf(t, '市市场监督管理局');
  yjgl = await departmentIdOf(t, '市应急管理局');
  scjgAdmin = await login(t.app, 'scjg_admin');
});
afterAll(async () => {
  await t.app.close();
});

const plan = (pushIds: number[]) => t.deps.db.transaction().execute((trx) => planFollowUps(trx, t.deps, pushIds));

async function followUpOfPush(pushId: number) {
  return t.deps.db.selectFrom('follow_ups').selectAll().where('push_id', '=', pushId).executeTakeFirstOrThrow();
}

async function taskOf(id: number) {
  const task = await t.deps.db
    .selectFrom('inspection_tasks')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const inspectors = await t.deps.db
    .selectFrom('inspection_task_inspectors')
    .select('inspector_id')
    .where('task_id', '=', id)
    .execute();
  const items = await t.deps.db.selectFrom('inspection_task_items').selectAll().where('task_id', '=', id).execute();
  return { ...task, inspectors: inspectors.length, items };
}

/** Every department of the task records its checks off site (the joint office, as the inspection-record page does). */
async function inspectOffsite(taskNo: string, on: string, unlicensed: boolean) {
  const lianxi = await actorOfUser(t.deps.db, 'lianxi');
  const view = await getInspection(t.deps, lianxi, taskNo);
  for (const d of view.departments)
    await recordOffsite(
      t.deps,
      lianxi,
      taskNo,
      offsiteInput.parse({
        departmentId: d.id,
        method: '视频检查与资料核查',
        dataSource: '企业提供的经营现场视频和资料',
        conductedOn: on,
        results: d.checks.map((c) => ({
          checkItemId: c.checkItemId,
          result: unlicensed && c.content.includes('未取得相关许可') ? '不符合' : '符合',
          notes:
            unlicensed && c.content.includes('未取得相关许可') ? '现场已在销售预包装食品，未取得食品经营许可证' : '',
        })),
      }),
    );
}

describe('双跟踪 deadlines', () => {
  it('counts 2 calendar months with the end-of-month rule (31 December → end of February, 31 January → 31 March)', async () => {
    const calendar = await workCalendar(t.deps.db);
    expect(followUpDueOn(calendar, '2024-12-31')).toBe('2025-02-28');
    expect(followUpDueOn(calendar, '2023-12-31')).toBe('2024-02-29');
    expect(followUpDueOn(calendar, '2026-01-31')).toBe('2026-03-31');
    // A due day on a rest day moves to the next working day: 2026-10-12 + 2 months = Saturday 2026-12-12.
    expect(followUpDueOn(calendar, '2026-10-12')).toBe('2026-12-14');
  });

  it('measures processing time in working days against the promised limit across the National Day holiday', async () => {
    const calendar = await workCalendar(t.deps.db);
    const app = { acceptedOn: '2026-09-28', promisedDays: 5, statutoryDays: 20, concludedOn: null };
    // 09-29, 09-30, (10-01 … 10-07 holiday), 10-08, 10-09, 10-10 (make-up working Saturday).
    expect(processingTime(calendar, app, '2026-10-09')).toMatchObject({
      elapsedWorkingDays: 4,
      promisedDueOn: '2026-10-10',
      state: '正常',
    });
    expect(processingTime(calendar, app, '2026-10-12')).toMatchObject({ elapsedWorkingDays: 6, state: '超承诺时限' });
  });
});

describe('照后证前 follow-up', () => {
  it('a push creates one obligation and one 跟踪 task with at least 2 inspectors; again, nothing', async () => {
    const subject = await quietSubject(t, 0);
    const { pushId } = await createPushedRegistration(t, {
      subject,
      departmentId: scjg,
      approvalItemCodes: ['食品经营许可'],
    });
    const street = await createPushedRegistration(t, {
      subject,
      departmentId: yjgl,
      approvalItemCodes: [],
      duty: '行业主管',
    });
    expect(await plan([pushId, street.pushId])).toHaveLength(1);
    const f = await followUpOfPush(pushId);
    expect(f).toMatchObject({ status: '待跟踪', pushed_on: '2026-10-12', due_on: '2026-12-14', department_id: scjg });
    const task = await taskOf(f.task_id!);
    expect(task).toMatchObject({
      source: '跟踪',
      status: '已发布',
      window_from: '2026-10-13',
      window_to: '2026-12-14',
    });
    expect(task.inspectors).toBeGreaterThanOrEqual(2);
    // The items tied to the licence (食品经营许可: SCJG-CC-01, SCJG-CC-02) and the department's own follow-up item.
    expect(task.items.map((i) => i.item_code).sort()).toEqual(['SCJG-CC-01', 'SCJG-CC-02', 'SCJG-GZ-CC']);
    expect(await plan([pushId])).toEqual([]);
    const count = await t.deps.db
      .selectFrom('follow_ups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('push_id', 'in', [pushId, street.pushId])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    const list = await call(t.app, scjgAdmin, 'GET', `/api/follow-ups?keyword=${subject.uscc}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().rows[0]).toMatchObject({ status: '待跟踪', dueOn: '2026-12-14', daysLeft: 63 });
  });

  it('merges with another department’s overlapping planned visit, and the joint inspection completes the follow-up', async () => {
    const subject = await quietSubject(t, 1);
    const other = await createTask(t, {
      items: ['YJGL-CC-01'],
      subjectId: subject.id,
      window: { from: '2026-11-02', to: '2026-11-30' },
    });
    const { pushId } = await createPushedRegistration(t, {
      subject,
      departmentId: scjg,
      approvalItemCodes: ['食品经营许可'],
    });
    await plan([pushId]);
    const f = await followUpOfPush(pushId);
    const proposal = await t.deps.db
      .selectFrom('merge_proposals as p')
      .select(['p.proposal_no', 'p.window_from', 'p.window_to'])
      .where('p.subject_id', '=', subject.id)
      .where('p.kind', '=', '重叠')
      .executeTakeFirstOrThrow();
    const sources = await t.deps.db
      .selectFrom('merge_proposal_sources as s')
      .innerJoin('merge_proposals as p', 'p.id', 's.proposal_id')
      .select('s.task_id')
      .where('p.proposal_no', '=', proposal.proposal_no)
      .execute();
    expect(sources.map((s) => s.task_id).sort()).toEqual([other.id, f.task_id].sort());
    expect(proposal).toMatchObject({ window_from: '2026-11-02', window_to: '2026-11-30' });

    const lianxi = await actorOfUser(t.deps.db, 'lianxi');
    for (const departmentId of [scjg, yjgl])
      await answerProposal(t.deps, lianxi, proposal.proposal_no, {
        departmentId,
        answer: '接受',
        reason: '',
        itemCodes: [],
      });
    const absorbed = await taskOf(f.task_id!);
    expect(absorbed.status).toBe('已合并');
    const joint = await taskOf(absorbed.merged_into_task_id!);
    expect(joint.source).toBe('合并');

    const page = await call(t.app, scjgAdmin, 'GET', `/api/follow-ups?keyword=${subject.uscc}`);
    expect(page.json().rows[0].task).toMatchObject({ taskNo: absorbed.task_no, jointTaskNo: joint.task_no });

    setChinaTime(t, '2026-11-10T15:00:00');
    await inspectOffsite(joint.task_no, '2026-11-10', false);
    expect(await followUpOfPush(pushId)).toMatchObject({
      status: '已跟踪',
      followed_up_on: '2026-11-10',
      late: false,
      outcome: '未发现问题',
    });
    setChinaTime(t, '2026-10-12T10:00:00');
  });

  it('a finding of operating without a licence goes to case handling and makes the subject a key target', async () => {
    const subject = await quietSubject(t, 2);
    const { pushId } = await createPushedRegistration(t, {
      subject,
      departmentId: scjg,
      approvalItemCodes: ['食品经营许可'],
    });
    await plan([pushId]);
    const f = await followUpOfPush(pushId);
    const task = await taskOf(f.task_id!);
    setChinaTime(t, '2026-10-14T15:00:00');
    await inspectOffsite(task.task_no, '2026-10-14', true);
    setChinaTime(t, '2026-10-12T10:00:00');
    const done = await followUpOfPush(pushId);
    expect(done).toMatchObject({ status: '已跟踪', outcome: '发现无证经营' });
    expect(done.unlicensed_check_item_id).not.toBeNull();

    const transfer = await call(t.app, scjgAdmin, 'POST', `/api/follow-ups/${f.follow_up_no}/transfer`, {
      targetUnit: '市市场监督管理局执法支队',
      reason: '未取得食品经营许可即开展食品销售',
    });
    expect(transfer.statusCode, transfer.body).toBe(200);
    expect(transfer.json()).toEqual({ followUpNo: f.follow_up_no, keyTarget: true });
    const s = await t.deps.db
      .selectFrom('subjects')
      .select(['key_target', 'key_target_reason'])
      .where('id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(s.key_target).toBe(true);
    expect(s.key_target_reason).toContain(f.follow_up_no);
    const transfers = await t.deps.db.selectFrom('case_transfers').selectAll().where('task_id', '=', task.id).execute();
    expect(transfers).toHaveLength(1);
    const again = await call(t.app, scjgAdmin, 'POST', `/api/follow-ups/${f.follow_up_no}/transfer`, {
      targetUnit: '市市场监督管理局执法支队',
      reason: '重复',
    });
    expect(again.statusCode).toBe(409);
  });

  it('a licence for the item closes the open obligation, voids its unstarted task and starts routine supervision', async () => {
    const subject = await quietSubject(t, 3);
    const { pushId } = await createPushedRegistration(t, {
      subject,
      departmentId: scjg,
      approvalItemCodes: ['食品经营许可'],
    });
    await plan([pushId]);
    const f = await followUpOfPush(pushId);
    const application = await call(t.app, await login(t.app, 'spj_xk'), 'POST', '/api/follow-ups/applications', {
      senderRecordId: `SQ-${subject.uscc}`,
      uscc: subject.uscc,
      applicantName: subject.name,
      approvalItemCode: '食品经营许可',
      approvalItemName: '食品经营许可',
      acceptedOn: '2026-09-28',
      statutoryDays: 20,
      promisedDays: 5,
    });
    expect(application.statusCode, application.body).toBe(200);
    expect(application.json()).toMatchObject({
      created: true,
      application: { status: '办理中', elapsedWorkingDays: 6, state: '超承诺时限', channel: '在线' },
    });

    const other = await createLicence(t, {
      ...subject,
      subjectId: subject.id,
      approvalItemCode: '排污许可证核发',
      decidedOn: '2026-10-12',
      departmentId: scjg,
    });
    await t.deps.db.transaction().execute((trx) => endFollowUpsOnLicence(trx, t.deps, other, 'new'));
    expect((await followUpOfPush(pushId)).status).toBe('待跟踪');

    const licenceId = await createLicence(t, {
      ...subject,
      subjectId: subject.id,
      approvalItemCode: '食品经营许可',
      decidedOn: '2026-10-12',
      departmentId: await departmentIdOf(t, '市行政审批服务局'),
    });
    await t.deps.db.transaction().execute((trx) => endFollowUpsOnLicence(trx, t.deps, licenceId, 'new'));
    expect(await followUpOfPush(pushId)).toMatchObject({ status: '免于跟踪', closed_by_licence_id: licenceId });
    expect((await taskOf(f.task_id!)).status).toBe('已作废');
    const routine = await t.deps.db
      .selectFrom('routine_supervisions')
      .select('department_id')
      .where('licence_id', '=', licenceId)
      .execute();
    expect(routine.map((r) => Number(r.department_id))).toContain(scjg);
    const apps = await call(t.app, await login(t.app, 'sfj_dc'), 'GET', '/api/follow-ups/applications');
    const concluded = apps.json().rows.find((a: { uscc: string }) => a.uscc === subject.uscc);
    expect(concluded).toMatchObject({ status: '已办结', concludedOn: '2026-10-12' });
  });

  it('records a licence application once per sender id', async () => {
    const xk = await login(t.app, 'spj_xk');
    const subject = await quietSubject(t, 4);
    const body = {
      senderRecordId: `SQ-ONCE-${subject.uscc}`,
      uscc: subject.uscc,
      applicantName: subject.name,
      approvalItemCode: '公共场所卫生许可',
      approvalItemName: '公共场所卫生许可',
      acceptedOn: '2026-10-09',
      statutoryDays: 20,
      promisedDays: 10,
    };
    const first = await call(t.app, xk, 'POST', '/api/follow-ups/applications', body);
    const second = await call(t.app, xk, 'POST', '/api/follow-ups/applications', body);
    expect(first.json().created).toBe(true);
    expect(second.json()).toMatchObject({ created: false, application: first.json().application });
    const bad = await call(t.app, xk, 'POST', '/api/follow-ups/applications', {
      ...body,
      senderRecordId: 'X',
      promisedDays: 30,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('承诺办结时限不能长于法定办结时限');
    const refused = await call(t.app, scjgAdmin, 'POST', '/api/follow-ups/applications', body);
    expect(refused.statusCode).toBe(403);
  });
});
