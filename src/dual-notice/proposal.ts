import type { PushDuty } from './registration-push.table';

/** A catalog item as proposal sees it. */
export interface ProposableItem {
  code: string;
  name: string;
  licensingDepartmentId: number;
  supervisingDepartmentIds: number[];
  enforcementDepartmentIds: number[];
  keywords: string[];
  industryCodes: string[];
  priorApproval: boolean;
  highRisk: boolean;
  restriction: string;
}

export interface ProposedItem {
  item: ProposableItem;
  /** Why: 经营范围含“…” or 行业代码 …. */
  matchedBy: string;
}

/**
 * The approval items a registration needs (《浦东新区“六个双”政府综合监管实施办法（暂行）》第六条、第八条): an item is
 * proposed when the business scope contains one of its keywords, or one of the subject's GB/T 4754 industry codes
 * starts with one of the item's codes (an item listed under division 52 covers class 5223).
 */
export function proposeItems(
  registration: { businessScope: string; industryCodes: readonly string[] },
  items: readonly ProposableItem[],
): ProposedItem[] {
  const scope = registration.businessScope.replace(/\s+/g, '');
  const proposed: ProposedItem[] = [];
  for (const item of items) {
    const keyword = item.keywords.find((k) => k.trim() !== '' && scope.includes(k.trim()));
    if (keyword) {
      proposed.push({ item, matchedBy: `经营范围含“${keyword.trim()}”` });
      continue;
    }
    const industry = registration.industryCodes.find((c) => item.industryCodes.some((p) => p && c.startsWith(p)));
    if (industry) proposed.push({ item, matchedBy: `行业代码 ${industry}` });
  }
  return proposed;
}

export interface PushTarget {
  departmentId: number;
  duty: Exclude<PushDuty, '属地街镇'>;
  itemCodes: string[];
}

/**
 * The departments told of a registration (二告知, 第九条): each licensing, supervising and enforcement department of
 * the items, one push per department and duty with the items it concerns. A 前置审批 item (第四十二条) was decided
 * before registration: its licensing department already knows, so only supervision and enforcement are told.
 */
export function pushTargets(items: readonly ProposableItem[]): PushTarget[] {
  const targets = new Map<string, PushTarget>();
  const add = (departmentId: number, duty: PushTarget['duty'], code: string) => {
    const key = `${departmentId}|${duty}`;
    const t = targets.get(key) ?? { departmentId, duty, itemCodes: [] };
    if (!t.itemCodes.includes(code)) t.itemCodes.push(code);
    targets.set(key, t);
  };
  for (const item of items) {
    if (!item.priorApproval) add(item.licensingDepartmentId, '许可审批', item.code);
    for (const d of item.supervisingDepartmentIds) add(d, '行业主管', item.code);
    for (const d of item.enforcementDepartmentIds) add(d, '综合执法', item.code);
  }
  return [...targets.values()];
}

/** The departments of the joint review (第四十三条): licensing and supervising departments of the high-risk items. */
export function jointReviewDepartments(items: readonly ProposableItem[]): Map<number, string[]> {
  const departments = new Map<number, string[]>();
  for (const item of items.filter((i) => i.highRisk))
    for (const d of [item.licensingDepartmentId, ...item.supervisingDepartmentIds]) {
      const codes = departments.get(d) ?? [];
      if (!codes.includes(item.code)) codes.push(item.code);
      departments.set(d, codes);
    }
  return departments;
}
