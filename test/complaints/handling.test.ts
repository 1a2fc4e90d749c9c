import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendComplaintReminders } from '../../src/complaints/complaint-deadline.service';
import { actorOfUser } from '../../src/demo/demo-activity';
import { loadRegisterSubjects, sectionOfDivision } from '../../src/draw/draw-frame-lookup.service';
import { subjectInScope } from '../../src/draw/engine/frame';
import { recordOffsite } from '../../src/inspection-records/inspection-record.service';
import { offsiteInput } from '../../src/inspection-records/inspection-record.schemas';
import { getInspection } from '../../src/inspections/inspection.service';
import { answerProposal } from '../../src/registrations/visit-merge.service';
import { createComplaint } from '../support/factories/complaint.factory';
import { departmentIdOf, quietSubject } from '../support/factories/pushed-registration.factory';
import { createTask } from '../support/factories/task.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let scjg: number;
let yjgl: number;
let lianxi: Session;
let scjgAdmin: Session;
let yjglAdmin: Session;
let sfj: Session;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-10-12T10:00:00');
  scjg = await departmentIdOf(t, '市市场监督管理局');
  yjgl = await departmentIdOf(t, '市应急管理局');
  lianxi = await login(t.app, 'lianxi');
  scjgAdmin = await login(t.app, 'scjg_admin');
  yjglAdmin = await login(t.app, 'yjgl_admin');
  sfj = await login(t.app, 'sfj_dc');
});
afterAll(async () => {
  await t.app.close();
});

/** Moves the clock and signs everyone in again (a session idle for 30 minutes of clock time has expired). */
async function at(iso: string) {
  setChinaTime(t, iso);
  [lianxi, scjgAdmin, yjglAdmin, sfj] = await Promise.all(
    ['lianxi', 'scjg_admin', 'yjgl_admin', 'sfj_dc'].map((u) => login(t.app, u)),
  );
}

/** A division code no other test's rule names, so rules made here decide alone (priority 1). */
const freshDivision = () => `37${unique().tag.padStart(10, '0')}`.slice(0, 12);

