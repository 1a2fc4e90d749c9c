import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { csvOf, uploadFile } from '../support/import-files';
import { setChinaTime, testApp, type TestApp } from '../support/test-platform';
import { bearerFor, type Facts, inspectionFacts, inspectionRecord } from './aggregation-support';

let t: TestApp;
let admin: Session;
let scjg: Session;
let scjgSystem: Session;
let yjgl: Session;
let lianxi: Session;
let f: Facts;

const send = (session: Session, kind: string, records: unknown[], batchNo?: string) =>
  call(t.app, session, 'POST', '/api/aggregation/batches', { 批次号: batchNo, 数据类别: kind, 记录: records });
const anomaliesOf = (key: string) =>
  t.deps.db
    .selectFrom('data_anomalies')
    .selectAll()
    .where('record_key', '=', `${f.department.code}${key}`)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-12-07T09:00:00');
  [admin, scjg, yjgl, lianxi] = await Promise.all(
    ['admin', 'scjg_admin', 'yjgl_admin', 'lianxi'].map((u) => login(t.app, u)),
  );
  scjgSystem = await bearerFor(t, admin, 'scjg_admin');
  f = await inspectionFacts(t, 'scjg_admin');
});
afterAll(async () => {
  await t.app.close();
});

describe('intake through the API (bearer token)', () => {
  it('accepts a valid 行政检查 record into the 监管行为信息库, numbers the batch date + sequence, audits it', async () => {
    const key = `OK${unique().tag}`;
    const res = await send(scjgSystem, '行政检查', [inspectionRecord(f, key)], 'SYS-001');
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    expect(answer.batchNo).toMatch(/^20261207\d{5}$/);
    expect(answer).toMatchObject({ status: '已接收', recordCount: 1, acceptedCount: 1, anomalyCount: 0 });
    expect(answer.results[0]).toMatchObject({ key, outcome: 'created', problems: [] });
    const stored = await t.deps.db
      .selectFrom('aggregation_records')
      .selectAll()
      .where('sender_key', '=', key)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ record_kind: '行政检查', home: '监管行为信息库', department_id: f.department.id });
    const batch = await t.deps.db
      .selectFrom('aggregation_batches')
      .selectAll()
      .where('id', '=', answer.batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ channel: '接口', sender_batch_no: 'SYS-001', department_id: f.department.id });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', answer.batchNo)
      .execute();
    expect(audit.map((a) => a.summary).join()).toContain('接收 1 条');
  });

  it('re-delivery of the same content answers unchanged; a corrected resend updates it', async () => {
    const key = `RE${unique().tag}`;
    expect((await send(scjgSystem, '行政检查', [inspectionRecord(f, key)])).json().results[0].outcome).toBe('created');
    expect((await send(scjgSystem, '行政检查', [inspectionRecord(f, key)])).json().results[0].outcome).toBe(
      'unchanged',
    );
    const again = await send(scjgSystem, '行政检查', [inspectionRecord(f, key, { 操作: 'u', 检查结果: '不合格' })]);
    expect(again.json().results[0].outcome).toBe('updated');
    const deleted = await send(scjgSystem, '行政检查', [{ 主键: key, 操作: 'd' }]);
    expect(deleted.json().results[0].outcome).toBe('deleted');
    const row = await t.deps.db
      .selectFrom('aggregation_records')
      .select(['deleted', 'payload'])
      .where('sender_key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row.deleted).toBe(true);
    expect(row.payload['检查结果']).toBe('不合格');
  });

  const rules: [string, Record<string, unknown>, string, string][] = [
    ['a required field', { 检查行为名称: '' }, '检查行为名称', '请填写检查行为名称'],
    [
      'the USCC check digit',
      { 实施机构编码: '11371100MB2857612Y', 监管事项检查实施清单编码: '11371100MB2857612Y10001' },
      '实施机构编码',
      '统一社会信用代码校验',
    ],
    ['the 14-digit catalog code', { 监管事项目录编码: '3711000010001' }, '监管事项目录编码', '14 位数字'],
    [
      'the implementation list of the implementer',
      { 监管事项检查实施清单编码: '91371102MA3C5LXY0K10001' },
      '监管事项检查实施清单编码',
      '前 18 位应为实施机构编码',
    ],
    [
      'the 19th character of the list code',
      { 监管事项检查实施清单编码: 'X' },
      '监管事项检查实施清单编码',
      '第 19 位 1–5',
    ],
    ['two inspectors at least', { 检查人员: '张明:37110020190001' }, '检查人员', '至少 2 人'],
    [
      'certificates in the register',
      { 检查人员: '张明:ZZ000001;李华:ZZ000002' },
      '检查人员',
      '不在执法检查人员名录库中',
    ],
    ['报送时间 after 检查时间', { 报送时间: '2026-11-19 09:00:00' }, '报送时间', '报送时间应晚于检查时间'],
    ['a real date', { 检查时间: '2026-02-30' }, '检查时间', '有效时间'],
    ['an enumeration', { 检查形式: '03' }, '检查形式', '01、02'],
    ['an unknown field', { 检查地点: '东港区' }, '检查地点', '不认识的字段'],
  ];
  for (const [rule, overrides, field, message] of rules)
    it(`refuses a record breaking ${rule}: an anomaly 报送错误 on ${field}, due in 5 working days`, async () => {
      const key = `BAD${unique().tag}`;
      const res = await send(scjgSystem, '行政检查', [inspectionRecord(f, key, overrides)]);
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json().results[0];
      expect(result.outcome).toBe('refused');
      const problem = result.problems.find((p: { field: string }) => p.field === field);
      expect(problem?.message, JSON.stringify(result.problems)).toContain(message);
      expect(problem.problem).toBe('报送错误');
      // 2026-12-07 is a Monday: five working days later is Monday 12-14.
      expect(problem.dueOn).toBe('2026-12-14');
      const rows = await anomaliesOf(key);
      expect(rows.find((r) => r.field === field)).toMatchObject({
        status: '待整改',
        problem: '报送错误',
        field_label: field,
        due_on: '2026-12-14',
        department_id: f.department.id,
      });
    });

  it('a name that differs from the register for the same USCC is 报送不一致', async () => {
    const key = `NC${unique().tag}`;
    const res = await send(scjgSystem, '行政检查', [inspectionRecord(f, key, { 行政相对人: '另一个名称有限公司' })]);
    const problem = res.json().results[0].problems[0];
    expect(problem).toMatchObject({ field: '行政相对人', problem: '报送不一致' });
    expect(problem.message).toContain(f.subject.name);
  });

  it('a key twice in one batch is refused the second time', async () => {
    const key = `DUP${unique().tag}`;
    const res = await send(scjgSystem, '行政检查', [inspectionRecord(f, key), inspectionRecord(f, key)]);
    const [first, second] = res.json().results;
    expect(first.outcome).toBe('created');
    expect(second.problems[0].message).toContain('重复');
    expect(res.json().status).toBe('部分异常');
  });

  it('a bad resend keeps the first anomaly and its deadline; a good resend closes it (已整改, resolved batch)', async () => {
    const key = `FIX${unique().tag}`;
    await send(scjgSystem, '行政检查', [inspectionRecord(f, key, { 监管事项目录编码: '123' })]);
    setChinaTime(t, '2026-12-09T09:00:00');
    await send(scjgSystem, '行政检查', [inspectionRecord(f, key, { 监管事项目录编码: '123' })]);
    const open = await anomaliesOf(key);
    expect(open).toHaveLength(1);
    expect(open[0]!.due_on).toBe('2026-12-14');
    const fixed = await send(scjgSystem, '行政检查', [inspectionRecord(f, key)]);
    expect(fixed.json().results[0].outcome).toBe('created');
    const closed = await anomaliesOf(key);
    expect(closed[0]).toMatchObject({ status: '已整改', resolved_batch_id: fixed.json().batchId });
    setChinaTime(t, '2026-12-07T09:00:00');
  });

  it('refuses an unknown kind and an empty batch as a whole (400)', async () => {
    expect((await send(scjgSystem, '行政许可', [{}])).statusCode).toBe(400);
    expect((await send(scjgSystem, '行政检查', [])).statusCode).toBe(400);
  });
});

