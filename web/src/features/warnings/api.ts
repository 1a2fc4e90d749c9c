import type { z } from 'zod';
import type {
  disposeInput,
  feedbackInput,
  overdueView,
  ruleInput,
  ruleList,
  runOutcome,
  warningDetail,
  warningItem,
  warningPage,
  warningQuery,
} from '@server/warnings/warning.schemas';
import { http } from '@/api/http';

export type WarningItem = z.infer<typeof warningItem>;
export type WarningPage = z.infer<typeof warningPage>;
export type WarningDetail = z.infer<typeof warningDetail>;
export type WarningFilters = Partial<Omit<z.infer<typeof warningQuery>, 'page' | 'pageSize' | 'overdue'>> & {
  overdue?: 'true';
};
export type DisposeInput = z.input<typeof disposeInput>;
export type FeedbackInput = z.infer<typeof feedbackInput>;
export type RuleList = z.infer<typeof ruleList>;
export type RuleView = RuleList['rules'][number];
export type RuleInput = z.infer<typeof ruleInput>;
export type OverdueView = z.infer<typeof overdueView>;

export const warningApi = {
  list: (q: WarningFilters & { page: number; pageSize: number }) => http.get<WarningPage>('/api/warnings', q),
  detail: (id: number) => http.get<WarningDetail>(`/api/warnings/${id}`),
  overdue: () => http.get<OverdueView>('/api/warnings/overdue'),
  check: (id: number, note: string) => http.post<void>(`/api/warnings/${id}/check`, { note }),
  dispose: (id: number, input: DisposeInput) => http.post<void>(`/api/warnings/${id}/dispose`, input),
  feedback: (id: number, input: FeedbackInput) => http.post<void>(`/api/warnings/${id}/feedback`, input),
  falsePositive: (id: number, reason: string) => http.post<void>(`/api/warnings/${id}/false-positive`, { reason }),
  rules: () => http.get<RuleList>('/api/warnings/rules'),
  changeRule: (code: string, input: RuleInput) => http.put<void>(`/api/warnings/rules/${code}`, input),
  run: (code: string) => http.post<z.infer<typeof runOutcome>>(`/api/warnings/rules/${code}/run`),
};

export const levelColor: Record<WarningItem['level'], string> = {
  红: '#d03050',
  橙: '#f08a24',
  黄: '#e6b800',
  蓝: '#2f7fd8',
};
export const statusType = (s: WarningItem['status']) =>
  s === '已关闭' ? 'success' : s === '误报' ? 'info' : s === '处置中' ? 'primary' : 'warning';
export const levels = ['红', '橙', '黄', '蓝'] as const;
export const statuses = ['待核查', '已核查', '处置中', '已关闭', '误报'] as const;
