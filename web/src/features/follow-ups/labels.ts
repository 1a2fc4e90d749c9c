import type { ApplicationView, FollowUpView } from '@server/follow-ups/follow-up.schemas';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

export const followUpStatusType: Record<FollowUpView['status'], TagType> = {
  待跟踪: 'warning',
  逾期: 'danger',
  已跟踪: 'success',
  免于跟踪: 'info',
};

export const outcomeType: Record<NonNullable<FollowUpView['outcome']>, TagType> = {
  未发现问题: 'success',
  发现问题: 'warning',
  发现无证经营: 'danger',
};

export const processingStateType: Record<ApplicationView['state'], TagType> = {
  正常: 'success',
  超承诺时限: 'warning',
  超法定时限: 'danger',
};

/** “还剩 12 天” / “今天到期” / “逾期 3 天”. */
export function daysLeftText(days: number | null): string {
  if (days === null) return '';
  if (days > 0) return `还剩 ${days} 天`;
  return days === 0 ? '今天到期' : `逾期 ${-days} 天`;
}
