import type { CertificateFilter, CertificateState, InspectorStatus } from '@server/inspectors/inspector.schemas';
import type { PageQuery } from '@server/shared/paging';
import type { InspectorQuery } from './api';

type TagType = 'success' | 'primary' | 'warning' | 'danger' | 'info';

/** Expired certificates are red, expiring ones amber. */
export const certificateTypes: Record<CertificateState, TagType> = {
  有效: 'success',
  即将到期: 'warning',
  已过期: 'danger',
};
export const statusTypes: Record<InspectorStatus, TagType> = { 在岗: 'success', 停用: 'info' };
export const certificateOptions: { value: CertificateFilter; label: CertificateState }[] = [
  { value: 'valid', label: '有效' },
  { value: 'expiring', label: '即将到期' },
  { value: 'expired', label: '已过期' },
];

/** A summary card: a certificate state, or the 停用 inspectors. */
export type SummaryKey = CertificateFilter | 'disabled';

/** The search form: the query without paging, with the keyword as a plain string. */
export type InspectorFilters = Omit<InspectorQuery, keyof PageQuery | 'q'> & { q: string };
export const blankFilters = (): InspectorFilters => ({ q: '' });
export const toInspectorQuery = (query: InspectorFilters & PageQuery): InspectorQuery => ({
  ...query,
  q: query.q.trim() || undefined,
});

/** "还剩 12 天" / "已过期 3 天" / "今日到期". */
export function daysLeftText(days: number): string {
  if (days === 0) return '今日到期';
  return days > 0 ? `剩 ${days} 天` : `已过期 ${-days} 天`;
}
