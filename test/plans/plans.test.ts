import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excel } from '../../src/imports/exceljs';
import { call, login, type Session } from '../support/http';
import { type TestApp, setChinaTime, testApp } from '../support/test-platform';

const ExcelJS = excel();

let t: TestApp;
let office: Session;
let admin: Session;
let scjg: Session;
let yjgl: Session;
const dept = new Map<string, number>();
const item = new Map<string, number>();

beforeAll(async () => {
  t = await testApp();
  [office, admin, scjg, yjgl] = await Promise.all(
    ['lianxi', 'admin', 'scjg_admin', 'yjgl_admin'].map((u) => login(t.app, u)),
  );
  for (const d of await t.deps.db.selectFrom('departments').select(['id', 'name']).execute()) dept.set(d.name, d.id);
  for (const s of await t.deps.db.selectFrom('sampling_items').select(['id', 'code']).execute()) item.set(s.code, s.id);
});
afterAll(() => t.app.close());

const entry = (code: string, overrides: object = {}) => ({
  samplingItemId: item.get(code)!,
  periodFrom: '2026-04-01',
  periodTo: '2026-10-31',
  content: '核查许可证照、进货查验记录和从业人员健康证明',
  materials: '营业执照、许可证、进货台账',
  ...overrides,
});
type Plan = {
  id: number;
  status: string;
  entries: {
    id: number;
    samplingItemCode: string;
    status: string;
    returnReason: string | null;
    departmentName: string;
  }[];
  published: { lines: Record<string, unknown>[] } | null;
  revisions: { id: number; status: string }[];
};
const entryOf = (plan: Plan, code: string) => plan.entries.find((e) => e.samplingItemCode === code)!;

