import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let scjgAdmin: Session;
let scjgStaff: Session;
let yjglAdmin: Session;
let scjgId: number;
let yjglId: number;

beforeAll(async () => {
  t = await testApp();
  [admin, scjgAdmin, scjgStaff, yjglAdmin] = await Promise.all(
    ['admin', 'scjg_admin', 'scjg_staff', 'yjgl_admin'].map((u) => login(t.app, u)),
  );
  const options = (await call(t.app, admin, 'GET', '/api/departments/options')).json() as {
    id: number;
    name: string;
  }[];
  scjgId = options.find((d) => d.name === '市市场监督管理局')!.id;
  yjglId = options.find((d) => d.name === '市应急管理局')!.id;
});
afterAll(() => t.app.close());

const checks = [
  {
    code: '01',
    content: '食品经营许可证合法有效',
    method: '现场检查',
    basis: '《中华人民共和国食品安全法》第三十五条',
  },
  { code: '02', content: '进货查验记录', method: '书面检查', basis: '《中华人民共和国食品安全法》第五十三条' },
];
const itemBody = (departmentId: number, overrides: object = {}) => ({
  code: `T-${unique().tag}`,
  name: `测试食品经营监督检查${unique().tag}`,
  departmentId,
  legalBasis: '《中华人民共和国食品安全法》第一百一十条',
  objectType: '食品经营者',
  measures: '现场检查、抽样检验',
  process: '计划、抽取、检查、公示',
  resultHandling: '依法公示，违法的立案查处',
  level: '市',
  responsibleLeader: '副局长 测试',
  responsibleUnit: '食品经营安全监督管理科',
  responsiblePerson: '秦海涛',
  checkItems: checks,
  ...overrides,
});
const samplingBody = (departmentId: number, checkItemIds: number[], overrides: object = {}) => ({
  code: `S-${unique().tag}`,
  name: `测试抽查事项${unique().tag}`,
  departmentId,
  checkItemIds,
  basis: '《中华人民共和国食品安全法》第一百一十条',
  scope: { industries: ['62'] },
  ratios: { A: 5, B: 10, C: 30, D: 60 },
  ...overrides,
});