describe('the other channels and the registers', () => {
  it('a batch file reports the row and field of each problem, with the same rules', async () => {
    const good = `F1${unique().tag}`;
    const bad = `F2${unique().tag}`;
    const record = (key: string, o: Record<string, unknown> = {}) => {
      const r = inspectionRecord(f, key, o) as Record<string, unknown>;
      r['检查人员'] = f.inspectors.map((i) => `${i.name}:${i.certificate_no}`).join(';');
      return r;
    };
    const header = Object.keys(record(good));
    const file = csvOf([
      header,
      header.map((h) => String(record(good)[h])),
      header.map((h) => String(record(bad, { 检查形式: '9' })[h])),
    ]);
    const form = await call(
      t.app,
      scjg,
      'GET',
      `/api/aggregation/templates/${encodeURIComponent('行政检查')}?format=csv`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('监管事项检查实施清单编码');
    const res = await uploadFile(
      t.app,
      scjg,
      `/api/aggregation/batches/file?kind=${encodeURIComponent('行政检查')}`,
      'inspections.csv',
      file,
    );
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    expect(answer.results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'refused']);
    expect((await anomaliesOf(bad))[0]).toMatchObject({ row_no: 2, field: '检查形式' });
  });

  it('online entry takes one record through the same validation', async () => {
    const key = `ON${unique().tag}`;
    const res = await call(t.app, scjg, 'POST', '/api/aggregation/online', {
      数据类别: '行政检查',
      记录: inspectionRecord(f, key),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0].outcome).toBe('created');
    const batch = await t.deps.db
      .selectFrom('aggregation_batches')
      .select('channel')
      .where('id', '=', res.json().batchId)
      .executeTakeFirstOrThrow();
    expect(batch.channel).toBe('在线填报');
  });

  it('hands a 行政处罚 record to the penalty register (双公示) and maps its refusals back to the national field', async () => {
    const key = `PN${unique().tag}`;
    const penalty = {
      主键: key,
      操作: 'i',
      行政相对人名称: f.subject.name,
      行政相对人类别: '法人及非法人组织',
      统一社会信用代码: f.subject.uscc,
      法定代表人: '张三',
      行政处罚决定书文号: `日市监罚字〔2026〕${key}号`,
      违法行为类型: '销售过期食品',
      违法事实: '当事人销售超过保质期的食品',
      处罚依据: '《中华人民共和国食品安全法》第一百二十四条',
      处罚类别: '警告;罚款',
      处罚内容: '警告，罚款 5000 元',
      '罚款金额（万元）': '0.5',
      处罚决定日期: '2026-12-01',
      公示截止期: '2027-03-01',
      处罚机关: f.department.name,
      处罚机关统一社会信用代码: f.department.code,
      数据来源单位: f.department.name,
      数据来源单位统一社会信用代码: f.department.code,
    };
    const res = await send(scjgSystem, '行政处罚', [penalty]);
    expect(res.json().results[0], res.body).toMatchObject({ outcome: 'created', problems: [] });
    const stored = await t.deps.db
      .selectFrom('penalty_records')
      .select(['decision_doc_no', 'sender_record_id'])
      .where('sender_record_id', '=', key)
      .executeTakeFirst();
    expect(stored?.decision_doc_no).toBe(penalty.行政处罚决定书文号);
    const later = await send(scjgSystem, '行政处罚', [{ ...penalty, 主键: `${key}B`, 公示截止期: '2026-11-01' }]);
    const problems = later.json().results[0].problems;
    expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
    expect(problems.every((p: { field: string | null }) => p.field !== null)).toBe(true);
  });

  it('a 执法人员 record not yet in the register is registered there', async () => {
    const key = `IN${unique().tag}`;
    const cert = `3711TEST${unique().tag}`;
    const res = await send(scjgSystem, '执法人员', [
      {
        主键: key,
        操作: 'i',
        姓名: '测试执法员',
        证件号码: demoIdCard('371102', Number(unique().tag)),
        联系电话: '13906331234',
        执法证号: cert,
        发证日期: '2026-01-05',
        有效期至: '2031-01-04',
        执法领域: '市场监管',
      },
    ]);
    expect(res.json().results[0], JSON.stringify(res.json())).toMatchObject({ outcome: 'created' });
    const row = await t.deps.db
      .selectFrom('inspectors')
      .select(['department_id', 'name'])
      .where('certificate_no', '=', cert)
      .executeTakeFirst();
    expect(row).toMatchObject({ department_id: f.department.id, name: '测试执法员' });
  });
});

