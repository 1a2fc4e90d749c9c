import { industryCatalog } from '../industries/industry-catalog';
import type { AppDeps } from '../shared/context';
import { catalogItems } from './catalog.service';
import { publicCases } from './exposure-case.service';
import { publicGuides } from './guide.service';
import { searchKnowledge } from './knowledge.service';
import { publicNewsList } from './news.service';
import { normaliseText } from './knowledge-text';

const FIRST = 5;

/** The portal's home: the latest news and exposure cases, and how much there is of each kind. */
export async function portalHome(deps: AppDeps) {
  const first = { page: 1, pageSize: FIRST };
  const [news, cases, items, guides, knowledge] = await Promise.all([
    publicNewsList(deps, first),
    publicCases(deps, first),
    catalogItems(deps, { page: 1, pageSize: 1 }),
    publicGuides(deps),
    searchKnowledge(deps, { page: 1, pageSize: 1 }),
  ]);
  return {
    news: news.items.map((n) => ({
      id: n.id,
      title: n.title,
      publishedOn: n.publishedOn,
      departmentName: n.departmentName,
    })),
    exposureCases: cases.items.map((c) => ({
      id: c.id,
      title: c.title,
      decidedOn: c.decidedOn,
      departmentName: c.departmentName,
    })),
    counts: { items: items.total, guides: guides.length, knowledge: knowledge.total, exposureCases: cases.total },
  };
}

/** One search box over the portal: items, knowledge base, guides, news and exposure cases, the first hits of each. */
export async function portalSearch(deps: AppDeps, q: string) {
  const first = { page: 1, pageSize: FIRST, q };
  const [items, knowledge, guides, news, cases] = await Promise.all([
    catalogItems(deps, first),
    searchKnowledge(deps, first),
    publicGuides(deps),
    publicNewsList(deps, first),
    publicCases(deps, first),
  ]);
  const wanted = normaliseText(q);
  const matchesGuide = (code: string, name: string) =>
    normaliseText(name).includes(wanted) ||
    code === q.trim() ||
    // A guide of a division also answers a search for one of its classes' names (e.g. 火锅 → 餐饮业).
    [...industryCatalog().values()].some((i) => i.code.startsWith(code) && normaliseText(i.name).includes(wanted));
  return {
    items: items.items.map((i) => ({ id: i.id, code: i.code, name: i.name, departmentName: i.departmentName })),
    knowledge: knowledge.items.map((k) => ({ id: k.id, title: k.title, category: k.category, docNo: k.docNo })),
    guides: guides
      .filter((g) => wanted && matchesGuide(g.industryCode, g.industryName))
      .map((g) => ({ industryCode: g.industryCode, industryName: g.industryName })),
    news: news.items.map((n) => ({
      id: n.id,
      title: n.title,
      publishedOn: n.publishedOn,
      departmentName: n.departmentName,
    })),
    exposureCases: cases.items.map((c) => ({ id: c.id, title: c.title, decidedOn: c.decidedOn })),
  };
}
