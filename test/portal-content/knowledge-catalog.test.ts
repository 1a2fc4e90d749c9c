import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlight, normaliseText, searchTerms, snippet } from '../../src/portal-content/knowledge-text';
import { call, login, type Session, unique } from '../support/http';
import { setChinaTime, type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let scjgStaff: Session;
let yjglAdmin: Session;
const tag = unique().tag;
/** A word no other entry contains, so the searches below see only this file's entries. */
const mark = `甲乙${tag}`;

beforeAll(async () => {
  t = await testApp();
  setChinaTime(t, '2026-11-20T10:00:00');
  [scjgStaff, yjglAdmin] = await Promise.all(['scjg_staff', 'yjgl_admin'].map((u) => login(t.app, u)));
});
afterAll(async () => {
  await t.app.close();
});

describe('knowledge text (pure)', () => {
  it('normalises width, case, spaces and punctuation so document numbers match however they are typed', () => {
    expect(normaliseText('国办发〔2015〕58号')).toBe(normaliseText('国办发[2015] 58 号'));
    expect(normaliseText('ＡＢＣ１２３')).toBe('abc123');
    expect(searchTerms('  食品  安全 食品 ')).toEqual(['食品', '安全']);
    expect(searchTerms('，。')).toEqual([]);
  });

  it('highlights matches in the original text, across punctuation in between', () => {
    expect(highlight('依据国办发〔2015〕58号执行', searchTerms('国办发2015'))).toEqual([
      { text: '依据', hit: false },
      { text: '国办发〔2015', hit: true },
      { text: '〕58号执行', hit: false },
    ]);
    const long = `${'前'.repeat(100)}关键句${'后'.repeat(200)}`;
    const cut = snippet(long, ['关键句']);
    expect(cut[0]).toEqual({ text: '…', hit: false });
    expect(cut.find((s) => s.hit)?.text).toBe('关键句');
    expect(cut.at(-1)).toEqual({ text: '…', hit: false });
  });
});

describe('知识库 search', () => {
  const entry = (overrides: object) => ({
    category: '法律',
    title: `测试法${mark}`,
    issuer: '全国人民代表大会常务委员会',
    docNo: '',
    issuedOn: '2021-04-29',
    effectiveOn: '2021-04-29',
    validity: '现行有效',
    body: `${mark} 正文。`,
    ...overrides,
  });
  let law: number;
  let notice: number;
  let oldCase: number;
  let newCase: number;

  beforeAll(async () => {
    const add = async (body: object) => {
      const res = await call(t.app, scjgStaff, 'POST', '/api/portal/knowledge', entry(body));
      expect(res.statusCode, res.body).toBe(200);
      return res.json().id as number;
    };
    law = await add({
      title: `中华人民共和国食品安全法${mark}`,
      body: `第三十四条 禁止生产经营下列食品：（十）标注虚假生产日期、保质期或者超过保质期的食品。${mark}`,
    });
    notice = await add({
      category: '规范性文件',
      title: `关于推广随机抽查规范事中事后监管的通知${mark}`,
      issuer: '国务院办公厅',
      docNo: '国办发〔2015〕58号',
      issuedOn: '2015-07-29',
      effectiveOn: '2015-07-29',
      body: `大力推广随机抽查，规范监管行为。${mark}`,
    });
    oldCase = await add({
      category: '典型案例',
      title: `某餐馆案${mark}`,
      issuer: '市市场监督管理局',
      issuedOn: '2024-05-01',
      effectiveOn: null,
      body: `该餐馆使用超过保质期的食品原料。${mark}`,
    });
    newCase = await add({
      category: '典型案例',
      title: `某超市案${mark}`,
      issuer: '市市场监督管理局',
      issuedOn: '2026-05-01',
      effectiveOn: null,
      body: `该超市销售超过保质期的食品。${mark}`,
    });
  });

  const search = async (q: string, extra = '') => {
    const res = await call(t.app, null, 'GET', `/api/public/knowledge?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      total: number;
      items: {
        id: number;
        titleSegments: { text: string; hit: boolean }[];
        snippet: { text: string; hit: boolean }[];
        docNoSegments: { hit: boolean }[];
      }[];
    };
  };

  it('finds by title', async () => {
    const r = await search(`食品安全法 ${mark}`);
    expect(r.items.map((i) => i.id)).toEqual([law]);
    expect(r.items[0]!.titleSegments.some((s) => s.hit && s.text.startsWith('食品安全法'))).toBe(true);
    expect(r.items[0]!.titleSegments[0]).toEqual({ text: '中华人民共和国', hit: false });
  });

  it('finds by a phrase of the body and shows it highlighted in the passage', async () => {
    const r = await search(`标注虚假生产日期 ${mark}`);
    expect(r.items.map((i) => i.id)).toEqual([law]);
    expect(r.items[0]!.snippet.find((s) => s.hit)?.text).toBe('标注虚假生产日期');
  });

  it('finds by document number, typed with other brackets', async () => {
    const r = await search('国办发[2015]58号');
    expect(r.items.map((i) => i.id)).toContain(notice);
    expect(r.items.find((i) => i.id === notice)!.docNoSegments.some((s) => s.hit)).toBe(true);
  });

  it('ranks a title match above body matches, and equal matches by the newer date', async () => {
    await call(
      t.app,
      scjgStaff,
      'POST',
      '/api/portal/knowledge',
      entry({
        title: `超过保质期食品专题${mark}`,
        issuedOn: '2010-01-01',
        effectiveOn: '2010-01-01',
        body: `专题。${mark}`,
      }),
    );
    const r = await search(`超过保质期 ${mark}`);
    expect(r.items.map((i) => i.id).slice(1)).toEqual([newCase, oldCase, law]);
    expect(r.items[0]!.titleSegments.some((s) => s.hit && s.text.includes('超过保质期'))).toBe(true);
    const cases = await search(`超过保质期 ${mark}`, `&category=${encodeURIComponent('典型案例')}`);
    expect(cases.items.map((i) => i.id)).toEqual([newCase, oldCase]);
  });

  it('no match gives an empty list', async () => {
    const r = await search(`量子纠缠 ${mark}`);
    expect(r).toEqual({ total: 0, items: [] });
    // Without words: the newest first, filtered by category.
    const all = await call(t.app, null, 'GET', `/api/public/knowledge?category=${encodeURIComponent('规范性文件')}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.map((i: { id: number }) => i.id)).toContain(notice);
  });

  it('entries are maintained by their department; repealed ones need the date; related items must exist', async () => {
    const missing = await call(
      t.app,
      scjgStaff,
      'PUT',
      `/api/portal/knowledge/${oldCase}`,
      entry({ validity: '已废止' }),
    );
    expect(missing.statusCode).toBe(400);
    const noItem = await call(
      t.app,
      scjgStaff,
      'PUT',
      `/api/portal/knowledge/${oldCase}`,
      entry({ relatedItemCodes: ['NO-SUCH-ITEM'] }),
    );
    expect(noItem.statusCode).toBe(400);
    expect(noItem.json().error.message).toContain('NO-SUCH-ITEM');
    const other = await call(t.app, yjglAdmin, 'PUT', `/api/portal/knowledge/${law}`, entry({}));
    expect(other.statusCode).toBe(404);
    const item = await t.deps.db
      .selectFrom('supervision_items')
      .select(['id', 'code'])
      .where('status', '=', '有效')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const ok = await call(
      t.app,
      scjgStaff,
      'PUT',
      `/api/portal/knowledge/${law}`,
      entry({
        title: `中华人民共和国食品安全法${mark}`,
        validity: '已修订',
        relatedItemCodes: [item.code],
      }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const pub = (await call(t.app, null, 'GET', `/api/public/knowledge/${law}`)).json();
    expect(pub.validity).toBe('已修订');
    expect(pub.relatedItems).toEqual([expect.objectContaining({ code: item.code, id: Number(item.id) })]);
  });
});

describe('监管事项目录 on the portal', () => {
  it('lists active items with their check lists and filters; a withdrawn (停用) item is not there', async () => {
    const admin = await login(t.app, 'scjg_admin');
    const dept = Number(
      (
        await t.deps.db
          .selectFrom('departments')
          .select('id')
          .where('name', '=', '市市场监督管理局')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const body = (code: string, status: string) => ({
      code,
      name: `目录测试事项${tag}${status}`,
      departmentId: dept,
      legalBasis: '《中华人民共和国食品安全法》第一百一十条',
      objectType: '食品经营者',
      measures: '现场检查',
      process: '抽取、检查、公示',
      resultHandling: '依法公示',
      level: '县',
      responsibleLeader: '副局长 测试',
      responsibleUnit: '食品经营安全监督管理科',
      responsiblePerson: '不公开的人名',
      status,
      checkItems: [
        { code: '01', content: '经营许可证有效', method: '现场检查', basis: '《中华人民共和国食品安全法》第三十五条' },
      ],
    });
    const active = await call(t.app, admin, 'POST', '/api/items', body(`ML${tag}-1`, '有效'));
    expect(active.statusCode, active.body).toBe(200);
    const stopped = await call(t.app, admin, 'POST', '/api/items', body(`ML${tag}-2`, '停用'));
    expect(stopped.statusCode, stopped.body).toBe(200);

    const list = await call(
      t.app,
      null,
      'GET',
      `/api/public/catalog/items?q=${encodeURIComponent(`目录测试事项${tag}`)}`,
    );
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { code: string }) => i.code)).toEqual([`ML${tag}-1`]);
    expect(list.json().items[0]).toMatchObject({ checkItemCount: 1, level: '县', departmentName: '市市场监督管理局' });
    const byLevel = await call(
      t.app,
      null,
      'GET',
      `/api/public/catalog/items?q=${encodeURIComponent(`目录测试事项${tag}`)}&level=${encodeURIComponent('省')}`,
    );
    expect(byLevel.json().total).toBe(0);
    const byDept = await call(t.app, null, 'GET', `/api/public/catalog/items?q=ML${tag}&departmentId=${dept}`);
    expect(byDept.json().total).toBe(1);

    const detail = await call(t.app, null, 'GET', `/api/public/catalog/items/${active.json().id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().checkItems).toEqual([expect.objectContaining({ code: '01', content: '经营许可证有效' })]);
    expect(JSON.stringify(detail.json())).not.toContain('不公开的人名');
    expect((await call(t.app, null, 'GET', `/api/public/catalog/items/${stopped.json().id}`)).statusCode).toBe(404);

    // The industry filter follows the random-check scopes (items of the demo city's catering checks).
    const catering = await call(t.app, null, 'GET', '/api/public/catalog/items?industry=62&pageSize=200');
    expect(catering.statusCode).toBe(200);
    for (const i of catering.json().items as { industries: { code: string }[] }[])
      expect(i.industries.some((c) => ['H', '62'].includes(c.code) || c.code.startsWith('62'))).toBe(true);
    const filters = (await call(t.app, null, 'GET', '/api/public/catalog/filters')).json();
    expect(filters.departments.some((d: { id: number }) => d.id === dept)).toBe(true);
    expect(filters.levels).toEqual(['国家', '省', '市', '县']);
  });

  it('the portal home and search answer without login', async () => {
    const home = await call(t.app, null, 'GET', '/api/public/portal/home');
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().counts.items).toBeGreaterThan(0);
    const found = await call(t.app, null, 'GET', `/api/public/portal/search?q=${encodeURIComponent(mark)}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().knowledge.length).toBeGreaterThan(0);
    expect((await call(t.app, null, 'GET', '/api/public/portal/search?q=')).statusCode).toBe(400);
  });
});
