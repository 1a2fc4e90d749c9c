/** The calendar date in China Standard Time (UTC+8, no daylight saving) of an instant, as 'YYYY-MM-DD'. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
