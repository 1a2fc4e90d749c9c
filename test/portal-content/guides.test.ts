import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideIndustriesFor, industryPath, scopeRelation } from '../../src/portal-content/guide-assembly';
import { createTask } from '../support/factories/task.factory';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp, testConfig } from '../support/test-platform';

const out = `test-results/portal-content/${testConfig().database.kind}`;
let t: TestApp;
let lianxi: Session;
let scjgAdmin: Session;
let yjglAdmin: Session;
let scjg: number;
let yjgl: number;
const tag = unique().tag;

const departmentId = async (name: string) =>
  Number(
    (await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id,
  );

/** A supervision item of 市市场监督管理局 with check items, and a random-check item linking them on `scope`. */
async function itemWithScope(
  suffix: string,
  scope: { industries?: string[]; tags?: string[] },
  checks = ['01'],
  linked = checks,
): Promise<{ id: number; code: string; checkIds: number[]; samplingId: number; samplingInput: object }> {
  const code = `GT${tag}-${suffix}`;
  const item = await call(t.app, scjgAdmin, 'POST', '/api/items', {
    code,
    name: `指南测试事项${suffix}`,
    departmentId: scjg,
    legalBasis: '《中华人民共和国产品质量法》第十五条',
    objectType: '纺织品生产企业',
    measures: '现场检查、抽样检验',
    process: '抽取、检查、公示',
    resultHandling: '依法公示，违法的立案查处',
    level: '市',
    responsibleLeader: '副局长 测试',
    responsibleUnit: '产品质量安全监督管理科',
    responsiblePerson: '测试',
    checkItems: checks.map((c) => ({
      code: c,
      content: `检查内容${suffix}-${c}：生产记录与出厂检验`,
      method: '现场检查',
      basis: '《中华人民共和国产品质量法》第二十六条',
    })),
  });
  expect(item.statusCode, item.body).toBe(200);
  const view = item.json() as { id: number; checkItems: { id: number; code: string }[] };
  const samplingInput = {
    code: `CC${tag}-${suffix}`,
    name: `指南测试抽查${suffix}`,
    departmentId: scjg,
    checkItemIds: view.checkItems.filter((c) => linked.includes(c.code)).map((c) => c.id),
    basis: '《国务院办公厅关于推广随机抽查规范事中事后监管的通知》',
    scope: { industries: scope.industries ?? [], tags: scope.tags ?? [] },
  };
  const sampling = await call(t.app, scjgAdmin, 'POST', '/api/sampling-items', samplingInput);
  expect(sampling.statusCode, sampling.body).toBe(200);
  return {
    id: view.id,
    code,
    checkIds: view.checkItems.map((c) => c.id),
    samplingId: sampling.json().id,
    samplingInput,
  };
}

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  [lianxi, scjgAdmin, yjglAdmin] = await Promise.all(
    ['lianxi', 'scjg_admin', 'yjgl_admin'].map((u) => login(t.app, u)),
  );
  scjg = await departmentId('市市场监督管理局');
  yjgl = await departmentId('市应急管理局');
});
afterAll(async () => {
  await t.app.close();
});

describe('industry hierarchy (pure)', () => {
  it('walks GB/T 4754 from the section down and relates scope codes to an industry', () => {
    expect(industryPath('1711')).toEqual(['C', '17', '171', '1711']);
    expect(industryPath('H')).toEqual(['H']);
    expect(scopeRelation('17', '1711')).toBe('covers');
    expect(scopeRelation('C', '17')).toBe('covers');
    expect(scopeRelation('1713', '17')).toBe('part');
    expect(scopeRelation('18', '17')).toBeNull();
    expect(scopeRelation('1712', '1711')).toBeNull();
  });

  it('finds the most specific guided industry up the hierarchy for each of a subject’s codes', () => {
    const guided = new Set(['17', '1711', '62']);
    expect(guideIndustriesFor(['1711'], guided)).toEqual(['1711']);
    expect(guideIndustriesFor(['1712'], guided)).toEqual(['17']);
    expect(guideIndustriesFor(['6210', '1712', '1713'], guided)).toEqual(['62', '17']);
    expect(guideIndustriesFor(['5211'], guided)).toEqual([]);
  });
});

