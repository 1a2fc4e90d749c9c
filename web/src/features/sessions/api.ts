import { http } from '@/api/http';

export type { OnlineSessionView } from '@server/auth/auth.schemas';
import type { OnlineSessionView } from '@server/auth/auth.schemas';

export const sessionApi = {
  list: () => http.get<{ items: OnlineSessionView[] }>('/api/sessions').then((r) => r.items),
  end: (id: string) => http.delete<void>(`/api/sessions/${encodeURIComponent(id)}`),
};

const browsers: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/Version\/(\d+).*Safari/, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A short description of a User-Agent ("Chrome 131 · Windows"); the full text is in the tooltip. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return '未知';
  const browser = browsers.find(([re]) => re.test(userAgent));
  const system = systems.find(([re]) => re.test(userAgent))?.[1];
  const name = browser ? `${browser[1]} ${browser[0].exec(userAgent)![1]}` : '其他浏览器';
  return system ? `${name} · ${system}` : name;
}
