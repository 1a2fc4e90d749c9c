import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { csvOf, importAndWait, xlsxOf, xlsxRowsOf } from '../support/import-files';
import { testApp, type TestApp } from '../support/test-platform';
import { AUTHORITY, freshIdNumber, freshKeys, SOURCE } from '../support/factories/record.factory';

let t: TestApp;
let staff: Session;
let licensing: Session;

beforeAll(async () => {
  t = await testApp();
  staff = await login(t.app, 'scjg_staff');
  licensing = await login(t.app, 'spj_xk');
});
afterAll(async () => {
  await t.app.close();
});

const PENALTY_HEADERS = [
  '业务系统记录编号',
  '行政相对人类别',
  '行政相对人名称',
  '行政相对人统一社会信用代码',
  '法定代表人',
  '证件号码（自然人）',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '决定日期',
  '公示截止期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
];

function penaltyRow(over: Partial<Record<string, string>> = {}): string[] {
  const k = freshKeys();
  const values: Record<string, string> = {
    业务系统记录编号: `CF-${k.n}`,
    行政相对人类别: '法人及非法人组织',
    行政相对人名称: `日照批量测试商贸有限公司${k.n}`,
    行政相对人统一社会信用代码: k.uscc,
    法定代表人: '钱测试',
    '证件号码（自然人）': '',
    行政处罚决定书文号: `日市监罚〔2026〕${k.n}号`,
    违法行为类型: '未按规定公示营业执照',
    违法事实: '当事人未在经营场所醒目位置悬挂营业执照',
    处罚依据: '《中华人民共和国市场主体登记管理条例》第四十八条',
    处罚类别: '警告',
    处罚内容: '警告',
    '罚款金额（万元）': '',
    决定日期: '2026-10-12',
    公示截止期: '2027-01-11',
    处罚机关: SOURCE.name,
    处罚机关统一社会信用代码: SOURCE.uscc,
    数据来源单位: SOURCE.name,
    数据来源单位统一社会信用代码: SOURCE.uscc,
    ...over,
  };
  return PENALTY_HEADERS.map((h) => values[h]!);
}

const versionCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('received_record_versions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('batch files of received records (import engine)', () => {
  it('the same file imported twice: the second import is all unchanged and adds no version', async () => {
    const rows = [
      penaltyRow(),
      penaltyRow({
        行政相对人类别: '自然人',
        行政相对人名称: '李某',
        行政相对人统一社会信用代码: '',
        法定代表人: '',
        '证件号码（自然人）': freshIdNumber(),
        处罚类别: '罚款',
        处罚内容: '罚款 0.3 万元',
        '罚款金额（万元）': '0.3',
      }),
      penaltyRow(),
    ];
    const file = csvOf([PENALTY_HEADERS, ...rows]);
    const first = await importAndWait(t.app, staff, '处罚.csv', file, 'valid-only', 'penalty-records');
    expect(first).toMatchObject({ status: 'done', inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const before = await versionCount();
    const second = await importAndWait(t.app, staff, '处罚.csv', file, 'valid-only', 'penalty-records');
    expect(second).toMatchObject({ status: 'done', inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await versionCount()).toBe(before);
    const stored = await t.deps.db
      .selectFrom('penalty_records')
      .select(['channel', 'id_number_masked', 'version'])
      .where(
        'sender_record_id',
        'in',
        rows.map((r) => r[0]!),
      )
      .execute();
    expect(stored).toHaveLength(3);
    expect(stored.every((s) => s.channel === '批量' && s.version === 1)).toBe(true);
    expect(stored.filter((s) => s.id_number_masked !== null)).toHaveLength(1);
    // The same record through the API is the same record: unchanged.
    const viaApi = await call(t.app, staff, 'POST', '/api/records/penalties', {
      senderRecordId: rows[0]![0],
      counterpartCategory: '法人及非法人组织',
      counterpartName: rows[0]![2],
      uscc: rows[0]![3],
      legalRepresentative: '钱测试',
      decisionDocNo: rows[0]![6],
      violationType: rows[0]![7],
      violationFacts: rows[0]![8],
      legalBasis: rows[0]![9],
      categories: ['警告'],
      content: '警告',
      decidedOn: '2026-10-12',
      publicityUntil: '2027-01-11',
      authorityName: SOURCE.name,
      authorityUscc: SOURCE.uscc,
      sourceUnitName: SOURCE.name,
      sourceUnitUscc: SOURCE.uscc,
    });
    expect(viaApi.json().results[0].outcome).toBe('unchanged');
  });

  it('a bad row gets a Chinese error naming its row and column, and nothing of it is written', async () => {
    const good = penaltyRow();
    const bad = penaltyRow({ 决定日期: '2026-13-40', 公示截止期: '2026-01-01' });
    const job = await importAndWait(
      t.app,
      staff,
      '处罚.csv',
      csvOf([PENALTY_HEADERS, good, bad]),
      'valid-only',
      'penalty-records',
    );
    expect(job).toMatchObject({ status: 'done', inserted: 1, rejected: 1 });
    expect(job.problems).toEqual([
      expect.objectContaining({ row: 3, field: '决定日期', message: '日期 2026-13-40 不存在' }),
    ]);
    const written = await t.deps.db
      .selectFrom('penalty_records')
      .select('sender_record_id')
      .where('sender_record_id', 'in', [good[0]!, bad[0]!])
      .execute();
    expect(written.map((w) => w.sender_record_id)).toEqual([good[0]]);
  });

  it('licences from an XLSX file: the cross-field rule names its column; the template has the national headers', async () => {
    const template = await t.app.inject({
      url: '/api/imports/templates/licence-records.xlsx',
      headers: licensing.headers,
    });
    expect(template.statusCode, template.body).toBe(200);
    const header = (await xlsxRowsOf(template.rawPayload))[0]!;
    expect(header).toEqual(
      expect.arrayContaining(['行政许可决定文书名称', '许可类别', '有效期自', '有效期至', '许可机关统一社会信用代码']),
    );
    const k = freshKeys();
    const values: Record<string, string | Date> = {
      业务系统记录编号: `XK-${k.n}`,
      行政相对人类别: '法人及非法人组织',
      行政相对人名称: `日照批量许可测试有限公司${k.n}`,
      行政相对人统一社会信用代码: k.uscc,
      法定代表人: '周测试',
      行政许可决定文书名称: '道路运输经营许可决定书',
      行政许可决定文书号: `日审批运许〔2026〕${k.n}号`,
      许可类别: '普通',
      许可证书名称: '道路运输经营许可证',
      许可编号: `鲁交运管许可日字${k.n}号`,
      许可内容: '道路普通货物运输',
      有效期自: new Date(Date.UTC(2026, 9, 20)),
      有效期至: new Date(Date.UTC(2026, 9, 1)),
      决定日期: '2026-10-20',
      许可机关: AUTHORITY.name,
      许可机关统一社会信用代码: AUTHORITY.uscc,
      数据来源单位: AUTHORITY.name,
      数据来源单位统一社会信用代码: AUTHORITY.uscc,
    };
    const headers = Object.keys(values);
    const file = await xlsxOf([headers, headers.map((h) => values[h]!)], '行政许可信息');
    const job = await importAndWait(t.app, licensing, '许可.xlsx', file, 'valid-only', 'licence-records');
    expect(job.problems).toEqual([
      expect.objectContaining({ row: 2, field: '有效期至', message: '有效期至不能早于有效期自' }),
    ]);
    const fixed = await xlsxOf(
      [headers, headers.map((h) => (h === '有效期至' ? '2031-10-19' : values[h]!))],
      '行政许可信息',
    );
    const ok = await importAndWait(t.app, licensing, '许可.xlsx', fixed, 'valid-only', 'licence-records');
    expect(ok).toMatchObject({ inserted: 1, rejected: 0 });
  });
});
