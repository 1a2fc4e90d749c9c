import type { z } from 'zod';
import type { Page } from '@server/shared/paging';
import type {
  chartsView,
  modelBody,
  modelView,
  resultItem,
  resultQuery,
  runView,
  verificationView,
} from '@server/credit-evaluation/credit-evaluation.schemas';
import { http, toQueryString } from '@/api/http';

export type CreditRun = z.infer<typeof runView>;
export type CreditModel = z.infer<typeof modelView>;
export type CreditResult = z.infer<typeof resultItem>;
export type CreditCharts = z.infer<typeof chartsView>;
export type Verification = z.infer<typeof verificationView>;
export type ResultFilters = Partial<Omit<z.infer<typeof resultQuery>, 'page' | 'pageSize'>>;

export const creditApi = {
  runs: () => http.get<CreditRun[]>('/api/credit/runs'),
  run: (id: number) => http.get<CreditRun>(`/api/credit/runs/${id}`),
  start: (period: string) => http.post<CreditRun>('/api/credit/runs', { period }),
  results: (id: number, q: ResultFilters & { page: number; pageSize: number }) =>
    http.get<Page<CreditResult>>(`/api/credit/runs/${id}/results`, q),
  charts: (id: number) => http.get<CreditCharts>(`/api/credit/runs/${id}/charts`),
  verify: (id: number) => http.post<Verification>(`/api/credit/runs/${id}/verify`),
  push: (id: number) => http.post<CreditRun>(`/api/credit/runs/${id}/push`),
  exportUrl: (id: number, format: 'csv' | 'xlsx') => `/api/credit/runs/${id}/export${toQueryString({ format })}`,
  models: () => http.get<CreditModel[]>('/api/credit/models'),
  draft: () => http.post<CreditModel>('/api/credit/models'),
  save: (id: number, body: z.input<typeof modelBody>) => http.put<CreditModel>(`/api/credit/models/${id}`, body),
  publish: (id: number) => http.post<CreditModel>(`/api/credit/models/${id}/publish`),
};

export {
  creditClassColor as classColor,
  creditClassTagType as classTagType,
  creditClassText as classText,
} from '@/components/credit/credit-class';
