import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/notifications/outbound-adapters';
import { dispatchOutbox } from '../../src/notifications/outbox.service';
import type { DataAdapter, DataPayload } from '../../src/notifications/data-adapters';
import { changeDecision, createLicence, createPenalty } from '../support/factories/decision.factory';
import { createTask } from '../support/factories/task.factory';
import { sendPublicityReminders } from '../../src/publicity/publicity-reminders.service';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';

const SCJG = '市市场监督管理局';
let t: TestApp;
let staff: Session;

async function publicationOf(kind: '行政许可' | '行政处罚', recordId: number) {
  return t.deps.db
    .selectFrom('publications')
    .selectAll()
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .executeTakeFirstOrThrow();
}

async function pushesOf(publicationId: number) {
  return t.deps.db
    .selectFrom('publication_pushes as x')
    .innerJoin('outbound_data_messages as d', 'd.message_id', 'x.message_id')
    .select(['x.operation', 'x.version', 'x.message_id', 'd.payload'])
    .where('x.publication_id', '=', publicationId)
    .orderBy('x.id')
    .execute();
}

async function publish(id: number) {
  const res = await call(t.app, staff, 'POST', `/api/publicity/publications/${id}/publish`);
  expect(res.statusCode, res.body).toBe(204);
}

const searchPublic = async (kind: string, keyword: string) => {
  const res = await call(
    t.app,
    null,
    'GET',
    `/api/public/publicity?kind=${encodeURIComponent(kind)}&keyword=${encodeURIComponent(keyword)}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-12-07T10:00:00');
  staff = await login(t.app, 'scjg_staff');
});

describe('双公示', () => {
  it('is due 7 working days after the decision: the day before National Day, with the make-up Saturday counted', async () => {
    const id = await createLicence(t, { department: SCJG, decidedOn: '2026-09-30' });
    const p = await publicationOf('行政许可', id);
    // 10-08, 10-09, 10-10 (make-up working Saturday), 10-12 … 10-15.
    expect(p.due_on).toBe('2026-10-15');
    expect(p.status).toBe('待公示');
    const overdue = (await call(t.app, staff, 'GET', '/api/publicity/overdue')).json();
    const mine = overdue.departments.find((d: { departmentName: string }) => d.departmentName === SCJG);
    expect(mine.overdue).toBeGreaterThanOrEqual(1);
    // Published now, after 10-15: recorded as late.
    await publish(p.id);
    expect((await publicationOf('行政许可', id)).late).toBe(true);
  });

  it('publishes on review; the public finds it by name and by credit code; no ID number of a natural person is public', async () => {
    const { uscc, tag } = unique();
    const licence = await createLicence(t, {
      department: SCJG,
      decidedOn: '2026-12-03',
      uscc,
      name: `公示查询${tag}有限公司`,
    });
    const before = await searchPublic('行政许可', uscc);
    expect(before.json().total).toBe(0);
    const p = await publicationOf('行政许可', licence);
    await publish(p.id);
    expect((await publicationOf('行政许可', licence)).late).toBe(false);
    const byCode = (await searchPublic('行政许可', uscc)).json();
    expect(byCode.items.map((i: { uscc: string }) => i.uscc)).toEqual([uscc]);
    const byName = (await searchPublic('行政许可', `公示查询${tag}`)).json();
    expect(byName.total).toBe(1);
    expect(byName.items[0].fields.find((f: { name: string }) => f.name === 'XK_XKBH').label).toBe('许可编号');

    const person = await createPenalty(t, {
      department: SCJG,
      decidedOn: '2026-12-04',
      naturalPerson: true,
      name: `李四${tag}`,
    });
    await publish((await publicationOf('行政处罚', person)).id);
    const res = await searchPublic('行政处罚', `李四${tag}`);
    expect(res.json().total).toBe(1);
    const detail = await call(t.app, null, 'GET', `/api/public/publicity/${res.json().items[0].id}`);
    expect(detail.statusCode).toBe(200);
    for (const body of [res.body, detail.body]) {
      expect(body).not.toContain('371102');
      expect(body).not.toContain('****');
      expect(body).not.toContain('cipher');
    }
    // The push carries no ID number either.
    const [push] = await pushesOf((await publicationOf('行政处罚', person)).id);
    expect(JSON.stringify(push!.payload)).not.toContain('371102');
  });

  it('lists a penalty only until its 公示截止期', async () => {
    const { tag } = unique();
    const ended = await createPenalty(t, {
      department: SCJG,
      decidedOn: '2026-11-20',
      publicityUntil: '2026-12-06',
      name: `期满${tag}商行`,
    });
    await publish((await publicationOf('行政处罚', ended)).id);
    expect((await searchPublic('行政处罚', `期满${tag}`)).json().total).toBe(0);
    const list = (
      await call(t.app, staff, 'GET', `/api/publicity/publications?keyword=${encodeURIComponent(`期满${tag}`)}`)
    ).json();
    expect(list.items[0].state).toBe('公示期满');
  });

  it('a change re-publishes and is pushed again as 更新; a revocation updates the record; a failed push is retried', async () => {
    const { uscc } = unique();
    const licence = await createLicence(t, { department: SCJG, decidedOn: '2026-12-04', uscc });
    const p = await publicationOf('行政许可', licence);
    await publish(p.id);
    await changeDecision(t, '行政许可', licence, { content: '预包装食品销售（含冷藏冷冻食品）' });
    const after = await publicationOf('行政许可', licence);
    expect(after.status).toBe('已更新');
    expect(after.published_version).toBe(2);
    const pushes = await pushesOf(p.id);
    expect(pushes.map((x) => [x.operation, x.version])).toEqual([
      ['新增', 1],
      ['更新', 2],
    ]);
    expect(pushes[1]!.payload).toMatchObject({
      operation: '更新',
      version: 2,
      data: { XK_NR: '预包装食品销售（含冷藏冷冻食品）' },
    });

    // The credit platform fails first, then accepts: the outbox retries after its backoff.
    const ids = pushes.map((x) => Number(x.message_id));
    const received: DataPayload[] = [];
    let fail = true;
    const adapter: DataAdapter = {
      kind: 'webhook',
      async send(payload) {
        if (fail) throw new Error('接收方返回 HTTP 503');
        received.push(payload);
      },
    };
    for (const id of ids)
      expect(await dispatchOutbox(t.deps, { ids: [id], dataAdapter: adapter })).toEqual({
        sent: 0,
        retrying: 1,
        failed: 0,
      });
    fail = false;
    t.clock.advanceMinutes(2);
    for (const id of ids)
      expect(await dispatchOutbox(t.deps, { ids: [id], dataAdapter: adapter })).toEqual({
        sent: 1,
        retrying: 0,
        failed: 0,
      });
    expect(received.map((r) => [r.operation, r.version, r.messageId])).toEqual([
      ['新增', 1, ids[0]],
      ['更新', 2, ids[1]],
    ]);

    await changeDecision(t, '行政许可', licence, { status: '已吊销' });
    const pub = (await searchPublic('行政许可', uscc)).json();
    expect(pub.items[0].state).toBe('已吊销');
    expect((await pushesOf(p.id)).at(-1)!.payload).toMatchObject({
      operation: '更新',
      version: 3,
      data: { XK_ZT: '已吊销' },
    });

    // A revoked penalty is taken down (撤回) and pushed as 撤销.
    const { tag } = unique();
    const penalty = await createPenalty(t, { department: SCJG, decidedOn: '2026-12-04', name: `撤销${tag}商店` });
    const pp = await publicationOf('行政处罚', penalty);
    await publish(pp.id);
    expect((await searchPublic('行政处罚', `撤销${tag}`)).json().total).toBe(1);
    await changeDecision(t, '行政处罚', penalty, { status: '已撤销' });
    expect((await searchPublic('行政处罚', `撤销${tag}`)).json().total).toBe(0);
    expect((await pushesOf(pp.id)).at(-1)!.operation).toBe('撤销');
  });

  it('publishes on arrival when the department chose 自动公示', async () => {
    const admin = await login(t.app, 'yjgl_admin');
    expect((await call(t.app, admin, 'PUT', '/api/publicity/mode', { autoPublish: true })).statusCode).toBe(204);
    const id = await createLicence(t, { department: '市应急管理局', decidedOn: '2026-12-04' });
    expect((await publicationOf('行政许可', id)).status).toBe('已公示');
    expect((await call(t.app, admin, 'PUT', '/api/publicity/mode', { autoPublish: false })).statusCode).toBe(204);
    // Another department's record cannot be published by this one.
    const other = await createLicence(t, { department: SCJG, decidedOn: '2026-12-04' });
    const res = await call(
      t.app,
      admin,
      'POST',
      `/api/publicity/publications/${(await publicationOf('行政许可', other)).id}/publish`,
    );
    expect(res.statusCode).toBe(403);
  });

  it('exports with the national field names as headers', async () => {
    const credit = await login(t.app, 'fgw_xy');
    const csv = await call(
      t.app,
      credit,
      'GET',
      `/api/publicity/export?kind=${encodeURIComponent('行政处罚')}&format=csv`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    const [names, labels] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(names!.split(',').slice(0, 3)).toEqual(['CF_XDR_MC', 'CF_XDR_LB', 'CF_XDR_SHXYM']);
    expect(names).toContain('CF_GSJZQ');
    expect(labels).toContain('公示截止期');
    const xlsx = await call(
      t.app,
      credit,
      'GET',
      `/api/publicity/export?kind=${encodeURIComponent('行政许可')}&format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // Staff without the export permission cannot.
    expect(
      (await call(t.app, staff, 'GET', `/api/publicity/export?kind=${encodeURIComponent('行政许可')}&format=csv`))
        .statusCode,
    ).toBe(403);
  });

  it('shows a penalty following an inspection on the task and counts its late collection', async () => {
    const task = await createTask(t, { items: ['SCJG-CC-02'], subjectOffset: 7 });
    // Decided 2026-11-20 (Friday): due 2026-12-01; collected 2026-12-04, late.
    await createPenalty(t, {
      department: SCJG,
      decidedOn: '2026-11-20',
      taskId: task.id,
      name: task.subjectName,
      receivedAt: new Date('2026-12-04T10:00:00+08:00'),
    });
    const onTask = (await call(t.app, staff, 'GET', `/api/publicity/tasks/${task.taskNo}/penalties`)).json();
    expect(onTask).toMatchObject([
      { decidedOn: '2026-11-20', collectedOn: '2026-12-04', dueOn: '2026-12-01', onTime: false },
    ]);
    const office = await login(t.app, 'sfj_dc');
    const overdue = (await call(t.app, office, 'GET', '/api/publicity/overdue')).json();
    expect(overdue.collections.find((c: { taskNo: string }) => c.taskNo === task.taskNo).state).toBe('逾期归集');
    expect(
      overdue.departments.find((d: { departmentName: string }) => d.departmentName === SCJG).lateCollections,
    ).toBeGreaterThanOrEqual(1);
  });

  it('reminds the department’s publishers on the due day, once a day', async () => {
    const { tag } = unique();
    const name = `提醒${tag}有限公司`;
    // Decided 2026-11-27 (Friday): due 2026-12-08 (Tuesday); the clock stands on 2026-12-08.
    await createLicence(t, { department: SCJG, decidedOn: '2026-11-27', name });
    setChinaTime(t, '2026-12-08T09:00:00');
    const reminded = async () =>
      t.deps.db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select('n.title')
        .where('u.username', '=', 'scjg_staff')
        .where('n.title', 'like', `%${name}%`)
        .execute();
    await sendPublicityReminders(t.deps, t.clock.now());
    expect((await reminded()).map((r) => r.title)).toEqual([`行政许可“${name}”应于 2026-12-08 前公示`]);
    await sendPublicityReminders(t.deps, t.clock.now());
    expect(await reminded()).toHaveLength(1);
    setChinaTime(t, '2026-12-07T10:00:00');
  });

  it('posts to the configured credit platform webhook, signed, with the message id as idempotency key', async () => {
    const secret = 'credit-platform-secret-0123';
    const received: { body: string; signature: string; id: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({
          body,
          signature: String(req.headers['x-lianjian-signature']),
          id: String(req.headers['x-lianjian-message-id']),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xyxx`;
      const credit = await testApp({ creditPlatform: { url, secret } });
      setChinaTime(credit, '2026-12-07T10:00:00');
      const { uscc } = unique();
      const id = await createLicence(credit, { department: SCJG, decidedOn: '2026-12-04', uscc });
      const res = await call(
        credit.app,
        await login(credit.app, 'scjg_staff'),
        'POST',
        `/api/publicity/publications/${(await publicationOf('行政许可', id)).id}/publish`,
      );
      expect(res.statusCode).toBe(204);
      const [push] = await pushesOf((await publicationOf('行政许可', id)).id);
      expect(await dispatchOutbox(credit.deps, { ids: [Number(push!.message_id)] })).toEqual({
        sent: 1,
        retrying: 0,
        failed: 0,
      });
      expect(received).toHaveLength(1);
      expect(received[0]!.signature).toBe(signBody(secret, received[0]!.body));
      expect(received[0]!.id).toBe(String(push!.message_id));
      expect(JSON.parse(received[0]!.body)).toMatchObject({
        type: 'XZXK',
        operation: '新增',
        version: 1,
        data: { XK_XDR_SHXYM: uscc },
      });
    } finally {
      server.close();
    }
  });
});
