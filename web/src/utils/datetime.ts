const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | Date): Record<string, string> {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Object.fromEntries(shanghai.formatToParts(date).map((part) => [part.type, part.value]));
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, whatever the browser's time zone; '—' for empty values. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `yyyy-MM-dd` in Beijing time. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's date in Beijing time as `yyyy-MM-dd`. */
export const todayInShanghai = (): string => formatDate(new Date());
