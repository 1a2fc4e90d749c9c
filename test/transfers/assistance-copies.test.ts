import type { NotificationKind } from '../../src/notifications/notification.table';
import { beforeAll, describe, expect, it } from 'vitest';
import { transitionTask } from '../../src/tasks/task-transition';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';

let t: TestApp;
let scjg: Session;
let yjgl: Session;
let office: Session;
const depts: Record<string, number> = {};

async function departmentId(name: string): Promise<number> {
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(d.id);
}

const ok = async (res: Promise<{ statusCode: number; body: string; json: () => unknown }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Record<string, unknown> & { status: string; actions: string[]; events: { action: string }[] };
};

const notificationsOf = (username: string, kind: NotificationKind) =>
  t.deps.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.title', 'n.body'])
    .where('u.username', '=', username)
    .where('n.kind', '=', kind)
    .orderBy('n.id', 'desc')
    .execute();

async function subjectId(offset: number): Promise<number> {
  const s = await t.deps.db
    .selectFrom('subjects')
    .select('id')
    .where('status', '=', '存续')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(s.id);
}

async function ask(payload: Record<string, unknown> = {}) {
  const { tag } = unique();
  const res = await ok(
    call(t.app, scjg, 'POST', '/api/assistance-requests', {
      kind: '执法协助',
      requestedDepartmentId: depts.yjgl,
      help: `请提供该单位近一年的安全生产行政检查记录（${tag}）`,
      legalGround: '《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十六条第一项',
      dueDays: 5,
      ...payload,
    }),
  );
  return res.requestNo as string;
}

beforeAll(async () => {
  t = await testApp();
  depts.scjg = await departmentId('市市场监督管理局');
  depts.yjgl = await departmentId('市应急管理局');
  depts.cgj = await departmentId('市城市管理局');
  setChinaTime(t, '2026-12-07T09:30:00');
  [scjg, yjgl, office] = await Promise.all(['scjg_staff', 'yjgl_admin', 'lianxi'].map((u) => login(t.app, u)));
});

describe('assistance requests', () => {
  it('is answered with the opinion asked for, and the requester is told', async () => {
    const no = await ask();
    expect((await notificationsOf('yjgl_admin', 'assistance_received'))[0]!.title).toContain(no);
    const pending = await ok(call(t.app, yjgl, 'GET', `/api/assistance-requests/${no}`));
    expect(pending).toMatchObject({ status: '待受理', dueOn: '2026-12-14', actions: ['accept', 'answer', 'decline'] });
    expect(
      (await call(t.app, scjg, 'POST', `/api/assistance-requests/${no}/answer`, { answer: '自己答' })).statusCode,
    ).toBe(403);
    await ok(call(t.app, yjgl, 'POST', `/api/assistance-requests/${no}/accept`));
    const answered = await ok(
      call(t.app, yjgl, 'POST', `/api/assistance-requests/${no}/answer`, {
        answer: '该单位 2026 年 6 月检查发现消防通道堵塞，已责令整改并复查合格。',
      }),
    );
    expect(answered).toMatchObject({ status: '已答复', actions: [] });
    expect(answered.events.map((e) => e.action)).toEqual(['提出请求', '受理', '答复']);
    const seen = await ok(call(t.app, scjg, 'GET', `/api/assistance-requests/${no}`));
    expect(seen.answer).toContain('消防通道堵塞');
    const told = await notificationsOf('scjg_staff', 'assistance_answered');
    expect(told[0]).toMatchObject({ title: `${no}：已答复` });
    expect(
      (await call(t.app, yjgl, 'POST', `/api/assistance-requests/${no}/decline`, { reason: '晚了' })).statusCode,
    ).toBe(409);
  });

  it('is declined with a reason; the requester is told; a department cannot ask itself', async () => {
    const no = await ask({ kind: '协查协办' });
    expect((await call(t.app, yjgl, 'POST', `/api/assistance-requests/${no}/decline`, { reason: '' })).statusCode).toBe(
      400,
    );
    const declined = await ok(
      call(t.app, yjgl, 'POST', `/api/assistance-requests/${no}/decline`, {
        reason: '所需材料属于市城市管理局职责范围',
      }),
    );
    expect(declined).toMatchObject({ status: '已拒绝', declinedReason: '所需材料属于市城市管理局职责范围' });
    expect((await notificationsOf('scjg_staff', 'assistance_answered'))[0]!.body).toContain('市城市管理局职责范围');
    const self = await call(t.app, scjg, 'POST', '/api/assistance-requests', {
      kind: '执法协助',
      requestedDepartmentId: depts.scjg,
      help: 'x',
      legalGround: 'y',
    });
    expect(self.statusCode).toBe(400);
    const mine = (await ok(
      call(t.app, yjgl, 'GET', '/api/assistance-requests?box=received&status=已拒绝'),
    )) as unknown as {
      items: { requestNo: string }[];
    };
    expect(mine.items.map((i) => i.requestNo)).toContain(no);
    const all = (await ok(call(t.app, office, 'GET', `/api/assistance-requests?keyword=${no}`))) as unknown as {
      total: number;
    };
    expect(all.total).toBe(1);
  });

  it('an on-site check becomes a 协查 task; its completion reaches the request and the requester', async () => {
    const subject = await subjectId(3);
    const no = await ask({ subjectId: subject, help: '请现场核查该单位液化气钢瓶存放情况' });
    const item = await t.deps.db
      .selectFrom('sampling_items')
      .select('code')
      .where('department_id', '=', depts.yjgl)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const foreign = await call(t.app, yjgl, 'POST', `/api/assistance-requests/${no}/task`, {
      itemCodes: ['SCJG-CC-02'],
      window: { from: '2026-12-08', to: '2026-12-18' },
    });
    expect(foreign.statusCode).toBe(400);
    const planned = await ok(
      call(t.app, yjgl, 'POST', `/api/assistance-requests/${no}/task`, {
        itemCodes: [item.code],
        window: { from: '2026-12-08', to: '2026-12-18' },
      }),
    );
    const task = planned.task as { taskNo: string };
    expect(planned.status).toBe('办理中');
    expect(task.taskNo).toMatch(/^XC2026-/);
    const row = await t.deps.db
      .selectFrom('inspection_tasks')
      .select(['id', 'source', 'subject_id'])
      .where('task_no', '=', task.taskNo)
      .executeTakeFirstOrThrow();
    expect([row.source, Number(row.subject_id)]).toEqual(['协查', subject]);
    await t.deps.db
      .transaction()
      .execute((trx) =>
        transitionTask(
          { trx, deps: t.deps, now: t.clock.now(), who: { userId: null, name: '测试', departmentId: null, ip: null } },
          Number(row.id),
          'complete',
        ),
      );
    const after = await ok(call(t.app, scjg, 'GET', `/api/assistance-requests/${no}`));
    expect(after.events.map((e) => e.action)).toEqual(['提出请求', '安排现场核查', '现场核查完成']);
    expect((await notificationsOf('scjg_staff', 'assistance_answered'))[0]!.title).toBe(`${no}：现场核查已完成`);
  });
});