describe('一业一册', () => {
  let covers: { code: string; checkIds: number[] };
  let partial: { code: string };
  let section: { code: string };
  let viaTag: { code: string };
  let stopped: { id: number; code: string; samplingId: number; samplingInput: object };

  beforeAll(async () => {
    covers = await itemWithScope('A', { industries: ['17'] }, ['01', '02'], ['01']);
    partial = await itemWithScope('B', { industries: ['1713'] });
    section = await itemWithScope('C', { industries: ['C'] });
    await itemWithScope('D', { industries: ['18'] });
    await itemWithScope('E', {});
    const tagCode = `gt-${tag}`;
    const tagRes = await call(t.app, scjgAdmin, 'POST', '/api/tags', {
      code: tagCode,
      name: `纺织标签${tag}`,
      departmentId: scjg,
      meaning: '棉纺纱加工企业',
      validFrom: '2026-01-01',
      ruleIndustries: ['1711'],
    });
    expect(tagRes.statusCode, tagRes.body).toBe(200);
    viaTag = await itemWithScope('F', { tags: [tagCode] });
    stopped = await itemWithScope('G', { industries: ['17'] });
    // G's random-check item is stopped (停用), then the item itself: neither counts any more.
    const stopSampling = await call(t.app, scjgAdmin, 'PUT', `/api/sampling-items/${stopped.samplingId}`, {
      ...stopped.samplingInput,
      status: '停用',
    });
    expect(stopSampling.statusCode, stopSampling.body).toBe(200);
    const g = (await call(t.app, scjgAdmin, 'GET', `/api/items/${stopped.id}`)).json();
    const { id: _i, departmentName: _d, version: _v, updatedAt: _u, updatedBy: _b, ...gInput } = g;
    const stop = await call(t.app, scjgAdmin, 'PUT', `/api/items/${stopped.id}`, { ...gInput, status: '停用' });
    expect(stop.statusCode, stop.body).toBe(200);
  });

  it('only the joint office assigns the lead department; only the lead department edits and publishes', async () => {
    const byDept = await call(t.app, scjgAdmin, 'PUT', '/api/portal/guides/17/lead', { departmentId: scjg });
    expect(byDept.statusCode).toBe(403);
    const early = await call(t.app, scjgAdmin, 'PUT', '/api/portal/guides/17/draft', { introduction: '纺织业' });
    expect(early.statusCode).toBe(409);
    const assign = await call(t.app, lianxi, 'PUT', '/api/portal/guides/17/lead', { departmentId: scjg });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.json().lead.departmentId).toBe(scjg);
    const other = await call(t.app, yjglAdmin, 'PUT', '/api/portal/guides/17/draft', { introduction: '越权编写' });
    expect(other.statusCode).toBe(403);
    const unknown = await call(t.app, lianxi, 'PUT', '/api/portal/guides/9999/lead', { departmentId: yjgl });
    expect(unknown.statusCode).toBe(400);
  });

  it('assembles exactly the items whose check scope overlaps the industry, with the applying check items', async () => {
    const ws = await call(t.app, scjgAdmin, 'GET', '/api/portal/guides/17');
    expect(ws.statusCode, ws.body).toBe(200);
    const assembled = ws.json().assembled as { code: string; partial: boolean; checks: { code: string }[] }[];
    const ours = assembled.filter((i) => i.code.startsWith(`GT${tag}-`));
    expect(ours.map((i) => i.code).sort()).toEqual([covers.code, partial.code, section.code, viaTag.code].sort());
    const byCode = new Map(ours.map((i) => [i.code, i]));
    expect(byCode.get(covers.code)!.partial).toBe(false);
    expect(byCode.get(covers.code)!.checks.map((c) => c.code)).toEqual(['01']);
    expect(byCode.get(section.code)!.partial).toBe(false);
    expect(byCode.get(partial.code)!.partial).toBe(true);
    expect(byCode.get(viaTag.code)!.partial).toBe(true);
    // Whole-industry items come before partial ones.
    const firstPartial = assembled.findIndex((i) => i.partial);
    expect(assembled.slice(firstPartial).every((i) => i.partial)).toBe(true);
  });

  it('publishes versions that cannot change; a new draft becomes the next version; audited', async () => {
    const noText = await call(t.app, scjgAdmin, 'POST', '/api/portal/guides/17/publish');
    expect(noText.statusCode).toBe(409);
    const text = {
      introduction: '纺织业包括棉、化纤、毛、麻、丝绢纺织及印染精加工等。',
      keyObligations: '建立原辅料进货查验和出厂检验制度；产品标识符合国家标准。',
      commonViolations: '纤维含量与标识不符；未经检验出厂。',
      tips: '定期自查，保存检验记录两年以上。',
    };
    expect((await call(t.app, scjgAdmin, 'PUT', '/api/portal/guides/17/draft', text)).statusCode).toBe(200);
    const pub = await call(t.app, scjgAdmin, 'POST', '/api/portal/guides/17/publish');
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().versions[0]).toMatchObject({ version: 1, status: '已发布' });
    expect(pub.json().draft).toBeNull();

    // The database refuses any change of the published version, whoever tries.
    await expect(
      t.deps.db.updateTable('industry_guides').set({ tips: '篡改' }).where('industry_code', '=', '17').execute(),
    ).rejects.toThrow(/不能修改/);

    const v2 = await call(t.app, scjgAdmin, 'PUT', '/api/portal/guides/17/draft', { ...text, tips: '第二版提示' });
    expect(v2.json().draft.version).toBe(2);
    const current = await call(t.app, null, 'GET', '/api/public/guides/17');
    expect(current.json()).toMatchObject({ version: 1, tips: text.tips, industryName: '纺织业' });
    expect(current.json().items.some((i: { code: string }) => i.code === covers.code)).toBe(true);
    expect((await call(t.app, scjgAdmin, 'POST', '/api/portal/guides/17/publish')).statusCode).toBe(200);
    const latest = await call(t.app, null, 'GET', '/api/public/guides/17');
    expect(latest.json()).toMatchObject({ version: 2, tips: '第二版提示' });
    const first = await call(t.app, null, 'GET', '/api/public/guides/17?version=1');
    expect(first.json()).toMatchObject({ version: 1, tips: text.tips });

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'industry_guide')
      .where('entity_id', '=', '17')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['industry_guide.assign_lead', 'industry_guide.save_draft', 'industry_guide.publish']),
    );
  });

  it('serves the guide as a real PDF naming the industry', async () => {
    const res = await call(t.app, null, 'GET', '/api/public/guides/17/pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    mkdirSync(out, { recursive: true });
    writeFileSync(`${out}/guide-17.pdf`, res.rawPayload);
    const text = execFileSync('pdftotext', [`${out}/guide-17.pdf`, '-']).toString();
    expect(text).toContain('纺织业合规经营指南');
    expect(text).toContain('主要合规义务');
    expect(text).toContain(`GT${tag}-A`);
    expect((await call(t.app, null, 'GET', '/api/public/guides/18/pdf')).statusCode).toBe(404);
  });

  it('a 检查码’s subject gets the most specific published guide up its industry’s hierarchy', async () => {
    const subject = await call(t.app, scjgAdmin, 'POST', '/api/subjects', {
      uscc: unique().uscc,
      name: `日照指南测试${tag}棉纺有限公司`,
      kind: '企业',
      divisionCode: '371102',
      industryCodes: ['1712'],
    });
    expect(subject.statusCode, subject.body).toBe(200);
    const db = t.deps.db;
    const item = await db
      .selectFrom('sampling_items as s')
      .innerJoin('sampling_item_check_items as sc', 'sc.sampling_item_id', 's.id')
      .select('s.code')
      .where('s.department_id', '=', scjg)
      .where('s.status', '=', '有效')
      .orderBy('s.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const inspectors = await db
      .selectFrom('inspectors')
      .select('id')
      .where('department_id', '=', scjg)
      .orderBy('id')
      .limit(2)
      .execute();
    const task = await createTask(t, {
      items: [item.code],
      inspectors: inspectors.map((p) => ({ id: Number(p.id), departmentId: scjg })),
      subjectId: subject.json().id,
      window: { from: '2026-11-23', to: '2026-12-18' },
      source: '抽取',
    });
    const scjgStaff = await login(t.app, 'scjg_staff');
    const notice = await call(t.app, scjgStaff, 'POST', `/api/tasks/${task.taskNo}/notice`, {});
    expect(notice.statusCode, notice.body).toBe(200);
    const token = notice.json().code.token as string;
    const links = await call(t.app, null, 'GET', `/api/public/guides/for-code/${token}`);
    expect(links.statusCode, links.body).toBe(200);
    expect(links.json()).toEqual([
      { industryCode: '17', industryName: '纺织业', title: '纺织业合规经营指南（一业一册）' },
    ]);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await call(t.app, null, 'GET', `/api/public/guides/for-code/${forged}`)).json()).toEqual([]);
  });
});