describe('scope and write-off', () => {
  it('a department sees only its own batches and anomalies; another department’s batch answers 404', async () => {
    const key = `SC${unique().tag}`;
    const res = await send(scjgSystem, '行政检查', [inspectionRecord(f, key, { 检查形式: '7' })]);
    const batchId = res.json().batchId;
    const mine = await call(t.app, scjg, 'GET', `/api/aggregation/batches/${batchId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().anomalies[0]).toMatchObject({ field: '检查形式', status: '待整改' });
    expect((await call(t.app, yjgl, 'GET', `/api/aggregation/batches/${batchId}`)).statusCode).toBe(404);
    const theirs = await call(t.app, yjgl, 'GET', '/api/aggregation/anomalies?pageSize=200');
    expect(theirs.json().items.every((a: { departmentId: number }) => a.departmentId !== f.department.id)).toBe(true);
    const records = await call(t.app, yjgl, 'GET', '/api/aggregation/records?pageSize=200');
    expect(records.json().items.every((r: { departmentName: string }) => r.departmentName !== f.department.name)).toBe(
      true,
    );
    const all = await call(t.app, lianxi, 'GET', `/api/aggregation/batches/${batchId}`);
    expect(all.statusCode).toBe(200);
  });

  it('a write-off needs a reason and aggregation:manage; it closes the anomaly as 已核销', async () => {
    const key = `WO${unique().tag}`;
    await send(scjgSystem, '行政检查', [inspectionRecord(f, key, { 检查形式: '8' })]);
    const [anomaly] = await anomaliesOf(key);
    const url = `/api/aggregation/anomalies/${anomaly!.id}/write-off`;
    expect((await call(t.app, scjg, 'POST', url, { reason: '系统测试数据，无需重报' })).statusCode).toBe(403);
    expect((await call(t.app, lianxi, 'POST', url, { reason: '' })).statusCode).toBe(400);
    expect((await call(t.app, lianxi, 'POST', url, { reason: '系统测试数据，无需重报' })).statusCode).toBe(204);
    expect((await anomaliesOf(key))[0]).toMatchObject({ status: '已核销', resolution_note: '系统测试数据，无需重报' });
    expect((await call(t.app, lianxi, 'POST', url, { reason: '再次核销' })).statusCode).toBe(409);
  });
});