describe('抄告抄送', () => {
  it('each department acknowledges once and may reply; the sender sees who read it; others cannot see it', async () => {
    const { tag } = unique();
    const sent = await ok(
      call(t.app, scjg, 'POST', '/api/copy-notices', {
        about: '处罚决定',
        title: `关于某餐饮公司使用过期食品原料被处罚的抄告（${tag}）`,
        content: '该公司后厨存放液化气钢瓶 4 瓶，请相关部门依职责跟进。',
        departmentIds: [depts.yjgl, depts.cgj],
      }),
    );
    const no = sent.copyNo as string;
    expect((await notificationsOf('yjgl_admin', 'copy_received'))[0]!.title).toContain(tag);
    const before = await ok(call(t.app, scjg, 'GET', `/api/copy-notices/${no}`));
    expect([before.recipients, before.read]).toEqual([2, 0]);
    expect((await call(t.app, scjg, 'POST', `/api/copy-notices/${no}/read`, { reply: '' })).statusCode).toBe(403);
    const read = await ok(call(t.app, yjgl, 'POST', `/api/copy-notices/${no}/read`, { reply: '已安排下周检查' }));
    expect(read).toMatchObject({ read: 1, readByMine: true, actions: [] });
    expect((await call(t.app, yjgl, 'POST', `/api/copy-notices/${no}/read`, { reply: '' })).statusCode).toBe(409);
    const view = (await ok(call(t.app, scjg, 'GET', `/api/copy-notices/${no}`))) as unknown as {
      recipientList: { departmentName: string; readAt: string | null; reply: string | null }[];
    };
    expect(view.recipientList.map((r) => [r.departmentName, r.readAt !== null, r.reply])).toEqual(
      expect.arrayContaining([
        ['市应急管理局', true, '已安排下周检查'],
        ['市城市管理局', false, null],
      ]),
    );
    expect((await notificationsOf('scjg_staff', 'transfer_progress'))[0]!.body).toContain('已安排下周检查');
    const unread = (await ok(call(t.app, yjgl, 'GET', '/api/copy-notices?box=received&unread=true'))) as unknown as {
      items: { copyNo: string }[];
    };
    expect(unread.items.map((i) => i.copyNo)).not.toContain(no);
  });
});
