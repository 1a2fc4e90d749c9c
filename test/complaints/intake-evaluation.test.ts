import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkComplainantKeyAtStart } from '../../src/complaints/complainant-key';
import { createTask, moveTask } from '../support/factories/task.factory';
import { call, login, type Session } from '../support/http';
import { testApp, type TestApp } from '../support/test-platform';

let t: TestApp;
let scjgStaff: Session;

beforeAll(async () => {
  t = await testApp();
  scjgStaff = await login(t.app, 'scjg_staff');
});
afterAll(async () => {
  await t.app.close();
});

/** A task of 市市场监督管理局 with one item and two inspectors, its notice issued (检查码 and 查询码), then inspected. */
async function inspectedTask() {
  const db = t.deps.db;
  const dept = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('name', '=', '市市场监督管理局')
    .executeTakeFirstOrThrow();
  const item = await db
    .selectFrom('sampling_items as s')
    .innerJoin('sampling_item_check_items as sc', 'sc.sampling_item_id', 's.id')
    .select('s.code')
    .where('s.department_id', '=', dept.id)
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const inspectors = await db
    .selectFrom('inspectors')
    .select('id')
    .where('department_id', '=', dept.id)
    .orderBy('id')
    .limit(2)
    .execute();
  const today = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const task = await createTask(t, {
    items: [item.code],
    inspectors: inspectors.map((p) => ({ id: Number(p.id), departmentId: dept.id })),
    subjectOffset: 40 + Math.floor(Math.random() * 400),
    window: { from: today, to: today },
  });
  const notice = await call(t.app, scjgStaff, 'POST', `/api/tasks/${task.taskNo}/notice`, {});
  expect(notice.statusCode, notice.body).toBe(200);
  await moveTask(t, task.id, 'complete');
  return { task, dept, token: notice.json().code.token as string, queryCode: notice.json().queryCode as string };
}

describe('检查码 evaluations marked as complaints', () => {
  it('become a complaint of channel 检查码评价 about the evaluated department, in the same transaction', async () => {
    const { task, dept, token, queryCode } = await inspectedTask();
    const res = await call(t.app, null, 'POST', `/api/public/inspection-codes/${token}/evaluation`, {
      queryCode,
      satisfaction: 1,
      comments: '检查人员态度生硬',
      complaint: true,
      complaintText: '检查人员未出示执法证，要求我们停业配合',
    });
    expect(res.statusCode, res.body).toBe(200);
    const evaluation = await t.deps.db
      .selectFrom('inspection_evaluations')
      .select('id')
      .where('task_id', '=', task.id)
      .executeTakeFirstOrThrow();
    const complaint = await t.deps.db
      .selectFrom('complaints')
      .selectAll()
      .where('evaluation_id', '=', evaluation.id)
      .executeTakeFirstOrThrow();
    expect(complaint).toMatchObject({
      channel: '检查码评价',
      kind: '投诉',
      subject_id: task.subjectId,
      subject_name: task.subjectName,
      uscc: task.uscc,
      // About the department's own inspection: it waits for the joint office, unseen by that department.
      department_id: null,
      status: '待分派',
      anonymous: false,
      complainant_cipher: null,
      content: '检查人员未出示执法证，要求我们停业配合',
    });
    expect(complaint.title).toContain(task.taskNo);
    expect(complaint.title).toContain(dept.name);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('entity_id', '=', complaint.ticket_no)
      .execute();
    expect(audit).toEqual([{ actor_name: `检查对象 ${task.uscc}` }]);
  });

  it('an evaluation without the complaint mark files nothing', async () => {
    const { task, token, queryCode } = await inspectedTask();
    const res = await call(t.app, null, 'POST', `/api/public/inspection-codes/${token}/evaluation`, {
      queryCode,
      satisfaction: 5,
    });
    expect(res.statusCode, res.body).toBe(200);
    const evaluation = await t.deps.db
      .selectFrom('inspection_evaluations')
      .select('id')
      .where('task_id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(
      await t.deps.db.selectFrom('complaints').select('id').where('evaluation_id', '=', evaluation.id).execute(),
    ).toEqual([]);
  });
});

describe('the complainants’ key file', () => {
  it('is checked at start: malformed, missing or another key stops the platform with a clear message', async () => {
    // Make sure at least one identity is stored with the test key.
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      remoteAddress: '10.19.0.1',
      payload: {
        kind: '投诉',
        matterCode: 'CPZL',
        subject: { name: '密钥检查商店', address: '' },
        title: '商品质量问题',
        content: '购买的电热水壶使用一周即漏电，商家拒绝退换。',
        anonymous: false,
        complainant: { name: '李四', phone: '13800000000' },
      },
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'lianjian-complainant-key-'));
    const malformed = join(dir, 'bad.key');
    writeFileSync(malformed, 'not a key\n');
    await expect(
      checkComplainantKeyAtStart(t.deps.db, { ...t.deps.config, complainantKeyFile: malformed }),
    ).rejects.toThrow(/投诉举报人身份信息加密密钥文件 .*bad\.key 无效/);
    const other = join(dir, 'other.key');
    writeFileSync(other, `${randomBytes(32).toString('base64')}\n`);
    await expect(
      checkComplainantKeyAtStart(t.deps.db, { ...t.deps.config, complainantKeyFile: other }),
    ).rejects.toThrow(/与数据库中已加密的投诉举报人身份信息不匹配.*LIANJIAN_COMPLAINANT_KEY_FILE/);
    await expect(
      checkComplainantKeyAtStart(t.deps.db, { ...t.deps.config, complainantKeyFile: join(dir, 'missing.key') }),
    ).rejects.toThrow(/不存在，但数据库中已有用它加密的投诉举报人身份信息/);
    await expect(checkComplainantKeyAtStart(t.deps.db, t.deps.config)).resolves.toBeUndefined();
    // The ID-number key of received records is a different file.
    expect(t.deps.config.complainantKeyFile).not.toBe(t.deps.config.recordKeyFile);
  });
});
