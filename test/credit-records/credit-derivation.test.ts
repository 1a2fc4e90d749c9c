import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfUser } from '../../src/demo/demo-activity';
import { rebuildCreditRecords } from '../../src/credit-records/credit-record-rebuild.service';
import { planFollowUps } from '../../src/follow-ups/follow-up-plan.service';
import { recordOffsite } from '../../src/inspection-records/inspection-record.service';
import { offsiteInput } from '../../src/inspection-records/inspection-record.schemas';
import { getInspection } from '../../src/inspections/inspection.service';
import { freshIdNumber, licencePayload, penaltyPayload } from '../support/factories/record.factory';
import {
  createPushedRegistration,
  departmentIdOf,
  quietSubject,
} from '../support/factories/pushed-registration.factory';
import { createTask } from '../support/factories/task.factory';
import { call, login, type Session } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let scjgAdmin: Session;
let spj: Session;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  scjgAdmin = await login(t.app, 'scjg_admin');
  spj = await login(t.app, 'spj_xk');
});
afterAll(async () => {
  await t.app.close();
});

const recordsOf = (source: string, sourceRef: string) =>
  t.deps.db
    .selectFrom('credit_records')
    .selectAll()
    .where('source', '=', source as '行政处罚')
    .where('source_ref', 'like', sourceRef)
    .orderBy('id')
    .execute();
const historyOf = (id: number) =>
  t.deps.db.selectFrom('credit_record_history').selectAll().where('record_id', '=', id).orderBy('id').execute();

async function sendPenalty(record: Record<string, unknown>) {
  const res = await call(t.app, scjgAdmin, 'POST', '/api/records/penalties', record);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().refused, res.body).toBe(0);
  return res.json().results[0].id as number;
}

/** Every department of the task records its checks off site; `bad` check contents are 不符合. */
async function inspect(taskNo: string, on: string, bad: (content: string) => boolean) {
  const lianxi = await actorOfUser(t.deps.db, 'lianxi');
  const view = await getInspection(t.deps, lianxi, taskNo);
  for (const d of view.departments)
    await recordOffsite(
      t.deps,
      lianxi,
      taskNo,
      offsiteInput.parse({
        departmentId: d.id,
        method: '资料核查',
        dataSource: '企业提供的资料',
        conductedOn: on,
        results: d.checks.map((c) => ({
          checkItemId: c.checkItemId,
          result: bad(c.content) ? '不符合' : '符合',
          notes: bad(c.content) ? '现场发现问题' : '',
        })),
      }),
    );
}

describe('credit records from penalties', () => {
  it('a penalty is one record (severity from its categories and fine); a new version updates it; 已撤销 revokes it', async () => {
    const record = penaltyPayload({ categories: ['罚款'], fineAmount: '12', content: '罚款 12 万元' });
    const id = await sendPenalty(record);
    const [first] = await recordsOf('行政处罚', `penalty:${id}`);
    expect(first).toMatchObject({
      kind: '行政处罚',
      severity: '较重',
      status: '有效',
      version: 1,
      uscc: record.uscc,
      occurred_on: '2026-11-10',
      counts_from: '2026-11-10',
      counts_until: '2027-11-09',
      channel: '平台',
    });
    // The same penalty again writes nothing.
    await sendPenalty(record);
    expect((await recordsOf('行政处罚', `penalty:${id}`))[0]!.version).toBe(1);
    await sendPenalty({ ...record, categories: ['警告'], fineAmount: null, content: '警告' });
    const [second] = await recordsOf('行政处罚', `penalty:${id}`);
    expect(second).toMatchObject({ id: first!.id, severity: '轻微', version: 2, status: '有效' });
    await sendPenalty({ ...record, categories: ['警告'], fineAmount: null, content: '警告', status: '已撤销' });
    const [third] = await recordsOf('行政处罚', `penalty:${id}`);
    expect(third).toMatchObject({ status: '已撤销', version: 3 });
    expect(third!.status_reason).toContain('已撤销');
    expect((await historyOf(first!.id)).map((h) => [h.version, h.event, h.status])).toEqual([
      [1, '新增', '有效'],
      [2, '更新', '有效'],
      [3, '撤销', '已撤销'],
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'credit_record')
      .where('entity_id', '=', first!.record_no)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'credit_record.create',
      'credit_record.update',
      'credit_record.revoke',
    ]);
  });

  it('a natural person gets no credit record', async () => {
    const id = await sendPenalty(
      penaltyPayload({ counterpartCategory: '自然人', uscc: null, legalRepresentative: '', idNumber: freshIdNumber() }),
    );
    const penalty = await t.deps.db.selectFrom('penalty_records').select('id').where('id', '=', id).execute();
    expect(penalty).toHaveLength(1);
    expect(await recordsOf('行政处罚', `penalty:${id}`)).toEqual([]);
  });
});

