import type { EvaluationSummary, SummaryQuery } from '@server/evaluations/evaluation.schemas';
import { http, toQueryString } from '@/api/http';

export type { EvaluationSummary, SummaryQuery };

export const evaluationApi = {
  summary: (query: SummaryQuery) => http.get<EvaluationSummary>('/api/evaluations/summary', { ...query }),
  exportUrl: (query: SummaryQuery) => `/api/evaluations/summary.xlsx${toQueryString({ ...query })}`,
};
