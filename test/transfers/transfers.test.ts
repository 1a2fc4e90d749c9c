import type { NotificationKind } from '../../src/notifications/notification.table';
import { beforeAll, describe, expect, it } from 'vitest';
import { workCalendar } from '../../src/calendar/calendar.service';
import { sendTransferReminders } from '../../src/transfers/transfer-deadlines.service';
import { inspectorOf } from '../support/factories/inspector.factory';
import { createTask } from '../support/factories/task.factory';
import { createPenalty } from '../support/factories/decision.factory';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';

let t: TestApp;
let scjg: Session;
let yjgl: Session;
let third: Session;
let office: Session;
let sfj: Session;
const depts: Record<string, number> = {};
const thirdUser = { username: '', password: '' };

async function departmentId(name: string): Promise<number> {
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(d.id);
}

/** Moves the clock (China time) and signs everyone in again. */
async function at(iso: string) {
  setChinaTime(t, iso);
  [scjg, yjgl, office, sfj] = await Promise.all(
    ['scjg_staff', 'yjgl_admin', 'lianxi', 'sfj_dc'].map((u) => login(t.app, u)),
  );
  third = await login(t.app, thirdUser.username, thirdUser.password);
}

const ok = async (res: Promise<{ statusCode: number; body: string; json: () => unknown }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Record<string, unknown> & { status: string; actions: string[]; events: { action: string }[] };
};

async function handTransfer(payload: Record<string, unknown> = {}) {
  const { tag } = unique();
  const body = {
    kind: '线索移送',
    sourceType: '手工录入',
    subjectName: `测试当事人${tag}`,
    receiver: { departmentId: depts.yjgl },
    reason: `仓库存放液化气钢瓶，涉嫌违反安全生产法（${tag}）`,
    legalGround: '《中华人民共和国安全生产法》第四十二条',
    acceptDays: 3,
    ...payload,
  };
  const res = await ok(call(t.app, scjg, 'POST', '/api/transfers', body));
  return res.transferNo as string;
}

const notificationsOf = (username: string, kind: NotificationKind) =>
  t.deps.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.title', 'n.body'])
    .where('u.username', '=', username)
    .where('n.kind', '=', kind)
    .orderBy('n.id', 'desc')
    .execute();

beforeAll(async () => {
  t = await testApp();
  depts.scjg = await departmentId('市市场监督管理局');
  depts.yjgl = await departmentId('市应急管理局');
  depts.cgj = await departmentId('市城市管理局');
  setChinaTime(t, '2026-12-07T09:00:00');
  const admin = await login(t.app, 'admin');
  const { tag } = unique();
  Object.assign(thirdUser, { username: `cgzf${tag}`, password: `Cg!${tag}q#Zr7vK2` });
  const created = await call(t.app, admin, 'POST', '/api/users', {
    username: thirdUser.username,
    name: `城管${tag}`,
    idCard: demoIdCard('371102', Number(tag) % 900),
    phone: '13800000001',
    departmentId: depts.cgj,
    roleCodes: ['dept_admin'],
    password: thirdUser.password,
  });
  expect(created.statusCode, created.body).toBe(200);
  await at('2026-12-07T09:30:00');
});