async function rule(division: string, departmentId: number, matterCode: string | null = null) {
  const res = await call(t.app, lianxi, 'POST', '/api/complaint-dispatch-rules', {
    matterCode,
    divisionPrefix: division,
    departmentId,
    priority: 1,
    note: '测试规则',
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}

const row = (id: number) =>
  t.deps.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const detail = async (who: Session, ticketNo: string) => call(t.app, who, 'GET', `/api/complaints/${ticketNo}`);
const post = (who: Session, ticketNo: string, action: string, body: object = {}) =>
  call(t.app, who, 'POST', `/api/complaints/${ticketNo}/${action}`, body);

async function notificationsOf(username: string, ticketNo: string) {
  const rows = await t.deps.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.kind', 'n.title'])
    .where('u.username', '=', username)
    .where('n.link', '=', `/complaints/${ticketNo}`)
    .orderBy('n.id')
    .execute();
  return rows;
}

/** A complaint dispatched to 市市场监督管理局 by a rule of its own division. */
async function dispatchedToScjg(spec: Parameters<typeof createComplaint>[1] = {}) {
  const division = freshDivision();
  await rule(division, scjg);
  return createComplaint(t, { divisionCode: division, ...spec });
}

describe('dispatch', () => {
  it('one matching department dispatches automatically; several leave it in the 待分派 queue', async () => {
    const division = freshDivision();
    await rule(division, scjg, 'SPAQ');
    const one = await createComplaint(t, { matterCode: 'SPAQ', divisionCode: division });
    expect(await row(one.id)).toMatchObject({ status: '待受理', department_id: scjg, ack_due: '2026-10-14' });
    expect((await notificationsOf('scjg_admin', one.ticketNo)).map((n) => n.kind)).toEqual(['complaint']);

    // A second rule of the same priority for the same division: two departments, nobody decides alone.
    await rule(division, yjgl, 'SPAQ');
    const two = await createComplaint(t, {
      matterCode: 'SPAQ',
      divisionCode: division,
      subjectName: `另一对象${unique().tag}`,
    });
    expect(await row(two.id)).toMatchObject({ status: '待分派', department_id: null, ack_due: null });
    expect((await notificationsOf('lianxi', two.ticketNo)).map((n) => n.title)[0]).toContain('待分派');
    const queue = await call(t.app, lianxi, 'GET', `/api/complaints?status=待分派&keyword=${two.ticketNo}`);
    expect(queue.json().items.map((i: { ticketNo: string }) => i.ticketNo)).toEqual([two.ticketNo]);
  });

  it('the joint office dispatches; the department 退回 with a reason; 改派 needs a reason and another department', async () => {
    const c = await createComplaint(t, { divisionCode: freshDivision() });
    expect((await row(c.id)).status).toBe('待分派');
    // A department cannot dispatch, nor see an undispatched complaint.
    expect((await post(scjgAdmin, c.ticketNo, 'dispatch', { departmentId: scjg })).statusCode).toBe(403);
    expect((await detail(scjgAdmin, c.ticketNo)).statusCode).toBe(404);
    const dispatched = await post(lianxi, c.ticketNo, 'dispatch', { departmentId: scjg, note: '属市场监管职责' });
    expect(dispatched.statusCode, dispatched.body).toBe(204);
    expect(await row(c.id)).toMatchObject({ status: '待受理', department_id: scjg, ack_due: '2026-10-14' });

    expect((await post(scjgAdmin, c.ticketNo, 'give-back', {})).statusCode).toBe(400);
    const back = await post(scjgAdmin, c.ticketNo, 'give-back', { reason: '不属于本部门职责，建议分派应急管理局' });
    expect(back.statusCode, back.body).toBe(204);
    expect(await row(c.id)).toMatchObject({ status: '待分派', department_id: null, ack_due: null });
    expect((await notificationsOf('lianxi', c.ticketNo)).some((n) => n.title.includes('退回'))).toBe(true);
    // 改派 only once dispatched.
    expect((await post(lianxi, c.ticketNo, 'redispatch', { departmentId: yjgl, reason: '改派' })).statusCode).toBe(409);

    await post(lianxi, c.ticketNo, 'dispatch', { departmentId: scjg });
    expect((await post(lianxi, c.ticketNo, 'redispatch', { departmentId: scjg, reason: '同一部门' })).statusCode).toBe(
      400,
    );
    const moved = await post(lianxi, c.ticketNo, 'redispatch', {
      departmentId: yjgl,
      reason: '涉及安全生产，改由应急管理局承办',
    });
    expect(moved.statusCode, moved.body).toBe(204);
    expect(await row(c.id)).toMatchObject({ status: '待受理', department_id: yjgl });
    const view = (await detail(yjglAdmin, c.ticketNo)).json();
    expect(view.events.map((e: { action: string }) => e.action)).toEqual(['分派', '退回', '分派', '改派']);
    expect(view.events[1].note).toContain('不属于本部门职责');
    expect(view.actions).toEqual(expect.arrayContaining(['accept', 'giveBack', 'refuse']));
    // 市市场监督管理局 no longer sees it.
    expect((await detail(scjgAdmin, c.ticketNo)).statusCode).toBe(404);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'complaint')
      .where('entity_id', '=', c.ticketNo)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'complaint.dispatch',
      'complaint.give_back',
      'complaint.dispatch',
      'complaint.redispatch',
    ]);
  });

  it('every transition the lifecycle does not allow is a 409 naming the status', async () => {
    const c = await dispatchedToScjg();
    const replied = await post(scjgAdmin, c.ticketNo, 'reply', { reply: '已处理' });
    expect(replied.statusCode).toBe(409);
    expect(replied.json().error.message).toContain('当前为“待受理”');
    expect(
      (await post(scjgAdmin, c.ticketNo, 'verify', { method: '非现场核查', result: '不属实', notes: '' })).statusCode,
    ).toBe(409);
    expect((await post(lianxi, c.ticketNo, 'dispatch', { departmentId: yjgl })).statusCode).toBe(409);
    expect((await post(scjgAdmin, c.ticketNo, 'accept', {})).statusCode).toBe(204);
    expect((await post(scjgAdmin, c.ticketNo, 'accept', {})).statusCode).toBe(409);
    expect((await post(scjgAdmin, c.ticketNo, 'give-back', { reason: '晚了' })).statusCode).toBe(409);
    expect((await post(scjgAdmin, c.ticketNo, 'refuse', { reason: '晚了' })).statusCode).toBe(409);
    expect(
      (await post(scjgAdmin, c.ticketNo, 'verify', { method: '非现场核查', result: '不属实', notes: '' })).statusCode,
    ).toBe(204);
    expect((await post(scjgAdmin, c.ticketNo, 'reply', { reply: '经核查，反映的问题不属实。' })).statusCode).toBe(204);
    expect((await post(scjgAdmin, c.ticketNo, 'reply', { reply: '再答复' })).statusCode).toBe(409);
    expect(await row(c.id)).toMatchObject({ status: '已办结', reply: '经核查，反映的问题不属实。' });

    const refused = await dispatchedToScjg();
    expect(
      (await post(scjgAdmin, refused.ticketNo, 'refuse', { reason: '属于民事纠纷，不属于行政监管事项' })).statusCode,
    ).toBe(204);
    expect((await row(refused.id)).status).toBe('不予受理');
    expect((await post(scjgAdmin, refused.ticketNo, 'accept', {})).statusCode).toBe(409);
  });

  it('a department cannot read or act on another department’s complaint', async () => {
    const c = await dispatchedToScjg();
    expect((await detail(yjglAdmin, c.ticketNo)).statusCode).toBe(404);
    expect((await post(yjglAdmin, c.ticketNo, 'accept', {})).statusCode).toBe(404);
    const list = await call(t.app, yjglAdmin, 'GET', `/api/complaints?keyword=${c.ticketNo}`);
    expect(list.json()).toEqual({ items: [], total: 0 });
    const own = await call(t.app, scjgAdmin, 'GET', `/api/complaints?keyword=${c.ticketNo}`);
    expect(own.json().total).toBe(1);
    expect((await detail(lianxi, c.ticketNo)).statusCode).toBe(200);
  });
});

