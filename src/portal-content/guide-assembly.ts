import { industryCatalog, industryName } from '../industries/industry-catalog';
import type { GuideItem } from './portal-content.table';

/**
 * Which supervision items apply to an industry. The link the data holds is the random-check item (随机抽查事项):
 * it names the check items (检查实施清单) it checks and the object scope it checks them on — GB/T 4754 codes, or tags
 * whose rules name GB/T 4754 codes. A check item applies to an industry when such a scope code is the industry
 * itself or one of its ancestors (the scope covers the whole industry), or one of its descendants (the scope covers
 * part of it). Items without an industry in any scope (e.g. annual-report checks of every enterprise) are not
 * industry-specific and stay out of the guides (docs/public-portal.md).
 */
export interface ApplicabilityRow {
  itemId: number;
  itemCode: string;
  itemName: string;
  departmentName: string;
  legalBasis: string;
  checkItemId: number;
  checkCode: string;
  checkContent: string;
  checkMethod: string;
  checkBasis: string;
  checkSort: number;
  /** The scope's GB/T 4754 codes: the sampling item's own, else its tags' rule industries. */
  industries: string[];
}

/** The code's line in GB/T 4754 from its section down to itself (e.g. 6210 → H, 62, 621, 6210). */
export function industryPath(code: string): string[] {
  if (/^[A-Z]$/.test(code)) return [code];
  const section = industryCatalog().get(code)?.section;
  const digits = [2, 3, 4].filter((n) => n <= code.length).map((n) => code.slice(0, n));
  return section ? [section, ...digits] : digits;
}

/** How a scope code relates to an industry: it covers all of it, part of it, or none. */
export function scopeRelation(scopeCode: string, industryCode: string): 'covers' | 'part' | null {
  if (industryPath(industryCode).includes(scopeCode)) return 'covers';
  if (industryPath(scopeCode).includes(industryCode)) return 'part';
  return null;
}

/** The items (with the applying check items) of an industry's guide; whole-industry items first, then by code. */
export function assembleGuide(rows: readonly ApplicabilityRow[], industryCode: string): GuideItem[] {
  const items = new Map<number, { item: GuideItem; sort: Map<number, number>; covers: boolean }>();
  for (const r of rows) {
    const matches = r.industries
      .map((code) => ({ code, relation: scopeRelation(code, industryCode) }))
      .filter((m) => m.relation);
    if (matches.length === 0) continue;
    let entry = items.get(r.itemId);
    if (!entry) {
      entry = {
        item: {
          code: r.itemCode,
          name: r.itemName,
          departmentName: r.departmentName,
          legalBasis: r.legalBasis,
          scope: [],
          partial: true,
          checks: [],
        },
        sort: new Map(),
        covers: false,
      };
      items.set(r.itemId, entry);
    }
    for (const m of matches) {
      if (m.relation === 'covers') entry.covers = true;
      if (!entry.item.scope.some((s) => s.code === m.code))
        entry.item.scope.push({ code: m.code, name: industryName(m.code) ?? m.code });
    }
    if (!entry.sort.has(r.checkItemId)) {
      entry.sort.set(r.checkItemId, r.checkSort);
      entry.item.checks.push({
        code: r.checkCode,
        content: r.checkContent,
        method: r.checkMethod,
        basis: r.checkBasis,
      });
    }
  }
  return [...items.values()]
    .map(({ item, sort, covers }) => {
      const order = [...sort.values()];
      const checks = item.checks.map((c, i) => ({ c, s: order[i]! })).sort((a, b) => a.s - b.s);
      return { ...item, partial: !covers, checks: checks.map((x) => x.c) };
    })
    .sort((a, b) => Number(a.partial) - Number(b.partial) || a.code.localeCompare(b.code));
}

/** Ids of the supervision items that apply to the industry (the catalog's industry filter). */
export function itemIdsForIndustry(rows: readonly ApplicabilityRow[], industryCode: string): number[] {
  return [
    ...new Set(rows.filter((r) => r.industries.some((c) => scopeRelation(c, industryCode))).map((r) => r.itemId)),
  ];
}

/** The scope industries of one item, for its catalog page (适用行业). */
export function industriesOfItem(rows: readonly ApplicabilityRow[], itemId: number): { code: string; name: string }[] {
  const codes = [...new Set(rows.filter((r) => r.itemId === itemId).flatMap((r) => r.industries))].sort();
  return codes.map((code) => ({ code, name: industryName(code) ?? code }));
}

/**
 * The most specific industry with a guide for each of the subject's codes, walking up from the code to its section
 * (《黄浦区精准高效协同监管实施办法（试行）》第二十六条: 合规指引 through the 检查码). Distinct, in the subject's order.
 */
export function guideIndustriesFor(subjectCodes: readonly string[], guided: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const code of subjectCodes) {
    const hit = [...industryPath(code)].reverse().find((c) => guided.has(c));
    if (hit && !found.includes(hit)) found.push(hit);
  }
  return found;
}
