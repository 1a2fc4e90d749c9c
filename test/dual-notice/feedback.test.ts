import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfUser } from '../../src/demo/demo-activity';
import { loadCalendarYear } from '../../src/calendar/calendar.service';
import { auditSubjectOf } from '../../src/audit/audit.service';
import { afterLicenceReceived } from '../../src/records/record-hooks';
import { sendPushReminders } from '../../src/dual-notice/push-reminders.service';
import { receiveRegistration } from '../support/factories/registration.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { departmentId, publishTestCatalog } from './dual-notice-fixtures';

let t: TestApp;
let yjgl: Session;
let scjg: Session;
let sfj: Session;
beforeAll(async () => {
  t = await testApp();
  yjgl = await login(t.app, 'yjgl_admin');
  scjg = await login(t.app, 'scjg_staff');
  sfj = await login(t.app, 'sfj_dc');
  // A year loaded the way an administrator does (no other test uses 2035): 国庆 Mon 1 – Sun 7 October, with the
  // Saturdays 29 September and 13 October made working days.
  const admin = await actorOfUser(t.deps.db, 'admin');
  await loadCalendarYear(
    t.deps,
    auditSubjectOf(admin),
    '2035.csv',
    [
      '日期,类型,名称',
      '2035-01-01,放假,元旦',
      '2035-09-29,上班,国庆节调休上班',
      ...[1, 2, 3, 4, 5].map((d) => `2035-10-0${d},放假,国庆节`),
      '2035-10-13,上班,国庆节调休上班',
    ].join('\n'),
  );
});
afterAll(async () => {
  await t.app.close();
});

const pushOf = (registrationId: number, department: number) =>
  t.deps.db
    .selectFrom('registration_pushes')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .where('department_id', '=', department)
    .orderBy('id')
    .executeTakeFirstOrThrow();