describe('deadlines, reminders and 督办', () => {
  it('counts working days across the National Day holiday and its make-up Saturday', async () => {
    await at('2026-09-30T09:00:00');
    const c = await dispatchedToScjg({ matterCode: 'SPAQ' });
    // 受理 2 working days after 09-30: 10-01 … 10-07 are the holiday, so 10-08 and 10-09.
    expect((await row(c.id)).ack_due).toBe('2026-10-09');
    await at('2026-10-09T09:00:00');
    await post(scjgAdmin, c.ticketNo, 'accept', {});
    // 核查 15 working days from 10-09: 10-10 is a make-up working Saturday.
    expect((await row(c.id)).verify_due).toBe('2026-10-29');
    await at('2026-10-12T10:00:00');
  });

  it('reminds the department once the working day before a deadline and once when it is overdue', async () => {
    await at('2026-10-12T10:00:00');
    const c = await dispatchedToScjg({ matterCode: 'SPAQ' });
    expect((await row(c.id)).ack_due).toBe('2026-10-14');
    const kinds = async () => (await notificationsOf('scjg_admin', c.ticketNo)).map((n) => n.kind);
    await sendComplaintReminders(t.deps, new Date('2026-10-12T03:00:00Z'));
    expect(await kinds()).toEqual(['complaint']);
    await sendComplaintReminders(t.deps, new Date('2026-10-13T03:00:00Z'));
    await sendComplaintReminders(t.deps, new Date('2026-10-13T05:00:00Z'));
    await sendComplaintReminders(t.deps, new Date('2026-10-14T03:00:00Z'));
    expect(await kinds()).toEqual(['complaint', 'complaint_due']);
    await sendComplaintReminders(t.deps, new Date('2026-10-15T03:00:00Z'));
    await sendComplaintReminders(t.deps, new Date('2026-10-16T03:00:00Z'));
    expect(await kinds()).toEqual(['complaint', 'complaint_due', 'complaint_overdue']);
  });

  it('the supervision office puts an overdue complaint under 督办 and escalates it; both offices are told', async () => {
    await at('2026-10-12T10:00:00');
    const c = await dispatchedToScjg({ matterCode: 'SPAQ' });
    const notYet = await post(sfj, c.ticketNo, 'supervise', { note: '请按时受理' });
    expect(notYet.statusCode).toBe(409);
    await at('2026-10-19T10:00:00');
    expect((await post(scjgAdmin, c.ticketNo, 'supervise', { note: '越权' })).statusCode).toBe(403);
    expect((await post(sfj, c.ticketNo, 'escalate', { note: '未督办先挂牌' })).statusCode).toBe(409);
    const first = await post(sfj, c.ticketNo, 'supervise', { note: '请于两个工作日内受理并报告' });
    expect(first.statusCode, first.body).toBe(204);
    expect(await row(c.id)).toMatchObject({ supervision_level: 1, supervision_note: '请于两个工作日内受理并报告' });
    expect((await post(sfj, c.ticketNo, 'supervise', { note: '再次' })).statusCode).toBe(409);
    expect((await notificationsOf('scjg_admin', c.ticketNo)).map((n) => n.kind)).toContain('complaint_supervised');
    expect((await notificationsOf('lianxi', c.ticketNo)).map((n) => n.kind)).toContain('complaint_supervised');

    const list = await call(t.app, sfj, 'GET', `/api/complaints?supervised=true&keyword=${c.ticketNo}`);
    // 10-14 due; 10-15, 10-16 and 10-19 have passed: 3 working days overdue.
    expect(list.json().items[0]).toMatchObject({ supervisionLevel: 1, deadlineState: '超期', daysOverdue: 3 });
    expect((await detail(sfj, c.ticketNo)).json().actions).toEqual(['escalate']);

    const escalated = await post(sfj, c.ticketNo, 'escalate', { note: '仍未受理，挂牌督办' });
    expect(escalated.statusCode, escalated.body).toBe(204);
    expect((await row(c.id)).supervision_level).toBe(2);
    expect((await post(sfj, c.ticketNo, 'escalate', { note: '再次' })).statusCode).toBe(409);
    const overdue = await call(t.app, lianxi, 'GET', `/api/complaints?overdue=true&keyword=${c.ticketNo}`);
    expect(overdue.json().total).toBe(1);
    await at('2026-10-12T10:00:00');
  });
});

