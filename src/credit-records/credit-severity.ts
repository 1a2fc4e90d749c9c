import type { PenaltyCategory } from '../records/record.table';
import type { CreditSeverity } from './credit-record.table';

/**
 * How serious a finding is, for the credit record it becomes (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十八条:
 * the credit records of market subjects; the evaluation weighs them by severity). Pure rules, one home.
 */

/** A fine (罚款金额, 万元) from this amount up is a 较重 penalty. */
export const LARGE_FINE_WAN = 10;

const rank: Record<CreditSeverity, number> = { 轻微: 0, 一般: 1, 较重: 2, 严重: 3 };

export const worstSeverity = (list: readonly CreditSeverity[]): CreditSeverity =>
  list.reduce<CreditSeverity>((worst, s) => (rank[s] > rank[worst] ? s : worst), '轻微');

/** The categories that end or bar the subject's business: 严重. */
const serious: readonly PenaltyCategory[] = ['吊销许可证件', '责令关闭', '限制从业', '限制开展生产经营活动'];
/** Suspension, lowered qualification, detention: 较重. */
const heavy: readonly PenaltyCategory[] = ['责令停产停业', '暂扣许可证件', '降低资质等级', '行政拘留'];
/** A warning or a public criticism alone: 轻微. */
const slight: readonly PenaltyCategory[] = ['警告', '通报批评'];

/**
 * The severity of a penalty decision (处罚类别 of 《中华人民共和国行政处罚法》第九条 and the fine): the worst of its
 * categories; a fine or confiscation is 一般, from {@link LARGE_FINE_WAN} 万元 (fine plus confiscation) 较重.
 */
export function penaltySeverity(
  categories: readonly PenaltyCategory[],
  fineWan: string | null,
  confiscatedWan: string | null,
): CreditSeverity {
  const amount = Number(fineWan ?? 0) + Number(confiscatedWan ?? 0);
  const each = categories.map((c): CreditSeverity => {
    if (serious.includes(c)) return '严重';
    if (heavy.includes(c)) return '较重';
    if (slight.includes(c)) return '轻微';
    if (c === '罚款' || c === '没收违法所得' || c === '没收非法财物') return amount >= LARGE_FINE_WAN ? '较重' : '一般';
    return '一般';
  });
  return each.length ? worstSeverity(each) : '一般';
}

/** A licence withdrawn (已撤销) is 较重; revoked as a sanction (已吊销) 严重. */
export const licenceSeverity = (status: '已撤销' | '已吊销'): CreditSeverity => (status === '已吊销' ? '严重' : '较重');

/** Inspection findings: one 不符合 is 一般, three or more 较重. */
export const findingSeverity = (problems: number): CreditSeverity => (problems >= 3 ? '较重' : '一般');

/** A 双跟踪 finding: operating without a licence is 较重 (第四十三条第二款), other problems as inspection findings. */
export const followUpSeverity = (unlicensed: boolean, problems: number): CreditSeverity =>
  unlicensed ? '较重' : findingSeverity(problems);