describe('case and clue transfers', () => {
  it('a transfer reaches the receiver, is accepted, its outcome reaches the sender (notification and view)', async () => {
    const no = await handTransfer();
    expect((await notificationsOf('yjgl_admin', 'transfer_received'))[0]?.title).toContain(no);
    const inbox = (await ok(call(t.app, yjgl, 'GET', `/api/transfers?box=received&keyword=${no}`))) as unknown as {
      items: { transferNo: string; status: string; acceptDueOn: string }[];
    };
    expect(inbox.items.map((i) => [i.transferNo, i.status])).toEqual([[no, '待受理']]);
    // 3 working days from Monday 2026-12-07.
    expect(inbox.items[0]!.acceptDueOn).toBe('2026-12-10');
    const accepted = await ok(call(t.app, yjgl, 'POST', `/api/transfers/${no}/accept`));
    expect(accepted.status).toBe('已受理');
    expect(accepted.actions).toEqual(['outcome']);
    const filed = await ok(
      call(t.app, yjgl, 'POST', `/api/transfers/${no}/outcome`, { outcome: '立案', caseNo: '日应急立〔2026〕31 号' }),
    );
    expect(filed.status).toBe('已立案');
    const seen = await ok(call(t.app, scjg, 'GET', `/api/transfers/${no}`));
    expect(seen).toMatchObject({ status: '已立案', outcome: '立案', caseNo: '日应急立〔2026〕31 号', actions: [] });
    expect(seen.events.map((e) => e.action)).toEqual(['线索移送', '受理', '立案']);
    const told = await notificationsOf('scjg_staff', 'transfer_progress');
    expect(told.map((n) => n.title)).toEqual(expect.arrayContaining([`${no}：已受理`, `${no}：立案`]));
    expect(told.find((n) => n.title === `${no}：立案`)!.body).toContain('日应急立〔2026〕31 号');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', no)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['transfer.create', 'transfer.accept', 'transfer.outcome']);
  });

  it('refuses steps out of order (409) and steps by the wrong department (403)', async () => {
    const no = await handTransfer();
    expect((await call(t.app, scjg, 'POST', `/api/transfers/${no}/accept`)).statusCode).toBe(403);
    const early = await call(t.app, yjgl, 'POST', `/api/transfers/${no}/outcome`, { outcome: '不予立案', notes: '无' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('受理后');
    const noReason = await call(t.app, yjgl, 'POST', `/api/transfers/${no}/return`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const back = await ok(call(t.app, yjgl, 'POST', `/api/transfers/${no}/return`, { reason: '不属于本部门职责' }));
    expect(back).toMatchObject({ status: '已退回', returnedReason: '不属于本部门职责' });
    expect((await call(t.app, yjgl, 'POST', `/api/transfers/${no}/accept`)).statusCode).toBe(409);
    expect((await call(t.app, yjgl, 'POST', `/api/transfers/${no}/return`, { reason: '再退' })).statusCode).toBe(409);
    expect((await notificationsOf('scjg_staff', 'transfer_progress'))[0]!.body).toContain('不属于本部门职责');
    // The sender sends it on to another department, which now has it to accept.
    expect(
      (await call(t.app, yjgl, 'POST', `/api/transfers/${no}/resend`, { receiver: { departmentId: depts.cgj } }))
        .statusCode,
    ).toBe(403);
    const again = await ok(
      call(t.app, scjg, 'POST', `/api/transfers/${no}/resend`, { receiver: { departmentId: depts.cgj } }),
    );
    expect(again).toMatchObject({ status: '待受理', receiverName: '市城市管理局', returnedReason: null });
    expect((await call(t.app, yjgl, 'GET', `/api/transfers/${no}`)).statusCode).toBe(404);
    expect((await ok(call(t.app, third, 'GET', `/api/transfers/${no}`))).actions).toEqual(['accept', 'return']);
  });

  it('a third department cannot read or act on a transfer between two others; the offices read all', async () => {
    const no = await handTransfer();
    expect((await call(t.app, third, 'GET', `/api/transfers/${no}`)).statusCode).toBe(404);
    expect((await call(t.app, third, 'POST', `/api/transfers/${no}/accept`)).statusCode).toBe(404);
    const list = (await ok(call(t.app, third, 'GET', `/api/transfers?keyword=${no}`))) as unknown as { total: number };
    expect(list.total).toBe(0);
    for (const s of [office, sfj]) {
      const view = await ok(call(t.app, s, 'GET', `/api/transfers/${no}`));
      expect(view.actions).toEqual([]);
      const all = (await ok(call(t.app, s, 'GET', `/api/transfers?keyword=${no}`))) as unknown as { total: number };
      expect(all.total).toBe(1);
    }
    // The supervision office reads but does not accept for the receiver.
    expect((await call(t.app, sfj, 'POST', `/api/transfers/${no}/accept`)).statusCode).toBe(403);
  });

  it('exports the register of what the department may read; the download is audited', async () => {
    const no = await handTransfer();
    const mine = await call(t.app, scjg, 'GET', '/api/transfers/export.csv?box=sent');
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toContain('text/csv');
    expect(mine.body).toContain(no);
    expect((await call(t.app, third, 'GET', '/api/transfers/export.csv')).body).not.toContain(no);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'export.download')
      .where('summary', 'like', '%移送登记簿%')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.summary).toContain('行');
  });

  it('links the penalty decision by its 决定书文号, refusing a number the platform does not know', async () => {
    const penaltyId = await createPenalty(t, { department: '市应急管理局', decidedOn: '2026-12-04' });
    const penalty = await t.deps.db
      .selectFrom('penalty_records')
      .select(['decision_doc_no', 'decided_on'])
      .where('id', '=', penaltyId)
      .executeTakeFirstOrThrow();
    const no = await handTransfer({ kind: '案件移送' });
    await ok(call(t.app, yjgl, 'POST', `/api/transfers/${no}/accept`));
    const missing = await call(t.app, yjgl, 'POST', `/api/transfers/${no}/outcome`, {
      outcome: '已处罚',
      penaltyDocNo: '日应急罚〔1999〕0 号',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('penaltyDocNo');
    const noNumber = await call(t.app, yjgl, 'POST', `/api/transfers/${no}/outcome`, { outcome: '已处罚' });
    expect(noNumber.statusCode).toBe(400);
    const done = await ok(
      call(t.app, yjgl, 'POST', `/api/transfers/${no}/outcome`, {
        outcome: '已处罚',
        penaltyDocNo: penalty.decision_doc_no,
      }),
    );
    expect(done).toMatchObject({ status: '已办结', outcome: '已处罚' });
    expect(done.penalty).toMatchObject({ docNo: penalty.decision_doc_no, decidedOn: penalty.decided_on });
    expect(
      (await call(t.app, yjgl, 'POST', `/api/transfers/${no}/outcome`, { outcome: '移送司法机关', notes: '移送公安' }))
        .statusCode,
    ).toBe(409);
  });

  it('行刑衔接: to 公安机关 the sender records the receipt and the outcome; the deadline skips the National Day holiday', async () => {
    await at('2026-09-30T10:00:00');
    const no = await handTransfer({
      kind: '案件移送',
      receiver: { externalKind: '公安机关', externalName: '市公安局食品药品环境犯罪侦查支队' },
      acceptDays: 3,
    });
    const cal = await workCalendar(t.deps.db);
    const view = await ok(call(t.app, scjg, 'GET', `/api/transfers/${no}`));
    // 10-01 to 10-07 are the holiday; 10-10, a Saturday, is worked in its place (调休): 10-08, 10-09, 10-10.
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(view.acceptDueOn).toBe('2026-10-10');
    expect(view.actions).toEqual(['receipt', 'return']);
    expect((await call(t.app, scjg, 'POST', `/api/transfers/${no}/accept`)).statusCode).toBe(409);
    const received = await ok(
      call(t.app, scjg, 'POST', `/api/transfers/${no}/receipt`, { receiptNo: '日公（食药环）受字〔2026〕17 号' }),
    );
    expect(received).toMatchObject({ status: '已受理', receiptNo: '日公（食药环）受字〔2026〕17 号' });
    const filed = await ok(
      call(t.app, scjg, 'POST', `/api/transfers/${no}/outcome`, { outcome: '立案', caseNo: '日公立〔2026〕88 号' }),
    );
    expect(filed.status).toBe('已立案');
    await at('2026-12-07T09:30:00');
  });

  it('lists overdue transfers for the departments and the supervision office, and reminds once per deadline', async () => {
    await at('2026-11-02T09:00:00');
    const no = await handTransfer({ acceptDays: 1 });
    await at('2026-11-05T09:00:00');
    const mine = (await ok(call(t.app, yjgl, 'GET', '/api/transfers/overdue'))) as unknown as {
      items: { no: string; dueOn: string; overdueWorkingDays: number; waitingOn: string }[];
    };
    expect(mine.items.find((i) => i.no === no)).toMatchObject({
      dueOn: '2026-11-03',
      overdueWorkingDays: 2,
      waitingOn: '市应急管理局',
    });
    const sup = (await ok(call(t.app, sfj, 'GET', '/api/transfers/overdue'))) as unknown as { items: { no: string }[] };
    expect(sup.items.map((i) => i.no)).toContain(no);
    const other = (await ok(call(t.app, third, 'GET', '/api/transfers/overdue'))) as unknown as {
      items: { no: string }[];
    };
    expect(other.items.map((i) => i.no)).not.toContain(no);
    const first = await sendTransferReminders(t.deps, t.clock.now());
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    const reminded = await notificationsOf('yjgl_admin', 'transfer_due');
    expect(reminded.filter((n) => n.title.includes(no))).toHaveLength(1);
    await sendTransferReminders(t.deps, t.clock.now());
    expect((await notificationsOf('yjgl_admin', 'transfer_due')).filter((n) => n.title.includes(no))).toHaveLength(1);
    await at('2026-12-07T09:30:00');
  });
});

describe('a finding transferred to a named department', () => {
  it('goes from the inspection record to the receiving department, which records 已处罚; the sender sees it', async () => {
    await at('2026-12-01T09:00:00');
    const inspector = await inspectorOf(t, 'scjg_jc01');
    const taskNo = (await createTask(t, { items: ['SCJG-CC-02'], inspectors: [inspector] })).taskNo;
    await at('2026-12-03T09:30:00');
    const jc = await login(t.app, 'scjg_jc01');
    expect((await call(t.app, jc, 'POST', `/api/inspections/${taskNo}/check-in`)).statusCode).toBe(200);
    const view = (await call(t.app, jc, 'GET', `/api/inspections/${taskNo}`)).json() as {
      departments: { id: number; checks: { checkItemId: number }[] }[];
    };
    const checks = view.departments.find((d) => d.id === depts.scjg)!.checks;
    for (const [i, c] of checks.entries())
      await ok(
        call(t.app, jc, 'PUT', `/api/inspections/${taskNo}/results/${c.checkItemId}`, {
          result: i === 0 ? '不符合' : '符合',
          ...(i === 0 ? { notes: '液化气钢瓶存放在人员密集场所' } : {}),
        }),
      );
    const noReceiver = await call(t.app, scjg, 'POST', `/api/inspection-records/${taskNo}/transfers`, {
      checkItemId: checks[0]!.checkItemId,
      reason: '涉嫌违反安全生产法',
    });
    expect(noReceiver.statusCode).toBe(400);
    const sent = await ok(
      call(t.app, scjg, 'POST', `/api/inspection-records/${taskNo}/transfers`, {
        checkItemId: checks[0]!.checkItemId,
        receiver: { departmentId: depts.yjgl },
        reason: '液化气钢瓶存放在人员密集场所，涉嫌违反安全生产法',
        legalGround: '《中华人民共和国安全生产法》第四十二条',
      }),
    );
    expect(sent).toMatchObject({ status: '待受理', targetUnit: '市应急管理局', kind: '案件移送' });
    const no = sent.transferNo as string;
    const received = await ok(call(t.app, yjgl, 'GET', `/api/transfers/${no}`));
    expect(received).toMatchObject({ sourceType: '检查发现', sourceRef: taskNo, actions: ['accept', 'return'] });
    expect(received.evidence).toMatchObject({ result: '不符合', notes: '液化气钢瓶存放在人员密集场所' });
    await ok(call(t.app, yjgl, 'POST', `/api/transfers/${no}/accept`));
    const penaltyId = await createPenalty(t, { department: '市应急管理局', decidedOn: '2026-12-03' });
    const docNo = (
      await t.deps.db
        .selectFrom('penalty_records')
        .select('decision_doc_no')
        .where('id', '=', penaltyId)
        .executeTakeFirstOrThrow()
    ).decision_doc_no;
    await ok(call(t.app, yjgl, 'POST', `/api/transfers/${no}/outcome`, { outcome: '已处罚', penaltyDocNo: docNo }));
    const list = (await ok(call(t.app, scjg, 'GET', `/api/inspection-records/${taskNo}/transfers`))) as unknown as {
      items: { transferNo: string; status: string; outcome: string }[];
    };
    expect(list.items).toEqual([expect.objectContaining({ transferNo: no, status: '已办结', outcome: '已处罚' })]);
    expect((await notificationsOf('scjg_staff', 'transfer_progress'))[0]!.body).toContain(docNo);
    expect(
      (
        await call(t.app, scjg, 'POST', `/api/inspection-records/${taskNo}/transfers`, {
          checkItemId: checks[0]!.checkItemId,
          receiver: { departmentId: depts.cgj },
          reason: '再次移送',
        })
      ).statusCode,
    ).toBe(409);
    await at('2026-12-07T09:30:00');
  });
});
