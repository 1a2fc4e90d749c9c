import type { DecisionStatus, PenaltyCategory } from '../records/record.table';

/**
 * Whether a penalty's publicity may be ended by credit repair (信用修复), and from when. A pure module: the rules of
 * 《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展和改革委员会令第58号）as this platform applies them, and
 * 《金华市婺城区人民政府关于印发加强和规范行政执法事中事后监管的实施意见》（三）2 (信用修复 by the credit office):
 * - a penalty of only 警告 or 通报批评 is not published, so there is nothing to repair;
 * - a penalty for a general breach may be repaired once its minimum publicity period (3 months from the decision)
 *   has passed, and while it is still published;
 * - a penalty for a serious breach (吊销许可证件、责令停产停业、责令关闭、限制开展生产经营活动、限制从业、行政拘留) has a
 *   minimum publicity period of one year and is repaired only by the deciding body's own review: not by this route.
 */

/** Minimum publicity of a general breach's penalty, in calendar months from the decision. */
export const MIN_PUBLICITY_MONTHS = 3;
/** Working days the credit office has to accept (or ask for more) after an application arrives. */
export const ACCEPT_WORKING_DAYS = 2;
/** Working days the credit office has to decide after accepting. */
export const DECISION_WORKING_DAYS = 5;

const UNPUBLISHED_ONLY: readonly PenaltyCategory[] = ['警告', '通报批评'];
const SERIOUS: readonly PenaltyCategory[] = [
  '吊销许可证件',
  '责令停产停业',
  '责令关闭',
  '限制开展生产经营活动',
  '限制从业',
  '行政拘留',
];

export interface RepairFacts {
  categories: readonly PenaltyCategory[];
  decidedOn: string;
  decisionStatus: DecisionStatus;
  /** 公示截止期 of the penalty. */
  publicityUntil: string;
  /** Whether the penalty is on the public 双公示 page now. */
  published: boolean;
  /** An application for it is open (待受理/待补正/已受理), or it was repaired already. */
  openApplication: boolean;
  repaired: boolean;
  today: string;
}

export interface Eligibility {
  eligible: boolean;
  /** The earliest day an application is accepted; null when never by this route. */
  earliestOn: string | null;
  serious: boolean;
  /** Why not (empty when eligible), in Chinese for the applicant. */
  reasons: string[];
}

/** The same day `months` calendar months later, clamped to that month's end (01-31 + 1 → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const isSeriousPenalty = (categories: readonly PenaltyCategory[]) => categories.some((c) => SERIOUS.includes(c));
export const isUnpublishedPenalty = (categories: readonly PenaltyCategory[]) =>
  categories.length > 0 && categories.every((c) => UNPUBLISHED_ONLY.includes(c));

/** The earliest application day of a general breach's penalty (minimum publicity passed). */
export const earliestRepairOn = (decidedOn: string) => addMonths(decidedOn, MIN_PUBLICITY_MONTHS);

export function repairEligibility(f: RepairFacts): Eligibility {
  const serious = isSeriousPenalty(f.categories);
  if (isUnpublishedPenalty(f.categories))
    return {
      eligible: false,
      earliestOn: null,
      serious,
      reasons: ['仅受到警告、通报批评的行政处罚信息不予公示，无需申请信用修复'],
    };
  if (serious)
    return {
      eligible: false,
      earliestOn: null,
      serious,
      reasons: ['该行政处罚涉及严重失信行为，最短公示期为一年，须由作出决定的机关审核，不适用本途径的信用修复'],
    };
  const earliestOn = earliestRepairOn(f.decidedOn);
  const reasons: string[] = [];
  if (f.repaired) reasons.push('该行政处罚信息已完成信用修复，已停止公示');
  else if (f.openApplication) reasons.push('该行政处罚已有正在办理的信用修复申请，请查询办理进度');
  else if (f.decisionStatus === '已撤销') reasons.push('该行政处罚决定已被撤销，公示信息已撤下');
  else if (f.publicityUntil < f.today) reasons.push(`公示期已于 ${f.publicityUntil} 届满，已停止公示，无需修复`);
  else if (!f.published) reasons.push('该行政处罚信息尚未公示，无需修复');
  else if (f.today < earliestOn)
    reasons.push(`最短公示期（自处罚决定之日起 ${MIN_PUBLICITY_MONTHS} 个月）未满，${earliestOn} 起可以申请`);
  return { eligible: reasons.length === 0, earliestOn, serious, reasons };
}
