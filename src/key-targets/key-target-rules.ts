import type { CreditRecordKind, CreditSeverity, CreditSource } from '../credit-records/credit-record.table';
import type { KeyTargetReason } from './key-target.table';

/**
 * Which credit records make a subject a key target (重点抽查对象), and for how long: the one home of these rules, pure.
 * 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条 lists who is drawn with priority:
 * (一) 违反告知承诺内容、提供虚假材料 → 违反告知承诺; (二) 被查实存在违法违规行为 → 检查发现违法 (行政处罚, or an
 * inspection finding of severity 一般 or worse: a 轻微 finding corrected on the spot is not a violation found);
 * (三) 不按要求接受年度经营情况检查 → 年报未报; (四) 根据“双跟踪”结果认为需要纳入重点监管 → 跟踪检查结果.
 */
export interface RecordFacts {
  kind: CreditRecordKind;
  severity: CreditSeverity;
  source: CreditSource;
}

const severityRank: Record<CreditSeverity, number> = { 轻微: 0, 一般: 1, 较重: 2, 严重: 3 };

export function reasonKindOf(r: RecordFacts): KeyTargetReason | null {
  if (r.kind === '违反告知承诺') return '违反告知承诺';
  if (r.kind === '年报未报') return '年报未报';
  if (r.kind === '表彰奖励') return null;
  if (r.source === '双跟踪') return '跟踪检查结果';
  if ((r.kind === '行政处罚' || r.kind === '检查发现问题') && severityRank[r.severity] >= severityRank['一般'])
    return '检查发现违法';
  return null;
}

/**
 * How long a listing lasts, in whole years after the finding (null: while the record counts).
 * - 违反告知承诺: 2 years — the commitment system's own look-back: a subject that broke a commitment may not use
 *   告知承诺 again for a period, and is checked with priority as long (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条（一）).
 * - 检查发现违法, 跟踪检查结果: 1 year — one annual sampling cycle (《黄浦区精准高效协同监管实施办法（试行）》第六条: routine
 *   visits are counted per year), so the next year's plan draws the subject with certainty once.
 * - 年报未报: until the record stops counting (the report is filed and the record is removed: 第二十二条（三）).
 */
export const listingYears: Record<Exclude<KeyTargetReason, '信用评价D类' | '联合惩戒' | '人工列入'>, number | null> = {
  违反告知承诺: 2,
  检查发现违法: 1,
  跟踪检查结果: 1,
  年报未报: null,
};

/** 'YYYY-MM-DD' plus whole years (29 February falls back to 28 February). */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/**
 * The last day a listing derived from a record is in force: the rule's years after the finding, never past the
 * day the record itself stops counting (counts_until). Null: in force until lifted.
 */
export function derivedExpiry(
  kind: keyof typeof listingYears,
  occurredOn: string,
  countsUntil: string | null,
): string | null {
  const years = listingYears[kind];
  const byRule = years === null ? null : addYears(occurredOn, years);
  if (byRule === null) return countsUntil;
  if (countsUntil === null) return byRule;
  return countsUntil < byRule ? countsUntil : byRule;
}

/** The state a list shows: 有效, 已到期 or 已解除 (and 未生效 for a listing dated ahead). */
export function keyTargetState(
  k: { lifted_at: Date | null; listed_on: string; expires_on: string | null },
  today: string,
): '有效' | '已到期' | '已解除' | '未生效' {
  if (k.lifted_at !== null) return '已解除';
  if (k.expires_on !== null && k.expires_on < today) return '已到期';
  if (k.listed_on > today) return '未生效';
  return '有效';
}

/** The reason text of a listing derived from a credit record: it names the record. */
export function recordReason(r: { record_no: string; title: string; department_name: string }): string {
  return `信用记录 ${r.record_no}：${r.title}（${r.department_name}）`;
}
