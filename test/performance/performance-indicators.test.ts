import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIndicatorSet, type IndicatorSet } from '../../src/performance/performance-catalog';
import { scoreDepartments } from '../../src/performance/performance-run.service';
import { complaintRow } from '../support/factories/complaint.factory';
import { createLicence, createPushedRegistration } from '../support/factories/pushed-registration.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';
import { setTaskItems } from '../../src/tasks/task-members.repository';

/**
 * Every indicator of the catalogue on a department built for the test, over 2026-01-01 … 2026-06-30, against numbers
 * worked out by hand from the rows below. The rows are written directly: they are other capabilities' records with
 * chosen dates in the past (late, on time, outside the period), which their services only make at the present time.
 */
let t: TestApp;
let admin: Session;
let dept: number;
const FROM = '2026-01-01';
const TO = '2026-06-30';
const at = (iso: string) => new Date(`${iso}+08:00`);

/** The default set with plain linear rules (full points at 100 %), anomalies −1 a case, data quality 80 %–100 %. */
const testSet: IndicatorSet = {
  passScore: 60,
  indicators: defaultIndicatorSet.indicators.map((i) => ({
    ...i,
    rule:
      i.code === 'anomalies_fixed_on_time'
        ? { kind: 'deduct', perCase: 1 }
        : i.code === 'data_quality'
          ? { kind: 'linear', zeroAt: 0.8, fullAt: 1 }
          : { kind: 'linear', zeroAt: 0, fullAt: 1 },
  })),
};

