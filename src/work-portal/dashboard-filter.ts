/** What every dashboard query is restricted to, resolved from the request and the actor's scope. */
export interface DashboardFilter {
  /** First and last day of the period (China dates). */
  from: string;
  to: string;
  /** The department asked for, or the actor's own one under department scope; null: every department. */
  departmentId: number | null;
  /** The department's name (its key in subjects' industry risk), when one is set. */
  departmentName: string | null;
  /** A division code prefix (2–6 digits) of the subjects; null: all. */
  divisionCode: string | null;
  today: string;
}

/** Months (YYYY-MM) from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** The last day of a month (YYYY-MM). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}