describe('verification, credit and repeats', () => {
  async function coveredSubject() {
    const items = await t.deps.db
      .selectFrom('sampling_items')
      .select(['code', 'scope'])
      .where('department_id', '=', scjg)
      .where('status', '=', '有效')
      .execute();
    const sections = sectionOfDivision();
    for (let skip = 30; skip < 200; skip += 1) {
      const s = await quietSubject(t, skip);
      const [subject] = await loadRegisterSubjects(t.deps.db, [s.id]);
      if (items.some((i) => i.scope.industries.length > 0 && subjectInScope(subject!, i.scope, sections))) return s;
    }
    throw new Error('no subject covered by an item of 市市场监督管理局');
  }

  it('an on-site verification task merges with another department’s planned visit; the complaint follows it', async () => {
    await at('2026-10-12T10:00:00');
    const subject = await coveredSubject();
    const other = await createTask(t, {
      items: ['YJGL-CC-01'],
      subjectId: subject.id,
      window: { from: '2026-10-19', to: '2026-11-30' },
    });
    const c = await dispatchedToScjg({ subject, matterCode: 'SPAQ' });
    await post(scjgAdmin, c.ticketNo, 'accept', { note: '受理' });
    const options = await call(t.app, scjgAdmin, 'GET', `/api/complaints/${c.ticketNo}/verification-items`);
    expect(options.json().length).toBeGreaterThan(0);
    const made = await post(scjgAdmin, c.ticketNo, 'verification-task', {});
    expect(made.statusCode, made.body).toBe(200);
    const taskNo = made.json().taskNo as string;
    expect(taskNo).toMatch(/^TSHC2026-/);
    const own = await row(c.id);
    const task = await t.deps.db
      .selectFrom('inspection_tasks')
      .selectAll()
      .where('id', '=', own.task_id!)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      task_no: taskNo,
      source: '投诉核查',
      window_from: '2026-10-13',
      window_to: own.verify_due,
    });
    expect((await post(scjgAdmin, c.ticketNo, 'verification-task', {})).statusCode).toBe(409);
    // 现场核查 needs the inspection; an off-site result is refused while the task runs.
    expect(
      (await post(scjgAdmin, c.ticketNo, 'verify', { method: '非现场核查', result: '不属实', notes: '' })).statusCode,
    ).toBe(409);

    const proposal = await t.deps.db
      .selectFrom('merge_proposals as p')
      .innerJoin('merge_proposal_sources as s', 's.proposal_id', 'p.id')
      .select(['p.proposal_no', sql<number[]>`array_agg(s.task_id ORDER BY s.task_id)`.as('tasks')])
      .where('p.subject_id', '=', subject.id)
      .groupBy('p.proposal_no')
      .executeTakeFirstOrThrow();
    expect(proposal.tasks.map(Number).sort()).toEqual([other.id, task.id].sort());
    const office = await actorOfUser(t.deps.db, 'lianxi');
    for (const departmentId of [scjg, yjgl])
      await answerProposal(t.deps, office, proposal.proposal_no, {
        departmentId,
        answer: '接受',
        reason: '',
        itemCodes: [],
      });
    const absorbed = await t.deps.db
      .selectFrom('inspection_tasks')
      .selectAll()
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(absorbed.status).toBe('已合并');
    const followed = await row(c.id);
    expect(followed.task_id).toBe(absorbed.merged_into_task_id);
    let view = (await detail(scjgAdmin, c.ticketNo)).json();
    expect(view.task.taskNo).toMatch(/^HB2026-/);
    expect(view.events.map((e: { action: string }) => e.action)).toContain('核查任务并入联合检查');

    // No on-site result before the task is inspected.
    const early = await post(scjgAdmin, c.ticketNo, 'verify', { method: '现场核查', result: '属实', notes: '已核查' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('检查完成后才能登记现场核查结果');

    // The joint visit is inspected (off site here, by each department): the complaint shows the findings.
    await at('2026-10-20T15:00:00');
    const inspection = await getInspection(t.deps, office, view.task.taskNo);
    for (const d of inspection.departments)
      await recordOffsite(
        t.deps,
        office,
        view.task.taskNo,
        offsiteInput.parse({
          departmentId: d.id,
          method: '视频检查与资料核查',
          dataSource: '企业提供的现场视频',
          conductedOn: '2026-10-20',
          results: d.checks.map((ch, i) => ({
            checkItemId: ch.checkItemId,
            result: d.id === scjg && i === 0 ? '不符合' : '符合',
            notes: d.id === scjg && i === 0 ? '后厨卫生不达标' : '',
          })),
        }),
      );
    view = (await detail(scjgAdmin, c.ticketNo)).json();
    expect(view.events.map((e: { action: string }) => e.action)).toContain('现场核查完成');
    expect(
      view.checks.some(
        (ch: { result: string; notes: string }) => ch.result === '不符合' && ch.notes === '后厨卫生不达标',
      ),
    ).toBe(true);
    const verified = await post(scjgAdmin, c.ticketNo, 'verify', {
      method: '现场核查',
      result: '属实',
      notes: '现场检查发现后厨卫生不达标，已责令整改',
    });
    expect(verified.statusCode, verified.body).toBe(204);
    expect(await row(c.id)).toMatchObject({ status: '待答复', verification_result: '属实', reply_due: '2026-10-23' });
    const credit = await t.deps.db
      .selectFrom('credit_records')
      .select(['kind', 'source', 'uscc', 'sender_department_id'])
      .where('source_ref', '=', `complaint:${c.ticketNo}`)
      .execute();
    expect(credit).toEqual([
      { kind: '投诉举报属实', source: '投诉举报', uscc: subject.uscc, sender_department_id: scjg },
    ]);
    await at('2026-10-12T10:00:00');
  });

  it('writes a credit record for 属实 and 部分属实 only, and only for a subject in the register', async () => {
    const subject = await quietSubject(t, 25);
    const creditOf = (ticketNo: string) =>
      t.deps.db
        .selectFrom('credit_records')
        .select('severity')
        .where('source_ref', '=', `complaint:${ticketNo}`)
        .execute();
    const verifyOffsite = async (spec: Parameters<typeof createComplaint>[1], result: string, notes: string) => {
      const c = await dispatchedToScjg(spec);
      await post(scjgAdmin, c.ticketNo, 'accept', {});
      const res = await post(scjgAdmin, c.ticketNo, 'verify', { method: '非现场核查', result, notes });
      expect(res.statusCode, res.body).toBe(204);
      return c.ticketNo;
    };
    expect(await creditOf(await verifyOffsite({ subject, matterCode: 'JGSF' }, '不属实', ''))).toEqual([]);
    expect(await creditOf(await verifyOffsite({ subject, matterCode: 'GGXC' }, '部分属实', '价签不全'))).toEqual([
      { severity: '轻微' },
    ]);
    expect(
      await creditOf(await verifyOffsite({ subjectName: `未登记个体${unique().tag}` }, '属实', '无证经营')),
    ).toEqual([]);
    const missingNotes = await dispatchedToScjg();
    await post(scjgAdmin, missingNotes.ticketNo, 'accept', {});
    const bad = await post(scjgAdmin, missingNotes.ticketNo, 'verify', {
      method: '非现场核查',
      result: '属实',
      notes: '',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('groups repeats about the same subject and matter, and sends them to the department already handling it', async () => {
    const name = `重复投诉对象${unique().tag}`;
    const first = await dispatchedToScjg({ subjectName: name, matterCode: 'XFQY' });
    const second = await createComplaint(t, { subjectName: name, matterCode: 'XFQY', divisionCode: freshDivision() });
    const otherMatter = await createComplaint(t, {
      subjectName: name,
      matterCode: 'JGSF',
      divisionCode: freshDivision(),
    });
    expect((await row(first.id)).group_id).toBe(first.id);
    expect(await row(second.id)).toMatchObject({ group_id: first.id, status: '待受理', department_id: scjg });
    expect((await row(otherMatter.id)).group_id).toBeNull();
    const list = await call(
      t.app,
      scjgAdmin,
      'GET',
      `/api/complaints?keyword=${encodeURIComponent(name)}&matterCode=XFQY`,
    );
    expect(list.json().items.map((i: { groupSize: number }) => i.groupSize)).toEqual([2, 2]);
    const view = (await detail(scjgAdmin, second.ticketNo)).json();
    expect(view.group.map((g: { ticketNo: string }) => g.ticketNo)).toEqual([first.ticketNo, second.ticketNo]);
    expect(view.events[0].action).toBe('归并重复投诉');
  });
});