async function createItem(session: Session, departmentId: number, overrides: object = {}) {
  const res = await call(t.app, session, 'POST', '/api/items', itemBody(departmentId, overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    id: number;
    code: string;
    name: string;
    version: number;
    checkItems: { id: number; code: string; content: string }[];
  };
}

describe('supervision item catalog', () => {
  it('ships the demo catalog: items with check items (version 1) and sampling items, some published', async () => {
    const page = (await call(t.app, scjgStaff, 'GET', `/api/items?departmentId=${yjglId}&pageSize=50`)).json();
    expect(page.total).toBeGreaterThanOrEqual(3);
    const demo = page.items.find((i: { code: string }) => i.code === 'YJGL-JG-001');
    expect(demo).toMatchObject({ departmentName: '市应急管理局', source: '认领', version: 1, checkItemCount: 4 });
    const versions = (await call(t.app, scjgStaff, 'GET', `/api/items/${demo.id}/versions`)).json();
    expect(versions).toEqual([
      expect.objectContaining({ version: 1, changedBy: { userId: null, name: '系统初始化' } }),
    ]);
    const sampling = (await call(t.app, scjgStaff, 'GET', '/api/sampling-items?pageSize=200')).json();
    expect(sampling.items.some((s: { published: boolean }) => s.published)).toBe(true);
    expect(sampling.items.some((s: { published: boolean }) => !s.published)).toBe(true);
  });

  it('keeps every version: who changed what and when, and earlier versions stay readable', async () => {
    const v1 = await createItem(scjgStaff, scjgId);
    expect(v1.version).toBe(1);
    const createdAt = t.clock.now().toISOString();
    t.clock.advanceMinutes(10);
    const secondAt = t.clock.now().toISOString();
    const body2 = itemBody(scjgId, {
      code: v1.code,
      name: `${v1.name}（修订）`,
      expectedVersion: 1,
      changeNote: '依据新规调整',
      checkItems: [
        checks[0],
        { ...checks[1], content: '进货查验记录和票据留存' },
        { code: '03', content: '贮存条件', method: '现场检查', basis: '第五十四条' },
      ],
    });
    const v2 = await call(t.app, scjgAdmin, 'PUT', `/api/items/${v1.id}`, body2);
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, updatedBy: { name: '李建国' } });
    t.clock.advanceMinutes(10);
    const body3 = { ...body2, expectedVersion: 2, changeNote: undefined, checkItems: body2.checkItems.slice(1) };
    const v3 = (await call(t.app, scjgStaff, 'PUT', `/api/items/${v1.id}`, body3)).json();
    expect(v3.version).toBe(3);
    expect(v3.checkItems.map((c: { code: string }) => c.code)).toEqual(['02', '03']);
    expect(v3.checkItems[0].id).toBe(v1.checkItems[1]!.id);
    expect(
      (await call(t.app, scjgStaff, 'PUT', `/api/items/${v1.id}`, { ...body3, expectedVersion: 3 })).json().version,
    ).toBe(3);
    const stale = await call(t.app, scjgStaff, 'PUT', `/api/items/${v1.id}`, {
      ...body3,
      name: '另一个名称',
      expectedVersion: 2,
    });
    expect(stale.statusCode).toBe(409);

    const versions = (await call(t.app, scjgStaff, 'GET', `/api/items/${v1.id}/versions`)).json();
    expect(
      versions.map((v: { version: number; changedBy: { name: string } }) => [v.version, v.changedBy.name]),
    ).toEqual([
      [3, '张晓梅'],
      [2, '李建国'],
      [1, '张晓梅'],
    ]);
    expect(versions[2].changedAt).toBe(createdAt);
    expect(versions[1].changedAt).toBe(secondAt);
    expect(versions[1].summary).toBe(
      '修改事项名称；检查实施清单新增 1 项（03）、修改 1 项（02）（说明：依据新规调整）',
    );
    expect(versions[0].summary).toBe('检查实施清单移除 1 项（01）');
    const first = (await call(t.app, scjgStaff, 'GET', `/api/items/${v1.id}/versions/1`)).json();
    expect(first.item).toMatchObject({ name: v1.name, version: 1 });
    expect(first.item.checkItems.map((c: { code: string; content: string }) => [c.code, c.content])).toEqual([
      ['01', checks[0]!.content],
      ['02', checks[1]!.content],
    ]);
    const second = (await call(t.app, scjgStaff, 'GET', `/api/items/${v1.id}/versions/2`)).json();
    expect(second).toMatchObject({ version: 2, changedBy: { name: '李建国' }, item: { name: `${v1.name}（修订）` } });
    expect(second.item.checkItems.map((c: { code: string }) => c.code)).toEqual(['01', '02', '03']);
    expect((await call(t.app, scjgStaff, 'GET', `/api/items/${v1.id}/versions/9`)).statusCode).toBe(404);
    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=supervision_item&entityId=${v1.id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual([
      'supervision_item.update',
      'supervision_item.update',
      'supervision_item.create',
    ]);
  });

  it('explains invalid items field by field', async () => {
    const res = await call(
      t.app,
      scjgAdmin,
      'POST',
      '/api/items',
      itemBody(scjgId, { source: '认领', checkItems: [checks[0], checks[0]] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'claimedFrom', message: '认领的事项须填写上级监管事项目录编码' },
        { field: 'checkItems.1.code', message: '检查子项编码 01 重复' },
      ]),
    );
    const item = await createItem(scjgAdmin, scjgId);
    const moved = await call(t.app, admin, 'PUT', `/api/items/${item.id}`, itemBody(yjglId, { code: item.code }));
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details[0].field).toBe('departmentId');
    expect((await call(t.app, scjgAdmin, 'POST', '/api/items', itemBody(scjgId, { code: item.code }))).statusCode).toBe(
      409,
    );
  });

  it('lets each department write only its own items while everyone on staff reads the whole catalog', async () => {
    const theirs = await createItem(yjglAdmin, yjglId);
    const edit = await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/items/${theirs.id}`,
      itemBody(yjglId, { code: theirs.code, name: '越权修改' }),
    );
    expect(edit.statusCode).toBe(403);
    expect((await call(t.app, scjgAdmin, 'POST', '/api/items', itemBody(yjglId))).statusCode).toBe(403);
    expect((await call(t.app, scjgAdmin, 'GET', `/api/items/${theirs.id}`)).json().name).toBe(theirs.name);
    const inspector = await login(t.app, 'scjg_jc01');
    expect((await call(t.app, inspector, 'GET', `/api/items/${theirs.id}`)).statusCode).toBe(200);
    expect((await call(t.app, inspector, 'POST', '/api/items', itemBody(scjgId))).statusCode).toBe(403);
    expect((await call(t.app, null, 'GET', '/api/items')).statusCode).toBe(401);
    expect(
      (
        await call(
          t.app,
          admin,
          'PUT',
          `/api/items/${theirs.id}`,
          itemBody(yjglId, { code: theirs.code, name: '平台管理员修改' }),
        )
      ).json().version,
    ).toBe(2);
  });
  it('filters the catalog and offers only current check items of active items for linking', async () => {
    const item = await createItem(scjgAdmin, scjgId, { name: `筛选测试事项${unique().tag}` });
    const found = (await call(t.app, scjgStaff, 'GET', `/api/items?q=${encodeURIComponent(item.name)}`)).json();
    expect(found.items.map((i: { id: number; checkItemCount: number }) => [i.id, i.checkItemCount])).toEqual([
      [item.id, 2],
    ]);
    expect(
      (await call(t.app, scjgStaff, 'GET', `/api/items?q=${item.code.toLowerCase()}&status=停用`)).json().total,
    ).toBe(0);
    const options = async (departmentId: number) =>
      (await call(t.app, scjgStaff, 'GET', `/api/check-items?departmentId=${departmentId}`)).json() as {
        id: number;
        departmentId: number;
      }[];
    const before = await options(scjgId);
    expect(before.map((o) => o.id)).toEqual(expect.arrayContaining(item.checkItems.map((c) => c.id)));
    expect(before.every((o) => o.departmentId === scjgId)).toBe(true);
    expect((await options(yjglId)).some((o) => o.id === item.checkItems[0]!.id)).toBe(false);
    await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/items/${item.id}`,
      itemBody(scjgId, { code: item.code, name: item.name, checkItems: [checks[1]] }),
    );
    expect((await options(scjgId)).map((o) => o.id)).not.toContain(item.checkItems[0]!.id);
    await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/items/${item.id}`,
      itemBody(scjgId, { code: item.code, name: item.name, checkItems: [checks[1]], status: '停用' }),
    );
    expect((await options(scjgId)).map((o) => o.id)).not.toContain(item.checkItems[1]!.id);
  });
});

describe('sampling items', () => {
  it('explains invalid ratios, too few inspectors, unknown industries and tags, and check items of another department', async () => {
    const own = await createItem(scjgAdmin, scjgId);
    const other = await createItem(yjglAdmin, yjglId);
    const ownIds = own.checkItems.map((c) => c.id);
    const ratios = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/sampling-items',
      samplingBody(scjgId, ownIds, { ratios: { A: 10, B: 5, C: 30, D: 20 } }),
    );
    expect(ratios.statusCode).toBe(400);
    expect(ratios.json().error.details).toEqual([
      {
        field: 'ratios.B',
        message:
          'B 类（一般风险）的抽查比例 5% 低于A 类（低风险）的 10%；信用风险越高抽查比例应越高，须满足 A ≤ B ≤ C ≤ D',
      },
      {
        field: 'ratios.D',
        message:
          'D 类（高风险）的抽查比例 20% 低于C 类（较高风险）的 30%；信用风险越高抽查比例应越高，须满足 A ≤ B ≤ C ≤ D',
      },
    ]);
    const staff = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/sampling-items',
      samplingBody(scjgId, ownIds, { inspectorRequirements: { minInspectors: 1 } }),
    );
    expect(staff.statusCode).toBe(400);
    expect(staff.json().error.details).toEqual([
      { field: 'inspectorRequirements.minInspectors', message: '每次检查的执法检查人员不得少于 2 名' },
    ]);
    const scope = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/sampling-items',
      samplingBody(scjgId, [...ownIds, other.checkItems[0]!.id], {
        scope: { industries: ['9999', 'H', '62', '5211'], tags: ['food-business', 'no-such-tag'] },
      }),
    );
    expect(scope.statusCode).toBe(400);
    expect(scope.json().error.details).toEqual([
      { field: 'scope.industries', message: '行业代码 9999 不在 GB/T 4754-2017 中' },
      { field: 'scope.tags', message: '标签 no-such-tag 不存在' },
      {
        field: 'checkItemIds',
        message: `检查子项“${checks[0]!.content}”（01）属于市应急管理局的监管事项“${other.name}”；抽查事项只能关联本部门（市市场监督管理局）监管事项下的检查子项，跨部门联合抽查请在联合抽查计划中组合各部门的抽查事项`,
      },
    ]);
    const ok = await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/sampling-items',
      samplingBody(scjgId, ownIds, {
        scope: {
          industries: ['H', '62', '5211'],
          tags: ['food-business'],
          subjectKinds: ['企业'],
          divisions: ['3711'],
        },
      }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      method: '双随机',
      frequency: '每年一次',
      inspectorRequirements: { minInspectors: 2 },
      published: false,
      departmentName: '市市场监督管理局',
    });
    expect(ok.json().checkItems.map((c: { supervisionItemCode: string }) => c.supervisionItemCode)).toEqual([
      own.code,
      own.code,
    ]);
    expect((await call(t.app, yjglAdmin, 'POST', '/api/sampling-items', samplingBody(scjgId, ownIds))).statusCode).toBe(
      403,
    );
  });

  it('keeps linked check items and stopped items consistent with the sampling items using them', async () => {
    const item = await createItem(scjgAdmin, scjgId);
    const sampling = (
      await call(t.app, scjgAdmin, 'POST', '/api/sampling-items', samplingBody(scjgId, [item.checkItems[0]!.id]))
    ).json();
    const drop = await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/items/${item.id}`,
      itemBody(scjgId, { code: item.code, name: item.name, checkItems: [checks[1]] }),
    );
    expect(drop.statusCode).toBe(400);
    expect(drop.json().error.message).toContain(`已被随机抽查事项“${sampling.name}”`);
    const stop = await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/items/${item.id}`,
      itemBody(scjgId, { code: item.code, name: item.name, status: '停用' }),
    );
    expect(stop.statusCode).toBe(400);
    expect(stop.json().error.details[0].field).toBe('status');
    const renamed = await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/sampling-items/${sampling.id}`,
      samplingBody(scjgId, [item.checkItems[0]!.id], { code: `${sampling.code}X` }),
    );
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.details).toEqual([{ field: 'code', message: '编码不能修改' }]);
    const relinked = await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/sampling-items/${sampling.id}`,
      samplingBody(scjgId, [item.checkItems[1]!.id], {
        code: sampling.code,
        name: sampling.name,
        frequency: '每季度一次',
      }),
    );
    expect(relinked.statusCode, relinked.body).toBe(200);
    expect(relinked.json().checkItems.map((c: { id: number }) => c.id)).toEqual([item.checkItems[1]!.id]);
    const dropped = await call(
      t.app,
      scjgAdmin,
      'PUT',
      `/api/items/${item.id}`,
      itemBody(scjgId, { code: item.code, name: item.name, checkItems: [checks[1]] }),
    );
    expect(dropped.statusCode, dropped.body).toBe(200);
    const entry = (
      await call(t.app, admin, 'GET', `/api/audit?entityType=sampling_item&entityId=${sampling.id}`)
    ).json().items[0];
    expect(entry).toMatchObject({
      action: 'sampling_item.update',
      changes: {
        frequency: ['每年一次', '每季度一次'],
        checkItemIds: [[item.checkItems[0]!.id], [item.checkItems[1]!.id]],
      },
    });
  });

  it('applies the default ratios, which only the platform admin can change', async () => {
    const original = (await call(t.app, scjgStaff, 'GET', '/api/settings/sampling-defaults')).json();
    expect(Object.keys(original)).toEqual(['A', 'B', 'C', 'D']);
    expect(
      (await call(t.app, scjgAdmin, 'PUT', '/api/settings/sampling-defaults', { A: 1, B: 2, C: 3, D: 4 })).statusCode,
    ).toBe(403);
    const disordered = await call(t.app, admin, 'PUT', '/api/settings/sampling-defaults', {
      A: 50,
      B: 10,
      C: 30,
      D: 70,
    });
    expect(disordered.statusCode).toBe(400);
    expect(disordered.json().error.details[0].field).toBe('B');
    try {
      expect(
        (await call(t.app, admin, 'PUT', '/api/settings/sampling-defaults', { A: 2, B: 8, C: 25, D: 60 })).statusCode,
      ).toBe(200);
      const item = await createItem(scjgAdmin, scjgId);
      const created = await call(
        t.app,
        scjgAdmin,
        'POST',
        '/api/sampling-items',
        samplingBody(scjgId, [item.checkItems[0]!.id], { ratios: undefined }),
      );
      expect(created.json().ratios).toEqual({ A: 2, B: 8, C: 25, D: 60 });
      const log = (await call(t.app, admin, 'GET', '/api/audit?entityType=setting')).json();
      expect(log.items[0]).toMatchObject({ action: 'setting.update', changes: { A: [original.A, 2] } });
    } finally {
      expect((await call(t.app, admin, 'PUT', '/api/settings/sampling-defaults', original)).statusCode).toBe(200);
    }
  });

  it('publishes to a public list (no login) without ratios or internal details; department admins publish their own', async () => {
    const item = await createItem(scjgAdmin, scjgId);
    const name = `公开测试抽查${unique().tag}`;
    const sampling = (
      await call(
        t.app,
        scjgStaff,
        'POST',
        '/api/sampling-items',
        samplingBody(
          scjgId,
          item.checkItems.map((c) => c.id),
          { name },
        ),
      )
    ).json();
    const publicList = async () =>
      (await call(t.app, null, 'GET', `/api/public/sampling-items?q=${encodeURIComponent(name)}`)).json();
    expect((await publicList()).total).toBe(0);
    expect((await call(t.app, scjgStaff, 'POST', `/api/sampling-items/${sampling.id}/publish`)).statusCode).toBe(403);
    expect((await call(t.app, yjglAdmin, 'POST', `/api/sampling-items/${sampling.id}/publish`)).statusCode).toBe(403);
    const published = await call(t.app, scjgAdmin, 'POST', `/api/sampling-items/${sampling.id}/publish`);
    expect(published.json()).toMatchObject({ published: true, publishedAt: t.clock.now().toISOString() });
    const list = await publicList();
    expect(list.total).toBe(1);
    expect(list.items[0]).toEqual({
      code: sampling.code,
      name,
      departmentName: '市市场监督管理局',
      basis: sampling.basis,
      content: checks.map((c) => c.content),
      scope: { industries: [{ code: '62', name: '餐饮业' }], tags: [], subjectKinds: [], divisions: [] },
      method: '双随机',
      frequency: '每年一次',
      publishedAt: t.clock.now().toISOString(),
    });
    const all = (await call(t.app, null, 'GET', '/api/public/sampling-items?pageSize=200')).json();
    expect(all.items.length).toBeGreaterThan(1);
    expect(all.items.every((s: object) => !('ratios' in s) && !('inspectorRequirements' in s))).toBe(true);
    const drafts = (await call(t.app, admin, 'GET', '/api/sampling-items?published=false&pageSize=200'))
      .json()
      .items.map((s: { code: string }) => s.code);
    expect(drafts.length).toBeGreaterThan(0);
    expect(all.items.filter((s: { code: string }) => drafts.includes(s.code))).toEqual([]);
    await call(t.app, scjgAdmin, 'POST', `/api/sampling-items/${sampling.id}/unpublish`);
    expect((await publicList()).total).toBe(0);
    const log = (await call(t.app, admin, 'GET', `/api/audit?entityType=sampling_item&entityId=${sampling.id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual([
      'sampling_item.unpublish',
      'sampling_item.publish',
      'sampling_item.create',
    ]);
  });
});

describe('public sampling list', () => {
  it('is documented as open (no login) and limited to 120 requests a minute per address', async () => {
    const doc = (await call(t.app, null, 'GET', '/api/docs/json')).json();
    expect(doc.paths['/api/public/sampling-items'].get.security).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/items/{id}/versions/{version}',
        '/api/sampling-items',
        '/api/settings/sampling-defaults',
      ]),
    );
    const fresh = await testApp();
    try {
      for (let i = 0; i < 120; i += 1)
        expect((await call(fresh.app, null, 'GET', '/api/public/sampling-items?pageSize=1')).statusCode).toBe(200);
      const limited = await call(fresh.app, null, 'GET', '/api/public/sampling-items?pageSize=1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.message).toContain('请求过于频繁');
    } finally {
      await fresh.app.close();
    }
  });
});