describe('annual routine plan', () => {
  let planId: number;

  it('the office creates the plan; departments submit; reminders list the departments still missing, with working days left', async () => {
    setChinaTime(t, '2026-03-02T09:00:00');
    const created = await call(t.app, office, 'POST', '/api/annual-plans', {
      year: 2026,
      submissionDeadline: '2026-03-10',
    });
    expect(created.statusCode, created.body).toBe(200);
    planId = created.json().id;
    expect(created.json()).toMatchObject({
      status: '编制中',
      submissionDeadline: '2026-03-10',
      publishDeadline: '2026-03-31',
      revision: 1,
    });
    expect((await call(t.app, office, 'POST', '/api/annual-plans', { year: 2026 })).json().error.message).toBe(
      '2026 年度日常检查计划已存在',
    );

    const before = (await call(t.app, office, 'GET', `/api/annual-plans/${planId}/reminders`)).json();
    expect(before.departments).toContainEqual(
      expect.objectContaining({
        departmentName: '市市场监督管理局',
        state: '未报送',
        workingDaysLeft: 6,
        overdue: false,
      }),
    );

    for (const code of ['SCJG-CC-01', 'SCJG-CC-02'])
      expect((await call(t.app, scjg, 'POST', `/api/annual-plans/${planId}/entries`, entry(code))).statusCode).toBe(
        200,
      );
    expect(
      (
        await call(
          t.app,
          yjgl,
          'POST',
          `/api/annual-plans/${planId}/entries`,
          entry('YJGL-CC-02', {
            content: '安全生产责任制落实和隐患排查治理',
            materials: '安全生产责任制文件、隐患排查记录',
          }),
        )
      ).statusCode,
    ).toBe(200);
    // A department submits only its own items.
    const foreign = await call(t.app, scjg, 'POST', `/api/annual-plans/${planId}/entries`, entry('YJGL-CC-01'));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toBe('只能操作本部门的数据');

    setChinaTime(t, '2026-03-12T09:00:00');
    const after = (await call(t.app, office, 'GET', `/api/annual-plans/${planId}/reminders`)).json();
    const names = after.departments.map((d: { departmentName: string }) => d.departmentName);
    expect(names).not.toContain('市市场监督管理局');
    expect(names).not.toContain('市应急管理局');
    expect(after.departments).toContainEqual(
      expect.objectContaining({ departmentName: '市生态环境局', state: '未报送', workingDaysLeft: -2, overdue: true }),
    );
    expect((await call(t.app, scjg, 'GET', `/api/annual-plans/${planId}/reminders`)).statusCode).toBe(403);
  });

  it('rejects bad entries with Chinese messages', async () => {
    const reversed = await call(
      t.app,
      scjg,
      'POST',
      `/api/annual-plans/${planId}/entries`,
      entry('SCJG-CC-03', { periodFrom: '2026-06-01', periodTo: '2026-05-01' }),
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('抽查时间止不能早于起');
    const nextYear = await call(
      t.app,
      scjg,
      'POST',
      `/api/annual-plans/${planId}/entries`,
      entry('SCJG-CC-03', { periodTo: '2027-01-31' }),
    );
    expect(nextYear.json().error.message).toBe('抽查时间应在 2026 年内');
    const empty = await call(
      t.app,
      scjg,
      'POST',
      `/api/annual-plans/${planId}/entries`,
      entry('SCJG-CC-03', { content: '' }),
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('检查内容至少 2 个字');
    const twice = await call(t.app, scjg, 'POST', `/api/annual-plans/${planId}/entries`, entry('SCJG-CC-01'));
    expect(twice.json().error.message).toBe('“食品销售经营者监督检查”已列入本计划，请修改原条目');
  });

  it('return with a reason → resubmit → accept → joint item → publish; the published plan is immutable; a department cannot publish', async () => {
    let plan = (await call(t.app, office, 'GET', `/api/annual-plans/${planId}`)).json() as Plan;
    expect(plan.entries).toHaveLength(3);
    const own = (await call(t.app, scjg, 'GET', `/api/annual-plans/${planId}`)).json() as Plan;
    expect(own.entries.map((e) => e.departmentName)).toEqual(['市市场监督管理局', '市市场监督管理局']);

    const returned = await call(
      t.app,
      office,
      'POST',
      `/api/annual-plans/${planId}/entries/${entryOf(plan, 'SCJG-CC-02').id}/return`,
      { reason: '抽查时间与餐饮旺季冲突，请调整' },
    );
    expect(entryOf(returned.json(), 'SCJG-CC-02')).toMatchObject({
      status: '已退回',
      returnReason: '抽查时间与餐饮旺季冲突，请调整',
    });
    expect(
      (
        await call(
          t.app,
          office,
          'POST',
          `/api/annual-plans/${planId}/entries/${entryOf(plan, 'SCJG-CC-01').id}/return`,
          { reason: '短' },
        )
      ).statusCode,
    ).toBe(400);
    const resubmitted = await call(
      t.app,
      scjg,
      'PUT',
      `/api/annual-plans/${planId}/entries/${entryOf(plan, 'SCJG-CC-02').id}`,
      entry('SCJG-CC-02', { periodFrom: '2026-09-01', periodTo: '2026-11-30' }),
    );
    expect(entryOf(resubmitted.json(), 'SCJG-CC-02')).toMatchObject({ status: '已报送', returnReason: null });

    const notReviewed = await call(t.app, office, 'POST', `/api/annual-plans/${planId}/publish`);
    expect(notReviewed.statusCode).toBe(409);
    expect(notReviewed.json().error.message).toContain('尚有 3 个条目未审核');
    for (const e of plan.entries)
      expect((await call(t.app, office, 'POST', `/api/annual-plans/${planId}/entries/${e.id}/accept`)).statusCode).toBe(
        200,
      );

    const oneDept = await call(t.app, office, 'POST', `/api/annual-plans/${planId}/joint-items`, {
      name: '餐饮单位联合抽查',
      initiatingDepartmentId: dept.get('市市场监督管理局'),
      entryIds: [entryOf(plan, 'SCJG-CC-01').id, entryOf(plan, 'SCJG-CC-02').id],
    });
    expect(oneDept.json().error.message).toBe('联合抽查事项须包含两个以上部门的条目');
    const joint = await call(t.app, office, 'POST', `/api/annual-plans/${planId}/joint-items`, {
      name: '食品销售与安全生产联合抽查',
      initiatingDepartmentId: dept.get('市市场监督管理局'),
      entryIds: [entryOf(plan, 'SCJG-CC-01').id, entryOf(plan, 'YJGL-CC-02').id],
    });
    expect(joint.json().jointItems).toEqual([
      expect.objectContaining({
        name: '食品销售与安全生产联合抽查',
        initiatingDepartment: { id: dept.get('市市场监督管理局'), name: '市市场监督管理局' },
        cooperatingDepartments: [{ id: dept.get('市应急管理局'), name: '市应急管理局' }],
      }),
    ]);

    expect((await call(t.app, scjg, 'POST', `/api/annual-plans/${planId}/publish`)).statusCode).toBe(403);
    setChinaTime(t, '2026-03-20T10:00:00');
    const published = await call(t.app, office, 'POST', `/api/annual-plans/${planId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    plan = published.json();
    expect(plan).toMatchObject({ status: '已公布', publishOverdue: false });
    // Every element of 《黄浦区精准高效协同监管实施办法（试行）》第八条 on each line.
    expect(plan.published!.lines[0]).toMatchObject({
      jointItemName: '食品销售与安全生产联合抽查',
      initiatingDepartment: '市市场监督管理局',
      cooperatingDepartments: ['市应急管理局'],
      departmentName: '市市场监督管理局',
      itemName: '食品销售经营者监督检查',
      periodFrom: '2026-04-01',
      periodTo: '2026-10-31',
      method: '跨部门联合双随机',
      content: '核查许可证照、进货查验记录和从业人员健康证明',
      materials: '营业执照、许可证、进货台账',
    });
    expect(plan.published!.lines[0]!.objectScope).toContain('综合零售（521）');
    expect(plan.published!.lines[0]!.ratio).toMatch(/^按信用风险分类 \d+%–\d+%$/);
    expect(plan.published!.lines).toHaveLength(3);

    const late = await call(t.app, scjg, 'POST', `/api/annual-plans/${planId}/entries`, entry('SCJG-CC-03'));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('已公布，不能再修改');
    expect(
      (await call(t.app, office, 'DELETE', `/api/annual-plans/${planId}/joint-items/${plan.entries[0]!.id}`))
        .statusCode,
    ).toBe(409);
  });

  it('a revision needs a reason, becomes a new version, and the earlier one stays visible to the public', async () => {
    expect((await call(t.app, office, 'POST', `/api/annual-plans/${planId}/revisions`, {})).statusCode).toBe(400);
    const revision = await call(t.app, office, 'POST', `/api/annual-plans/${planId}/revisions`, {
      reason: '增加企业公示信息抽查事项',
    });
    expect(revision.statusCode, revision.body).toBe(200);
    const revId = revision.json().id;
    expect(revision.json()).toMatchObject({
      revision: 2,
      status: '编制中',
      revisionReason: '增加企业公示信息抽查事项',
    });
    expect(revision.json().entries).toHaveLength(3);
    expect(revision.json().jointItems).toHaveLength(1);
    // In the open revision an accepted entry can be returned; its joint item, left with one department, goes.
    const food = entryOf(revision.json(), 'SCJG-CC-01');
    const returned = (
      await call(t.app, office, 'POST', `/api/annual-plans/${revId}/entries/${food.id}/return`, {
        reason: '联合抽查改为下半年开展',
      })
    ).json() as Plan & { jointItems: unknown[] };
    expect(entryOf(returned, 'SCJG-CC-01').status).toBe('已退回');
    expect(returned.jointItems).toEqual([]);
    expect(
      (
        await call(t.app, office, 'POST', `/api/annual-plans/${revId}/entries/${food.id}/return`, {
          reason: '再次退回试试',
        })
      ).json().error.message,
    ).toBe('该条目已退回，待部门重新报送');
    await call(
      t.app,
      scjg,
      'PUT',
      `/api/annual-plans/${revId}/entries/${food.id}`,
      entry('SCJG-CC-01', { periodFrom: '2026-07-01', periodTo: '2026-12-31' }),
    );
    await call(t.app, office, 'POST', `/api/annual-plans/${revId}/entries/${food.id}/accept`);
    expect(
      (await call(t.app, scjg, 'POST', `/api/annual-plans/${revId}/entries`, entry('SCJG-CC-03'))).statusCode,
    ).toBe(200);
    const added = (await call(t.app, office, 'GET', `/api/annual-plans/${revId}`)).json() as Plan;
    await call(t.app, office, 'POST', `/api/annual-plans/${revId}/entries/${entryOf(added, 'SCJG-CC-03').id}/accept`);
    setChinaTime(t, '2026-03-25T10:00:00');
    const published = (await call(t.app, office, 'POST', `/api/annual-plans/${revId}/publish`)).json() as Plan;
    expect(published.published!.lines).toHaveLength(4);
    expect(published.revisions.map((r) => r.status)).toEqual(['已修订', '已公布']);
    const first = (await call(t.app, office, 'GET', `/api/annual-plans/${planId}`)).json() as Plan;
    expect(first.published!.lines).toHaveLength(3);

    const list = (await call(t.app, null, 'GET', '/api/public/plans')).json() as {
      kind: string;
      id: number;
      supersededBy: number | null;
      revision: number | null;
    }[];
    expect(list.filter((p) => p.kind === 'annual' && [planId, revId].includes(p.id))).toEqual([
      expect.objectContaining({ id: revId, revision: 2, supersededBy: null }),
      expect.objectContaining({ id: planId, revision: 1, supersededBy: revId }),
    ]);
    const detail = (await call(t.app, null, 'GET', `/api/public/plans/annual/${planId}`)).json();
    expect(detail.lines).toHaveLength(3);
    expect((await call(t.app, null, 'GET', '/api/public/plans/annual/999999')).statusCode).toBe(404);
  });

  it('downloads the announcement as PDF and as XLSX, also without login', async () => {
    const pdf = await call(t.app, office, 'GET', `/api/annual-plans/${planId}/announcement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await call(t.app, null, 'GET', `/api/public/plans/annual/${planId}/announcement.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(book.getWorksheet('计划公告')!.getSheetValues());
    for (const name of [
      '食品销售经营者监督检查',
      '餐饮服务单位监督检查',
      '工贸企业安全生产随机抽查',
      '被检查方需准备的材料',
    ])
      expect(text).toContain(name);
  });
});

type Special = {
  id: number;
  status: string;
  consultationDeadline: string | null;
  consultations: { departmentName: string; state: string; late: boolean; overdue: boolean; pulledIn: boolean }[];
  fullCheckDepartments: { name: string }[];
  published: { lines: { itemName: string }[] } | null;
};
const consultation = (plan: Special, name: string) => plan.consultations.find((c) => c.departmentName === name)!;
const specialBody = (overrides: object = {}) => ({
  departmentId: dept.get('市市场监督管理局'),
  kind: '专项检查',
  title: '国庆假期餐饮单位食品安全专项检查',
  basis: '《中华人民共和国食品安全法》第一百一十条',
  scope: { industries: ['62'] },
  periodFrom: '2026-10-12',
  periodTo: '2026-11-30',
  content: '后厨卫生、食材进货查验、消防通道',
  materials: '食品经营许可证、进货台账',
  samplingItemIds: [item.get('SCJG-CC-02')],
  ...overrides,
});

describe('special inspection plans', () => {
  it('draft → submit → consultation with a 5-working-day deadline across 国庆; overdue shown from the day after, late answers marked', async () => {
    setChinaTime(t, '2026-09-25T10:00:00');
    const draft = (await call(t.app, scjg, 'POST', '/api/special-plans', specialBody())).json() as Special;
    expect(draft.status).toBe('草稿');
    // Other departments and the office do not see a department's draft.
    expect((await call(t.app, yjgl, 'GET', `/api/special-plans/${draft.id}`)).statusCode).toBe(403);
    expect(
      (await call(t.app, office, 'GET', '/api/special-plans')).json().map((p: { id: number }) => p.id),
    ).not.toContain(draft.id);
    expect((await call(t.app, scjg, 'GET', '/api/special-plans')).json().map((p: { id: number }) => p.id)).toContain(
      draft.id,
    );
    expect(
      (
        await call(t.app, office, 'POST', `/api/special-plans/${draft.id}/consultation`, {
          departmentIds: [dept.get('市应急管理局')],
        })
      ).statusCode,
    ).toBe(409);
    expect((await call(t.app, scjg, 'POST', `/api/special-plans/${draft.id}/submit`)).json().status).toBe('已报送');

    setChinaTime(t, '2026-09-28T09:30:00');
    expect(
      (
        await call(t.app, scjg, 'POST', `/api/special-plans/${draft.id}/consultation`, {
          departmentIds: [dept.get('市应急管理局')],
        })
      ).statusCode,
    ).toBe(403);
    const consulted = (
      await call(t.app, office, 'POST', `/api/special-plans/${draft.id}/consultation`, {
        departmentIds: [dept.get('市应急管理局'), dept.get('市消防救援支队')],
      })
    ).json() as Special;
    // Start Mon 28 Sep: 29, 30 Sep, then 1–7 Oct off (国庆), 8, 9 Oct, Sat 10 Oct is a make-up working day → the 5th working day is 10 Oct (5 Oct without the holiday).
    expect(consulted).toMatchObject({ status: '征求意见中', consultationDeadline: '2026-10-10' });
    expect((await call(t.app, yjgl, 'GET', `/api/special-plans/${draft.id}`)).statusCode).toBe(200);

    setChinaTime(t, '2026-10-09T16:00:00');
    const declined = await call(
      t.app,
      admin,
      'POST',
      `/api/special-plans/${draft.id}/consultations/${dept.get('市消防救援支队')}/answer`,
      { answer: '不参加', reason: '' },
    );
    expect(declined.statusCode).toBe(400);
    expect(declined.body).toContain('不参加须说明理由');
    const onTime = (
      await call(
        t.app,
        admin,
        'POST',
        `/api/special-plans/${draft.id}/consultations/${dept.get('市消防救援支队')}/answer`,
        { answer: '不参加', reason: '同期开展高层建筑消防专项整治' },
      )
    ).json() as Special;
    expect(consultation(onTime, '市消防救援支队')).toMatchObject({ state: '不参加', late: false });
    expect(consultation(onTime, '市应急管理局')).toMatchObject({ state: '待答复', overdue: false });

    setChinaTime(t, '2026-10-10T23:59:00');
    expect(
      consultation((await call(t.app, office, 'GET', `/api/special-plans/${draft.id}`)).json(), '市应急管理局'),
    ).toMatchObject({ state: '待答复', overdue: false });
    setChinaTime(t, '2026-10-11T00:01:00');
    expect(
      consultation((await call(t.app, office, 'GET', `/api/special-plans/${draft.id}`)).json(), '市应急管理局'),
    ).toMatchObject({ state: '已逾期', overdue: true });
    const listed = (await call(t.app, office, 'GET', '/api/special-plans'))
      .json()
      .find((p: { id: number }) => p.id === draft.id);
    expect(listed).toMatchObject({ pendingAnswers: 1, overdueAnswers: 1 });

    setChinaTime(t, '2026-10-12T09:00:00');
    const foreign = await call(
      t.app,
      yjgl,
      'POST',
      `/api/special-plans/${draft.id}/consultations/${dept.get('市应急管理局')}/answer`,
      { answer: '参加', samplingItemIds: [item.get('SCJG-CC-01')] },
    );
    expect(foreign.json().error.message).toBe('只能选择本部门有效的随机抽查事项');
    const joined = (
      await call(
        t.app,
        yjgl,
        'POST',
        `/api/special-plans/${draft.id}/consultations/${dept.get('市应急管理局')}/answer`,
        { answer: '参加', samplingItemIds: [item.get('YJGL-CC-02')] },
      )
    ).json() as Special;
    expect(consultation(joined, '市应急管理局')).toMatchObject({ state: '参加', late: true, overdue: false });

    expect(
      (await call(t.app, scjg, 'POST', `/api/special-plans/${draft.id}/approve`, { public: true })).statusCode,
    ).toBe(403);
    const approved = (
      await call(t.app, office, 'POST', `/api/special-plans/${draft.id}/approve`, { public: true })
    ).json() as Special;
    expect(approved.status).toBe('已公布');
    expect(approved.published!.lines.map((l) => l.itemName)).toEqual([
      '餐饮服务单位监督检查',
      '工贸企业安全生产随机抽查',
    ]);
    const publicList = (await call(t.app, null, 'GET', '/api/public/plans')).json();
    expect(publicList).toContainEqual(
      expect.objectContaining({
        kind: 'special',
        id: draft.id,
        typeName: '专项检查方案',
        departments: ['市市场监督管理局', '市应急管理局'],
      }),
    );
    const pdf = await call(t.app, null, 'GET', `/api/public/plans/special/${draft.id}/announcement.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('an approved plan not decided public stays off the portal', async () => {
    const plan = (
      await call(t.app, scjg, 'POST', '/api/special-plans', specialBody({ title: '内部专项检查' }))
    ).json() as Special;
    await call(t.app, scjg, 'POST', `/api/special-plans/${plan.id}/submit`);
    await call(t.app, office, 'POST', `/api/special-plans/${plan.id}/consultation`, {
      departmentIds: [dept.get('市应急管理局')],
    });
    expect(
      (await call(t.app, office, 'POST', `/api/special-plans/${plan.id}/approve`, { public: false })).json().status,
    ).toBe('已批准');
    expect(
      (await call(t.app, null, 'GET', '/api/public/plans'))
        .json()
        .map((p: { id: number; kind: string }) => `${p.kind}${p.id}`),
    ).not.toContain(`special${plan.id}`);
    expect((await call(t.app, null, 'GET', `/api/public/plans/special/${plan.id}`)).statusCode).toBe(404);
  });

  it('全项彻查 consults every department whose published items cover the subjects', async () => {
    const noScope = await call(t.app, scjg, 'POST', '/api/special-plans', specialBody({ kind: '全项彻查', scope: {} }));
    expect(noScope.json().error.message).toContain('全项彻查须限定检查对象范围');
    const badCode = await call(
      t.app,
      scjg,
      'POST',
      '/api/special-plans',
      specialBody({ scope: { industries: ['ZZ9'] } }),
    );
    expect(badCode.json().error.message).toBe('行业代码 ZZ9 不在 GB/T 4754-2017 中');

    const plan = (
      await call(t.app, scjg, 'POST', '/api/special-plans', specialBody({ kind: '全项彻查', title: '餐饮业全项彻查' }))
    ).json() as Special;
    const pulled = plan.fullCheckDepartments.map((d) => d.name);
    // Restaurants (GB/T 4754 division 62) are in the published scopes of fire (61/62/521/84) and city management (62); not of transport (54x) or agriculture (01).
    expect(pulled).toEqual(expect.arrayContaining(['市消防救援支队', '市城市管理局']));
    for (const absent of ['市市场监督管理局', '市交通运输局', '市农业农村局', '市住房城乡建设局'])
      expect(pulled).not.toContain(absent);

    await call(t.app, scjg, 'POST', `/api/special-plans/${plan.id}/submit`);
    const consulted = (
      await call(t.app, office, 'POST', `/api/special-plans/${plan.id}/consultation`, {
        departmentIds: [dept.get('市应急管理局')],
      })
    ).json() as Special;
    expect(consulted.consultations.map((c) => c.departmentName).sort()).toEqual([...pulled, '市应急管理局'].sort());
    expect(consultation(consulted, '市城市管理局').pulledIn).toBe(true);
    expect(consultation(consulted, '市应急管理局').pulledIn).toBe(false);

    // An explicit subject list: only the departments whose items cover those subjects.
    const transport = await t.deps.db
      .selectFrom('subjects')
      .select('uscc')
      .where('status', '=', '存续')
      .where('whitelisted', '=', false)
      .where(sql<boolean>`industry_scope && ARRAY['541','542','543']::text[]`)
      .limit(1)
      .executeTakeFirst();
    expect(transport, '演示数据中应有道路运输企业').toBeDefined();
    const listed = (
      await call(
        t.app,
        scjg,
        'POST',
        '/api/special-plans',
        specialBody({ kind: '全项彻查', title: '道路运输企业全项彻查', scope: {}, subjectUsccs: [transport!.uscc] }),
      )
    ).json() as Special;
    expect(listed.fullCheckDepartments.map((d) => d.name)).toContain('市交通运输局');
    expect(listed.fullCheckDepartments.map((d) => d.name)).not.toContain('市城市管理局');
    const unknown = await call(
      t.app,
      scjg,
      'POST',
      '/api/special-plans',
      specialBody({ subjectUsccs: ['91371102MA00000000'] }),
    );
    expect(unknown.json().error.message).toContain('不在监管对象名录库中：91371102MA00000000');
  });
});
