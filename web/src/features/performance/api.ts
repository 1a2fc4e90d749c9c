import type { z } from 'zod';
import type {
  answerInput,
  catalogView,
  departmentDetail,
  draftOutcome,
  escalateInput,
  evaluationItem,
  evaluationList,
  issueInput,
  issueOutcome,
  noticeList,
  rankingView,
  versionInput,
  versionList,
} from '@server/performance/performance.schemas';
import { http } from '@/api/http';

export type CatalogView = z.infer<typeof catalogView>;
export type VersionList = z.infer<typeof versionList>;
export type VersionView = VersionList['items'][number];
export type VersionInput = z.input<typeof versionInput>;
export type IndicatorDef = VersionView['definition']['indicators'][number];
export type EvaluationItem = z.infer<typeof evaluationItem>;
export type EvaluationList = z.infer<typeof evaluationList>;
export type RankingView = z.infer<typeof rankingView>;
export type RankingRow = RankingView['rows'][number];
export type DepartmentDetail = z.infer<typeof departmentDetail>;
export type NoticeView = z.infer<typeof noticeList>['items'][number];
export type IssueInput = z.input<typeof issueInput>;
export type IssueOutcome = z.infer<typeof issueOutcome>;

export const performanceApi = {
  catalog: () => http.get<CatalogView>('/api/performance/catalog'),
  versions: () => http.get<VersionList>('/api/performance/versions'),
  draft: () => http.post<z.infer<typeof draftOutcome>>('/api/performance/versions'),
  saveDraft: (id: number, input: VersionInput) => http.put<void>(`/api/performance/versions/${id}`, input),
  publish: (id: number) => http.post<void>(`/api/performance/versions/${id}/publish`),
  evaluations: () => http.get<EvaluationList>('/api/performance/evaluations'),
  ranking: (evaluationId?: number) =>
    http.get<RankingView>('/api/performance/ranking', evaluationId ? { evaluationId } : {}),
  runAnnual: (year: number) => http.post<{ id: number }>('/api/performance/annual', { year }),
  finish: (id: number) => http.post<void>(`/api/performance/evaluations/${id}/finish`),
  department: (id: number, departmentId: number) =>
    http.get<DepartmentDetail>(`/api/performance/evaluations/${id}/departments/${departmentId}`),
  reportUrl: (id: number) => `/api/performance/evaluations/${id}/report.pdf`,
  notices: (evaluationId?: number) =>
    http.get<z.infer<typeof noticeList>>('/api/performance/notices', evaluationId ? { evaluationId } : {}),
  issue: (input: IssueInput) => http.post<IssueOutcome>('/api/performance/notices', input),
  answer: (id: number, input: z.infer<typeof answerInput>) =>
    http.post<void>(`/api/performance/notices/${id}/answer`, input),
  escalate: (id: number, input: z.infer<typeof escalateInput>) =>
    http.post<void>(`/api/performance/notices/${id}/escalate`, input),
};

/** 12.5 → "12.5", 12 → "12" (scores keep two decimals at most). */
export const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
export const percent = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
export const noticeStatusType = (s: NoticeView['status']) =>
  s === '已整改' ? 'success' : s === '已通报' ? 'danger' : 'warning';
