import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDetails, type AuditNames, displayValue, entityText } from '../../src/audit/audit-details';
import { rawTextIn } from '../browser/raw-text';
import { call, demoIdCard, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

const names: AuditNames = {
  departments: new Map([[2, '市市场监督管理局']]),
  roles: new Map([
    ['platform_admin', '平台管理员'],
    ['dept_staff', '部门业务人员'],
  ]),
  tags: new Map([['food-business', '食品经营']]),
};

describe('audit details in words', () => {
  it('names keys and coded values, says 是/否, shows China time', () => {
    expect(
      auditDetails(
        {
          mode: [null, 'valid-only'],
          late: [null, false],
          status: ['active', 'disabled'],
          expiresAt: [null, '2026-12-04T19:19:00.000Z'],
          dataScope: ['own_department', 'all'],
        },
        names,
      ),
    ).toEqual([
      { field: 'mode', label: '导入方式', before: '—', after: '仅导入正确行' },
      { field: 'late', label: '逾期', before: '—', after: '否' },
      { field: 'status', label: '状态', before: '启用', after: '停用' },
      // 19:19 UTC is 03:19 the next day in Beijing.
      { field: 'expiresAt', label: '有效期至', before: '—', after: '2026-12-05 03:19' },
      { field: 'dataScope', label: '数据范围', before: '本部门', after: '全部' },
    ]);
  });

  it('shows departments, roles, permissions and tags by name', () => {
    expect(displayValue('departmentId', 2, names)).toBe('市市场监督管理局');
    expect(displayValue('departmentIds', [2, 99], names)).toBe('市市场监督管理局、部门 99');
    expect(displayValue('roles', ['dept_staff', 'platform_admin'], names)).toBe('部门业务人员、平台管理员');
    expect(displayValue('permissions', ['audit:log:read'], names)).toBe('查看审计日志');
    expect(displayValue('scope', { tags: ['food-business'], subjectKinds: ['企业'] }, names)).toBe(
      '标签：食品经营，主体类型：企业',
    );
  });

  it('reads nested values: periods, objects in lists, records keyed by department, task transitions', () => {
    expect(displayValue('window', { from: '2026-03-01', to: '2026-03-31' }, names)).toBe('2026-03-01 至 2026-03-31');
    expect(
      displayValue(
        'results',
        [
          { checkItemId: 7, result: '符合', notes: '' },
          { checkItemId: 8, result: '不符合', notes: '消防通道堵塞' },
        ],
        names,
      ),
    ).toBe('检查项：7，检查结果：符合，说明：—；检查项：8，检查结果：不符合，说明：消防通道堵塞');
    expect(displayValue('industryRisk', { 市市场监督管理局: '较高' }, names)).toBe('市市场监督管理局：较高');
    expect(displayValue('transition', 'checkIn', names)).toBe('签到');
    expect(displayValue('days', ['2027-01-01 holiday 元旦'], names)).toBe('2027-01-01 放假 元旦');
    expect(displayValue('query', { page: 1, pageSize: 20, mine: 'true' }, names)).toBe(
      '页码：1，每页条数：20，仅本人任务：是',
    );
  });

  it('says when a key has no name instead of passing it off as one', () => {
    expect(auditDetails({ brandNewKey: [1, 2] }, names)[0]!.label).toBe('未登记的字段（brandNewKey）');
  });

  it('names the object of roles, settings and reads of personal data', () => {
    expect(entityText('role', 'platform_admin', names)).toBe('平台管理员');
    expect(entityText('setting', 'supervision.rules', names)).toBe('监管规则');
    expect(entityText('personal_data', 'inspector:57', names)).toBe('执法检查人员 57');
    expect(entityText('personal_data', 'subject', names)).toBe('监管对象');
    expect(entityText('inspection_task', 'CQ2026-0001-0001-00001', names)).toBe('CQ2026-0001-0001-00001');
  });
});

describe('the audit API gives every entry its details in words', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await testApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.app.close());

  const newest = async (action: string) =>
    (await call(t.app, admin, 'GET', `/api/audit?action=${action}&pageSize=1`)).json().items[0] as {
      entityText: string;
      details: { field: string; label: string; before: string; after: string }[];
    };
  const shown = (entry: Awaited<ReturnType<typeof newest>>) =>
    [entry.entityText, ...entry.details.flatMap((d) => [d.label, d.before, d.after])].join('\n');

  it('a user disabled and given other roles: status, roles and department in Chinese, no raw key', async () => {
    const { tag } = unique();
    const created = await call(t.app, admin, 'POST', '/api/users', {
      username: `l${tag}`,
      name: `标签${tag}`,
      idCard: demoIdCard('371102', Number(tag) % 900),
      phone: '13800000000',
      departmentId: 2,
      roleCodes: ['dept_staff'],
      password: 'Ceshi#2026a',
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    const changed = await call(t.app, admin, 'PUT', `/api/users/${id}`, {
      name: `标签${tag}`,
      phone: '13800000000',
      departmentId: 2,
      roleCodes: ['dept_staff', 'inspector'],
      status: 'disabled',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const entry = await newest('user.update');
    const byField = Object.fromEntries(entry.details.map((d) => [d.field, d]));
    expect(byField.status).toMatchObject({ label: '状态', before: '启用', after: '停用' });
    expect(byField.roles!.after).toMatch(/、/);
    expect(byField.roles!.after).not.toMatch(/[a-z]/);
    expect(rawTextIn(shown(entry))).toEqual([]);
  });

  it('a read of personal data: the query parameters and the kind read in Chinese', async () => {
    expect((await call(t.app, admin, 'GET', '/api/inspectors?pageSize=3')).statusCode).toBe(200);
    const entry = await newest('personal_data.read');
    expect(entry.entityText).toBe('执法检查人员');
    expect(entry.details.find((d) => d.field === 'query')!.after).toContain('每页条数：3');
    expect(rawTextIn(shown(entry))).toEqual([]);
  });
});