describe('credit records from licences', () => {
  it('a revoked (吊销) licence is a 严重 record of kind 许可撤销吊销; a licence in force none', async () => {
    const record = licencePayload();
    const sent = await call(t.app, spj, 'POST', '/api/records/licences', record);
    const id = sent.json().results[0].id as number;
    expect(await recordsOf('行政许可', `licence:${id}`)).toEqual([]);
    await call(t.app, spj, 'POST', '/api/records/licences', { ...record, status: '已吊销' });
    const [r] = await recordsOf('行政许可', `licence:${id}`);
    expect(r).toMatchObject({ kind: '许可撤销吊销', severity: '严重', status: '有效', uscc: record.uscc });
  });
});

describe('credit records from inspections', () => {
  it('a completed task with 不符合 gives the department one record listing the check items', async () => {
    const task = await createTask(t, {
      items: ['SCJG-CC-01'],
      subjectOffset: 41,
      window: { from: '2026-11-01', to: '2026-11-30' },
    });
    let first = '';
    await inspect(task.taskNo, '2026-11-18', (content) => {
      if (first && first !== content) return false;
      first = content;
      return true;
    });
    const rows = await recordsOf('检查结果', `task:${task.taskNo}:%`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: '检查发现问题',
      severity: '一般',
      subject_id: task.subjectId,
      occurred_on: '2026-11-18',
      counts_until: '2029-11-18',
    });
    expect(rows[0]!.detail).toContain(first);
    expect(rows[0]!.detail).toContain('不符合');
  });

  it('a 双跟踪 finding of operating without a licence is 较重; after a signed 承诺书 it is 违反告知承诺', async () => {
    const scjg = await departmentIdOf(t, '市市场监督管理局');
    const results: Record<string, unknown>[] = [];
    for (const [skip, committed] of [
      [3, false],
      [4, true],
    ] as const) {
      setChinaTime(t, '2026-11-10T10:00:00');
      const subject = await quietSubject(t, skip);
      const { pushId, registrationId } = await createPushedRegistration(t, {
        subject,
        departmentId: scjg,
        approvalItemCodes: ['食品经营许可'],
      });
      if (committed)
        await t.deps.db
          .insertInto('dual_notice_commitments')
          .values({
            registration_id: registrationId,
            signer_name: '王测试',
            signer_role: '法定代表人',
            signed_on: '2026-11-01',
            e_signature: true,
            scan_file_name: null,
            scan_content_type: null,
            scan_size: null,
            scan_data: null,
            recorded_by: 1,
            recorded_at: t.clock.now(),
          })
          .execute();
      await t.deps.db.transaction().execute((trx) => planFollowUps(trx, t.deps, [pushId]));
      const f = await t.deps.db
        .selectFrom('follow_ups as f')
        .innerJoin('inspection_tasks as k', 'k.id', 'f.task_id')
        .select(['f.follow_up_no', 'k.task_no'])
        .where('f.push_id', '=', pushId)
        .executeTakeFirstOrThrow();
      setChinaTime(t, '2026-11-20T10:00:00');
      await inspect(f.task_no, '2026-11-19', (c) => c.includes('未取得相关许可'));
      const [r] = await recordsOf('双跟踪', `followup:${f.follow_up_no}`);
      results.push({ kind: r?.kind, severity: r?.severity, detail: r?.detail.includes('未取得相关许可') });
      // The department's findings are the follow-up's record, not a second one from the inspection.
      expect(await recordsOf('检查结果', `task:${f.task_no}:%`)).toEqual([]);
    }
    expect(results).toEqual([
      { kind: '检查发现问题', severity: '较重', detail: true },
      { kind: '违反告知承诺', severity: '较重', detail: true },
    ]);
  });
});

describe('lianjian credit-records rebuild', () => {
  it('derives what is missing from the records already held; a second run writes nothing', async () => {
    const id = await sendPenalty(penaltyPayload({ categories: ['责令关闭'], fineAmount: null, content: '责令关闭' }));
    const [r] = await recordsOf('行政处罚', `penalty:${id}`);
    // An installation from before credit records: the record is not there.
    await t.deps.db.deleteFrom('credit_record_history').where('record_id', '=', r!.id).execute();
    await t.deps.db.deleteFrom('credit_records').where('id', '=', r!.id).execute();
    const first = await rebuildCreditRecords(t.deps);
    expect(first.penalties).toBeGreaterThan(0);
    expect(first.written).toBeGreaterThanOrEqual(1);
    expect(await recordsOf('行政处罚', `penalty:${id}`)).toMatchObject([
      { severity: '严重', status: '有效', version: 1 },
    ]);
    const second = await rebuildCreditRecords(t.deps);
    expect(second).toMatchObject({ penalties: first.penalties, written: 0 });
  });
});
