import { addDays } from '../calendar/calendar-date';

/** Quarters as '2026Q3'; a quarter's evaluation counts the records up to its last day. */
export const periodPattern = /^(\d{4})Q([1-4])$/;

export function quarterOf(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${y}Q${Math.ceil(m / 3)}`;
}

export function quarterEnd(period: string): string {
  const match = periodPattern.exec(period);
  if (!match) throw new Error(`bad period ${period}`);
  const y = Number(match[1]);
  const q = Number(match[2]);
  const firstOfNext = q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return addDays(firstOfNext, -1);
}

/** The last quarter that has ended on `today`. */
export function lastEndedQuarter(today: string): string {
  const current = quarterOf(today);
  const [y, q] = [Number(current.slice(0, 4)), Number(current.slice(5))];
  return q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
}

/** '2026Q3' → '2026年第三季度' */
export function periodLabel(period: string): string {
  const match = periodPattern.exec(period);
  return match ? `${match[1]}年第${'一二三四'[Number(match[2]) - 1]}季度` : period;
}
