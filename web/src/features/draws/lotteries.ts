import { addDays, weekday } from '@server/calendar/calendar-date';

/**
 * Public lotteries a round may declare as its random source, with their regular draw days and time
 * (China time), to propose the next draw in the commit form. The commitment states the chosen date
 * and time itself; this list only fills in the form.
 */
export interface Lottery {
  name: string;
  /** Days of the week it draws (0 = Sunday … 6 = Saturday). */
  days: number[];
  /** Draw time, HH:mm China time. */
  time: string;
  /** What one draw gives, for the description. */
  numbers: string;
}

const everyDay = [0, 1, 2, 3, 4, 5, 6];

export const lotteries: Lottery[] = [
  { name: '福彩双色球', days: [0, 2, 4], time: '21:15', numbers: '红球 6 个、蓝球 1 个' },
  { name: '体彩超级大乐透', days: [1, 3, 6], time: '21:25', numbers: '前区 5 个、后区 2 个' },
  { name: '福彩 3D', days: everyDay, time: '21:15', numbers: '3 位数字' },
  { name: '体彩排列 5', days: everyDay, time: '21:25', numbers: '5 位数字' },
  { name: '福彩快乐 8', days: everyDay, time: '21:30', numbers: '20 个号码' },
];

/** The lottery's first draw strictly after `now` (China time), as its date. */
export function nextDrawDate(lottery: Lottery, now: Date): string {
  const chinaNow = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  const [today, clock] = [chinaNow.slice(0, 10), chinaNow.slice(11, 16)];
  for (let n = 0; n < 8; n += 1) {
    const date = addDays(today, n);
    if (lottery.days.includes(weekday(date)) && (n > 0 || clock < lottery.time)) return date;
  }
  return addDays(today, 1);
}

const weekdayNames = ['日', '一', '二', '三', '四', '五', '六'];

/** '每周二、四、日' or '每天', for the form's hint. */
export function drawDaysText(lottery: Lottery): string {
  if (lottery.days.length === 7) return '每天';
  const order = [1, 2, 3, 4, 5, 6, 0];
  return `每周${order
    .filter((d) => lottery.days.includes(d))
    .map((d) => weekdayNames[d])
    .join('、')}`;
}