describe('一反馈: acknowledgement within 1 working day', () => {
  it('a push on the Friday before a make-up Saturday is due that Saturday; on the eve of 国庆, the first working day after', async () => {
    const { tag } = unique();
    const { departments: d } = await publishTestCatalog(t, tag);
    setChinaTime(t, '2035-09-28T16:30:00');
    const friday = await receiveRegistration(t.deps, { businessScope: '危险化学品经营' });
    expect((await pushOf(friday, d.yjgl)).ack_due_on).toBe('2035-09-29');
    setChinaTime(t, '2035-09-29T10:00:00');
    const eve = await receiveRegistration(t.deps, { businessScope: '危险化学品经营' });
    expect((await pushOf(eve, d.yjgl)).ack_due_on).toBe('2035-10-08');
  });

  it('shows a push overdue on the right day, acknowledges it late, and lists it for the department and the supervision office', async () => {
    const { tag } = unique();
    const { departments: d } = await publishTestCatalog(t, tag);
    setChinaTime(t, '2026-09-30T09:00:00');
    const id = await receiveRegistration(t.deps, { businessScope: '危险化学品经营' });
    const push = await pushOf(id, d.yjgl);
    expect(push.ack_due_on).toBe('2026-10-08');
    const stateOn = async (when: string) => {
      setChinaTime(t, when);
      const res = await call(
        t.app,
        yjgl,
        'GET',
        `/api/dual-notice/pushes?keyword=${encodeURIComponent((await t.deps.db.selectFrom('business_registrations').select('registration_no').where('id', '=', id).executeTakeFirstOrThrow()).registration_no)}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.find((p: { id: number }) => p.id === Number(push.id))?.state;
    };
    expect(await stateOn('2026-10-07T18:00:00')).toBe('待签收');
    expect(await stateOn('2026-10-08T18:00:00')).toBe('待签收');
    expect(await stateOn('2026-10-09T08:00:00')).toBe('逾期未签收');
    // Overdue on the 9th, in the department's list and the supervision office's.
    const own = (await call(t.app, yjgl, 'GET', '/api/dual-notice/overdue')).json();
    expect(own.rows.every((r: { departmentId: number }) => r.departmentId === d.yjgl)).toBe(true);
    expect(
      own.rows.some((r: { kind: string; dueOn: string }) => r.kind === '逾期未签收' && r.dueOn === '2026-10-08'),
    ).toBe(true);
    const all = (await call(t.app, sfj, 'GET', '/api/dual-notice/overdue')).json();
    expect(
      all.departments.find((x: { departmentId: number }) => x.departmentId === d.yjgl)?.openOverdue,
    ).toBeGreaterThan(0);
    // Another department cannot acknowledge it.
    expect((await call(t.app, scjg, 'POST', `/api/dual-notice/pushes/${push.id}/acknowledge`)).statusCode).toBe(403);
    const ack = await call(t.app, yjgl, 'POST', `/api/dual-notice/pushes/${push.id}/acknowledge`);
    expect(ack.json()).toEqual({ state: '逾期签收' });
    const again = await call(t.app, yjgl, 'POST', `/api/dual-notice/pushes/${push.id}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该推送已签收');
  });

  it('reminds on the due day and when overdue, once a day', async () => {
    const { tag } = unique();
    const { departments: d } = await publishTestCatalog(t, tag);
    setChinaTime(t, '2026-11-23T09:00:00');
    const id = await receiveRegistration(t.deps, { businessScope: '危险化学品经营' });
    const push = await pushOf(id, d.yjgl);
    const remindersOf = () =>
      t.deps.db
        .selectFrom('dual_notice_reminders')
        .select(['kind', 'reminded_on'])
        .where('push_id', '=', push.id)
        .orderBy('reminded_on')
        .execute();
    await sendPushReminders(t.deps, new Date('2026-11-24T01:00:00Z'));
    await sendPushReminders(t.deps, new Date('2026-11-24T05:00:00Z'));
    await sendPushReminders(t.deps, new Date('2026-11-25T01:00:00Z'));
    expect(await remindersOf()).toEqual([
      { kind: 'push_ack_due', reminded_on: '2026-11-24' },
      { kind: 'push_ack_overdue', reminded_on: '2026-11-25' },
    ]);
    const told = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind'])
      .where('n.kind', 'in', ['push_ack_due', 'push_ack_overdue'])
      .where(
        'n.body',
        'like',
        `%${(await t.deps.db.selectFrom('business_registrations').select('uscc').where('id', '=', id).executeTakeFirstOrThrow()).uscc}%`,
      )
      .execute();
    expect(
      told
        .filter((n) => n.username === 'yjgl_admin')
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['push_ack_due', 'push_ack_overdue']);
  });
});

describe('shared pool and claim', () => {
  it('lets a department find and claim a registration once; it then leaves the pool for that department only', async () => {
    setChinaTime(t, '2026-11-20T10:00:00');
    const { tag } = unique();
    const name = `日照云帆${tag}科技有限公司`;
    const id = await receiveRegistration(t.deps, {
      name,
      businessScope: '网络技术服务；无人机研发',
      industryCodes: ['6519'],
    });
    const search = (s: Session) =>
      call(t.app, s, 'GET', `/api/dual-notice/pool?keyword=${encodeURIComponent('云帆' + tag)}`);
    expect((await search(yjgl)).json().items.map((r: { registrationId: number }) => r.registrationId)).toEqual([id]);
    const claimed = await call(t.app, yjgl, 'POST', `/api/dual-notice/pool/${id}/claim`, { duty: '行业主管' });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const push = await pushOf(id, await departmentId(t, '市应急管理局'));
    expect(push.route).toBe('认领');
    expect(push.acknowledged_at).not.toBeNull();
    expect((await search(yjgl)).json().items).toEqual([]);
    expect((await search(scjg)).json().items[0].claims).toEqual(['市应急管理局']);
    const twice = await call(t.app, yjgl, 'POST', `/api/dual-notice/pool/${id}/claim`, { duty: '综合执法' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('不能重复认领');
  });
});

describe('二反馈: licence results within 7 working days', () => {
  it('records the feedback on time or late against the decision date, by the working-day calendar', async () => {
    const spj = await departmentId(t, '市行政审批服务局');
    const insertLicence = async (decidedOn: string, receivedAt: string) => {
      const { tag, uscc } = unique();
      const now = new Date(`${receivedAt}+08:00`);
      return t.deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('licence_records')
          .values({
            sender_department_id: spj,
            sender_record_id: `L-${tag}`,
            channel: '接口',
            payload_digest: `d${tag}`,
            version: 1,
            subject_id: null,
            received_by: null,
            received_at: now,
            updated_at: now,
            counterpart_category: '法人及非法人组织',
            counterpart_name: `测试${tag}食品有限公司`,
            uscc,
            legal_representative: '王测试',
            id_number_masked: null,
            id_number_cipher: null,
            decided_on: decidedOn,
            authority_name: '日照市行政审批服务局',
            authority_uscc: uscc,
            source_unit_name: '日照市行政审批服务局',
            source_unit_uscc: uscc,
            status: '有效',
            department_id: spj,
            decision_doc_name: '食品经营许可决定书',
            decision_doc_no: `日审批食许〔2026〕${tag}号`,
            category: '普通',
            certificate_name: '食品经营许可证',
            certificate_no: `JY1${tag}`,
            content: '预包装食品销售',
            valid_from: decidedOn,
            valid_to: null,
            approval_item_code: null,
            applied_on: null,
            registration_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await afterLicenceReceived(trx, t.deps, row.id, 'new');
        return row.id;
      });
    };
    const feedback = (id: number) =>
      t.deps.db
        .selectFrom('licence_feedbacks')
        .select(['due_on', 'late', 'received_on'])
        .where('licence_id', '=', id)
        .executeTakeFirstOrThrow();
    // Decided the day before 国庆: 7 working days run to 15 October (8, 9, the make-up Saturday 10, 12–15 October).
    const onTime = await insertLicence('2026-09-30', '2026-10-15T17:00:00');
    expect(await feedback(onTime)).toEqual({ due_on: '2026-10-15', late: false, received_on: '2026-10-15' });
    const late = await insertLicence('2026-09-30', '2026-10-16T09:00:00');
    expect((await feedback(late)).late).toBe(true);
    const list = (await call(t.app, sfj, 'GET', `/api/dual-notice/overdue?departmentId=${spj}`)).json();
    expect(
      list.rows.some((r: { kind: string; dueOn: string }) => r.kind === '许可反馈逾期' && r.dueOn === '2026-10-15'),
    ).toBe(true);
  });
});
