/** Calendar dates (YYYY-MM-DD, no time zone) as an inspector reads them on the agenda. */

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** 12月9日 周三 */
export function dayText(date: string): string {
  const d = utc(date);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${weekdays[d.getUTCDay()]}`;
}

/** 今天 / 明天 / 昨天, else the day as dayText gives it. */
export function dayNear(date: string, today: string): string {
  const days = Math.round((utc(date).getTime() - utc(today).getTime()) / 86_400_000);
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === -1) return '昨天';
  return dayText(date);
}
