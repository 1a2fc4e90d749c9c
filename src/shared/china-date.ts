/** The calendar date in China Standard Time (UTC+8, no daylight saving) of an instant, as 'YYYY-MM-DD'. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The China Standard Time of an instant as 'YYYY-MM-DD HH:mm:ss' (the national exchange formats' time fields). */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