async function newDepartment(name: string): Promise<number> {
  const res = await call(t.app, admin, 'POST', '/api/departments', {
    name,
    code: unique().uscc,
    kind: '行业主管',
    divisionCode: '371102',
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}

async function build(): Promise<void> {
  const db = t.deps.db;
  const tag = unique().tag;
  const now = at('2026-07-01T09:00:00');
  const item = (code: string, over: Record<string, unknown>) =>
    db
      .insertInto('supervision_items')
      .values({
        code: `PF${tag}-${code}`,
        name: `履职测试事项${code}`,
        department_id: dept,
        legal_basis: '测试依据',
        object_type: '企业',
        measures: '现场检查',
        process: '检查流程',
        result_handling: '依法处理',
        level: '县',
        responsible_leader: '王局长',
        responsible_unit: '监管科',
        responsible_person: '李科长',
        licence_items: [],
        source: '自有',
        claimed_from: null,
        status: '有效',
        version: 1,
        created_at: at('2026-02-01T09:00:00'),
        updated_at: at('2026-02-01T09:00:00'),
        updated_by: null,
        ...over,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const a = await item('A', { level: '国家', source: '认领', claimed_from: 'GJ-0001' });
  const b = await item('B', { level: '省', responsible_person: '' });
  const c = await item('C', {});
  await item('D', { status: '停用' });
  await item('E', { created_at: at('2026-08-01T09:00:00') });
  const check = (itemId: number, withdrawn: Date | null) => ({
    supervision_item_id: itemId,
    code: `CK${itemId}`,
    content: '检查内容',
    method: '现场检查' as const,
    basis: '依据',
    sort_order: 1,
    withdrawn_at: withdrawn,
  });
  await db
    .insertInto('check_items')
    .values([check(Number(a.id), null), check(Number(b.id), at('2026-03-01T09:00:00')), check(Number(c.id), null)])
    .execute();

  const batch = (no: string, receivedAt: string, count: number, accepted: number, channel = '接口' as const) =>
    db
      .insertInto('aggregation_batches')
      .values({
        batch_no: `${tag}${no}`,
        department_id: dept,
        channel,
        record_kind: '行政检查',
        file_name: null,
        record_count: count,
        accepted_count: accepted,
        anomaly_count: count - accepted,
        received_at: at(receivedAt),
        created_by: null,
        token_name: null,
      })
      .execute();
  // 监管动态: one published in February counts; one dated in April but withdrawn does not.
  const news = (publishedOn: string, status: '已发布' | '已撤回') =>
    db
      .insertInto('portal_news')
      .values({
        department_id: dept,
        title: `监管动态 ${publishedOn}`,
        body: '正文',
        published_on: publishedOn,
        status,
        created_by: null,
        created_at: at(`${publishedOn}T09:00:00`),
        updated_by: null,
        updated_at: at(`${publishedOn}T09:00:00`),
      })
      .execute();
  await news('2026-02-10', '已发布');
  await news('2026-04-08', '已撤回');
  await batch('1', '2026-01-15T10:00:00', 100, 90);
  await batch('2', '2026-03-05T10:00:00', 50, 50);
  await db
    .insertInto('aggregation_batches')
    .values({
      batch_no: `${tag}3`,
      department_id: dept,
      channel: '平台核查',
      record_kind: '行政检查',
      file_name: null,
      received_at: at('2026-02-01T10:00:00'),
      created_by: null,
      token_name: null,
    })
    .execute();
  await batch('4', '2026-07-02T10:00:00', 10, 10);

  const anomaly = (dueOn: string, status: '待整改' | '已整改' | '已核销', resolvedAt: string | null) => ({
    department_id: dept,
    batch_id: null,
    record_kind: '行政检查',
    record_key: `K${dueOn}`,
    row_no: null,
    field: null,
    field_label: null,
    problem: '报送错误' as const,
    message: '检查结果为空',
    detected_at: at('2026-01-20T10:00:00'),
    due_on: dueOn,
    status,
    resolved_at: resolvedAt ? at(resolvedAt) : null,
    resolved_batch_id: null,
  });
  await db
    .insertInto('data_anomalies')
    .values([
      anomaly('2026-03-10', '已整改', '2026-03-09T16:00:00'),
      anomaly('2026-03-10', '已整改', '2026-03-12T09:00:00'),
      anomaly('2026-04-01', '待整改', null),
      anomaly('2026-04-01', '已核销', '2026-04-02T09:00:00'),
      anomaly('2026-07-10', '待整改', null),
    ])
    .execute();

  const first = await db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'name'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const subject = { ...first, id: Number(first.id) };
  const task = async (n: string, windowTo: string, status: string) => {
    const row = await db
      .insertInto('inspection_tasks')
      .values({
        task_no: `JC-PF${tag}${n}`,
        source: '登记',
        draw_record_id: null,
        subject_id: subject.id,
        uscc: subject.uscc,
        window_from: '2026-01-01',
        window_to: windowTo,
        status: status as '已发布',
        unstaffed_reason: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setTaskItems(db, Number(row.id), [{ departmentId: dept, code: `PF${tag}-A`, name: '履职测试事项A' }]);
    return Number(row.id);
  };
  const visit = (taskId: number, on: string) =>
    db
      .insertInto('inspection_visits')
      .values({ task_id: taskId, visit_on: on, checked_in_on: on, updated_at: now })
      .execute();
  const t1 = await task('1', '2026-03-31', '已检查');
  await visit(t1, '2026-03-20');
  await task('2', '2026-04-30', '已发布');
  const t3 = await task('3', '2026-05-31', '已办结');
  await db
    .insertInto('offsite_inspections')
    .values({
      task_id: t3,
      department_id: dept,
      method: '书面检查',
      data_source: '企业报送材料',
      conducted_on: '2026-06-05',
      recorded_by: 1,
      recorded_by_name: '测试',
      recorded_at: now,
    } as never)
    .execute();
  await task('4', '2026-05-31', '已作废');
  const t5 = await task('5', '2026-09-30', '检查中');
  await visit(t5, '2026-06-10');

  const published = (taskId: number, on: string, late: boolean) => ({
    task_id: taskId,
    task_no: `JC-PF${tag}${taskId}`,
    subject_name: subject.name,
    uscc: subject.uscc,
    plan_title: null,
    inspected_on: '2026-03-20',
    departments: '[]',
    published_at: at(`${on}T10:00:00`),
    published_on: on,
    publish_due_on: '2026-04-15',
    late,
  });
  await db
    .insertInto('published_results')
    .values([published(t1, '2026-04-01', false), published(t3, '2026-06-20', true)])
    .execute();

  // One registration a department is pushed once: each push is the factory's, given its due date and answer.
  const push = async (ackDue: string, ackAt: string | null) => {
    const pushed = await createPushedRegistration(t, { subject, departmentId: dept, approvalItemCodes: [] });
    await db
      .updateTable('registration_pushes')
      .set({ ack_due_on: ackDue, acknowledged_at: ackAt ? at(ackAt) : null })
      .where('id', '=', pushed.pushId)
      .execute();
    return pushed;
  };
  const p1 = await push('2026-02-10', '2026-02-10T10:00:00');
  const p2 = await push('2026-02-10', '2026-02-11T10:00:00');
  await push('2026-05-05', null);
  await push('2026-07-01', null);

  const licence = () =>
    createLicence(t, {
      uscc: subject.uscc,
      name: subject.name,
      subjectId: subject.id,
      approvalItemCode: null,
      decidedOn: '2026-03-01',
      departmentId: dept,
    }).then((id) => ({ id }));
  const licences = [await licence(), await licence()];
  await db
    .insertInto('licence_feedbacks')
    .values([
      {
        licence_id: licences[0]!.id,
        department_id: dept,
        decided_on: '2026-03-01',
        received_on: '2026-03-05',
        due_on: '2026-03-10',
        late: false,
      },
      {
        licence_id: licences[1]!.id,
        department_id: dept,
        decided_on: '2026-03-01',
        received_on: '2026-03-20',
        due_on: '2026-03-10',
        late: true,
      },
    ])
    .execute();

  const followUp = (
    pushed: { pushId: number; registrationId: number },
    n: string,
    dueOn: string,
    status: '待跟踪' | '已跟踪',
    late: boolean,
  ) => ({
    follow_up_no: `GZPF${tag}${n}`,
    push_id: pushed.pushId,
    registration_id: pushed.registrationId,
    department_id: dept,
    subject_id: null,
    uscc: subject.uscc,
    subject_name: subject.name,
    approval_item_codes: [],
    pushed_on: '2026-01-01',
    due_on: dueOn,
    status,
    task_id: null,
    no_task_reason: null,
    followed_up_on: status === '已跟踪' ? '2026-02-20' : null,
    late,
    outcome: null,
    outcome_notes: '',
    unlicensed_check_item_id: null,
    transferred_at: null,
    closed_by_licence_id: null,
    closed_on: null,
    created_at: now,
    updated_at: now,
  });
  await db
    .insertInto('follow_ups')
    .values([followUp(p1, '1', '2026-03-01', '已跟踪', false), followUp(p2, '2', '2026-04-01', '待跟踪', false)])
    .execute();

  // A publication names its record by id only (no foreign key): ids far above the register's.
  let recordId = 900_000_000 + Math.floor(Math.random() * 90_000_000);
  const publication = (dueOn: string, publishedAt: string | null, late: boolean) => ({
    kind: '行政处罚' as const,
    record_id: (recordId += 1),
    department_id: dept,
    counterpart_name: '测试公示对象',
    uscc: null,
    decided_on: '2026-02-01',
    due_on: dueOn,
    publicity_until: null,
    status: publishedAt ? ('已公示' as const) : ('待公示' as const),
    record_version: 1,
    published_version: publishedAt ? 1 : null,
    public_fields: null,
    published_at: publishedAt ? at(publishedAt) : null,
    published_by: null,
    late,
    withdrawn_reason: null,
    reminded_on: null,
    created_at: now,
    updated_at: now,
  });
  await db
    .insertInto('publications')
    .values([
      publication('2026-02-20', '2026-02-18T10:00:00', false),
      publication('2026-03-20', '2026-03-25T10:00:00', true),
      publication('2026-06-01', null, false),
    ])
    .execute();

  await db
    .insertInto('complaints')
    .values([
      complaintRow(`${tag}1`, at('2026-03-01T09:00:00'), {
        department_id: dept,
        status: '已办结',
        reply_due: '2026-03-15',
        replied_at: at('2026-03-14T10:00:00'),
      }),
      complaintRow(`${tag}2`, at('2026-04-01T09:00:00'), {
        department_id: dept,
        status: '核查中',
        reply_due: '2026-04-15',
      }),
      complaintRow(`${tag}3`, at('2026-04-01T09:00:00'), {
        department_id: dept,
        status: '不予受理',
        reply_due: '2026-04-15',
      }),
    ])
    .execute();

  const run = await db
    .insertInto('warning_runs')
    .values({
      rule_code: 'repeat_complaints',
      trigger: '手动',
      params: '{}',
      started_at: now,
      finished_at: now,
      hits: 0,
      created: 0,
      run_by: null,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const warning = (n: string, dueOn: string, status: '已关闭' | '误报' | '待核查', closedAt: string | null) => ({
    warning_no: `YJPF${tag}${n}`,
    rule_code: 'repeat_complaints' as const,
    run_id: Number(run.id),
    level: '黄' as const,
    subject_id: subject.id,
    department_id: dept,
    fact_key: `pf:${tag}${n}`,
    facts: '{}',
    status,
    raised_on: '2026-04-20',
    due_on: dueOn,
    check_note: '',
    measure: '',
    feedback: '',
    false_reason: '',
    closed_at: closedAt ? at(closedAt) : null,
    closed_late: false,
    created_at: now,
    updated_at: now,
  });
  await db
    .insertInto('warnings')
    .values([
      warning('1', '2026-05-01', '已关闭', '2026-04-30T10:00:00'),
      warning('2', '2026-05-01', '误报', '2026-04-25T10:00:00'),
      warning('3', '2026-06-10', '待核查', null),
    ])
    .execute();

  // One current 检查码 per task: three evaluated tasks.
  for (const [n, satisfaction, taskId] of [
    [1, 5, t1],
    [2, 3, t3],
    [3, 4, t5],
  ] as const) {
    const code = await db
      .insertInto('inspection_codes')
      .values({
        task_id: taskId,
        token_id: `pf-${tag}-${n}`,
        token: `token-${tag}-${n}`,
        query_code_hash: `hash-${tag}-${n}`,
        issued_at: now,
        issued_by: null,
        expires_at: at('2027-01-01T00:00:00'),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('inspection_evaluations')
      .values({
        code_id: Number((code as { id: number }).id),
        task_id: taskId,
        department_id: dept,
        satisfaction,
        comments: '',
        complaint: false,
        complaint_text: '',
        submitted_at: at('2026-04-02T10:00:00'),
      })
      .execute();
  }

  const inspector = (n: string, validUntil: string, status: '在岗' | '停用') => ({
    name: `履职测试${n}`,
    id_card_masked: '3711**********0011',
    phone: '13900000000',
    department_id: dept,
    user_id: null,
    certificate_no: `ZF${tag}${n}`,
    certificate_issued_on: '2024-01-01',
    certificate_valid_until: validUntil,
    fields: ['市场监管'],
    status,
    created_at: now,
    updated_at: now,
  });
  await db
    .insertInto('inspectors')
    .values([
      inspector('甲', '2027-01-01', '在岗'),
      inspector('乙', '2026-05-31', '在岗'),
      inspector('丙', '2025-01-01', '停用'),
    ] as never)
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-07-01T09:00:00');
  admin = await login(t.app, 'admin');
  dept = await newDepartment(`履职评价测试局${unique().tag}`);
  await build();
});
afterAll(async () => {
  await t.app.close();
});

describe('performance indicators on a constructed department (hand-computed)', () => {
  it('each indicator counts the units by hand and scores them by its rule', async () => {
    const [scored] = await scoreDepartments(t.deps.db, testSet, [{ id: dept, name: '测试局' }], FROM, TO);
    const byCode = Object.fromEntries(scored!.indicators.map((i) => [i.code, i]));
    const expected: Record<string, [number, number, number]> = {
      // [numerator, denominator, score]
      items_check_list: [2, 3, 6.67], // A and C have a check list; B's only one is withdrawn; D stopped, E later
      items_responsible: [2, 3, 3.33], // B has no responsible person
      items_claimed: [1, 2, 5], // national A claimed, provincial B self-entered; county C not counted
      anomalies_fixed_on_time: [1, 3, 6], // fixed on time / fixed late / open; written-off and July not counted; 8 − 2
      data_quality: [140, 150, 4], // 90 + 50 of 100 + 50; 93.3 % on the 80–100 % scale of 6 points
      monthly_reporting: [2, 6, 2], // January and March of six ended months
      plan_completion: [2, 3, 5.33], // t1, t3 done, t2 not; t4 void; t5 due in September
      inspections_on_time: [2, 3, 4], // t1 and t5 on time, t3 inspected 5 June after its 31 May
      results_on_time: [1, 2, 3],
      push_ack_on_time: [1, 3, 1.67], // same day / a day late / never; July not counted
      licence_feedback_on_time: [1, 2, 2],
      follow_ups_on_time: [1, 2, 2.5],
      publicity_on_time: [1, 3, 1.67], // on time / late / not published
      complaints_on_time: [1, 2, 2.5], // refused one not counted
      warnings_on_time: [1, 2, 1.5], // false positive not counted
      evaluation_satisfaction: [2, 3, 2], // 5 and 4 satisfied, 3 not
      inspector_certificates: [1, 2, 1], // 乙's certificate ends before 30 June; 丙 stopped
      portal_updates: [1, 6, 0.5], // news in February; April's was withdrawn
    };
    for (const [code, [num, den, score]] of Object.entries(expected)) {
      expect([byCode[code]!.numerator, byCode[code]!.denominator, byCode[code]!.score], code).toEqual([
        num,
        den,
        score,
      ]);
      expect(byCode[code]!.applicable, code).toBe(true);
    }
    expect(scored!.dimensions).toEqual([
      { dimension: '监管事项清单管理', score: 15, max: 25 },
      { dimension: '监管数据汇聚', score: 12, max: 20 },
      { dimension: '监管履职情况', score: 26.17, max: 50 },
      { dimension: '监管系统信息维护', score: 1.5, max: 5 },
    ]);
    expect(scored!.total).toBe(54.67);
  });

  it('evidence names the records that cost points', async () => {
    const [scored] = await scoreDepartments(t.deps.db, testSet, [{ id: dept, name: '测试局' }], FROM, TO);
    const byCode = Object.fromEntries(scored!.indicators.map((i) => [i.code, i]));
    expect(byCode.items_check_list!.evidence).toEqual([expect.stringMatching(/-B 履职测试事项B：未编制检查实施清单$/)]);
    expect(byCode.items_responsible!.evidence[0]).toContain('未明确责任人');
    expect(byCode.anomalies_fixed_on_time!.evidenceTotal).toBe(2);
    expect(byCode.anomalies_fixed_on_time!.evidence.join('\n')).toMatch(/2026-03-12 才整改[\s\S]*逾期未整改/);
    expect(byCode.monthly_reporting!.evidence).toEqual([
      '2026年2月未报送监管数据',
      '2026年4月未报送监管数据',
      '2026年5月未报送监管数据',
      '2026年6月未报送监管数据',
    ]);
    expect(byCode.inspections_on_time!.evidence).toEqual([
      expect.stringContaining('2026-06-05 检查，检查时段至 2026-05-31'),
    ]);
    expect(byCode.evaluation_satisfaction!.evidence).toEqual([expect.stringContaining('满意度 3 分')]);
  });

  it('a department with nothing to count: item indicators score zero, the others are left out of the total', async () => {
    const empty = await newDepartment(`履职评价空白局${unique().tag}`);
    const [scored] = await scoreDepartments(t.deps.db, testSet, [{ id: empty, name: '空白局' }], FROM, TO);
    const applicable = scored!.indicators.filter((i) => i.applicable).map((i) => i.code);
    // 零分 for the item list (none compiled); months are always counted (six ended, none reported or published).
    expect(applicable).toEqual(['items_check_list', 'items_responsible', 'monthly_reporting', 'portal_updates']);
    expect(scored!.dimensions).toEqual([
      { dimension: '监管事项清单管理', score: 0, max: 15 },
      { dimension: '监管数据汇聚', score: 0, max: 6 },
      { dimension: '监管履职情况', score: 0, max: 0 },
      { dimension: '监管系统信息维护', score: 0, max: 3 },
    ]);
    expect(scored!.total).toBe(0);
    // With the item list 不计 as well only the months remain: still nothing reported, 0.
    const lenient: IndicatorSet = {
      ...testSet,
      indicators: testSet.indicators.map((i) => ({
        ...i,
        whenEmpty: i.code === 'items_claimed' ? '满分' : i.whenEmpty,
      })),
    };
    const [again] = await scoreDepartments(t.deps.db, lenient, [{ id: empty, name: '空白局' }], FROM, TO);
    expect(again!.indicators.find((i) => i.code === 'items_claimed')).toMatchObject({ applicable: true, score: 10 });
    expect(again!.total).toBe(Math.round((10 / 34) * 10000) / 100);
  });
});
