import type { z } from 'zod';
import type { Page } from '@server/shared/paging';
import type {
  assessmentInput,
  assessmentListQuery,
  assessmentSummary,
  assessmentView,
  indicatorCatalog,
  issueOutcome,
  resultPage,
  resultQuery,
  runOutcome,
  subjectRiskView,
} from '@server/risk-assessment/risk-assessment.schemas';
import { http } from '@/api/http';

export type AssessmentInput = z.input<typeof assessmentInput>;
export type AssessmentView = z.infer<typeof assessmentView>;
export type AssessmentSummary = z.infer<typeof assessmentSummary>;
export type AssessmentFilters = Partial<Omit<z.infer<typeof assessmentListQuery>, 'page' | 'pageSize'>>;
export type ResultFilters = Partial<Omit<z.infer<typeof resultQuery>, 'page' | 'pageSize'>>;
export type ResultPage = z.infer<typeof resultPage>;
export type SubjectRisk = z.infer<typeof subjectRiskView>;

export const riskApi = {
  list: (q: AssessmentFilters & { page: number; pageSize: number }) =>
    http.get<Page<AssessmentSummary>>('/api/risk-assessments', q),
  indicators: () => http.get<z.infer<typeof indicatorCatalog>>('/api/risk-assessments/indicators'),
  get: (id: number) => http.get<AssessmentView>(`/api/risk-assessments/${id}`),
  create: (body: AssessmentInput) => http.post<AssessmentView>('/api/risk-assessments', body),
  update: (id: number, body: AssessmentInput) => http.put<AssessmentView>(`/api/risk-assessments/${id}`, body),
  start: (id: number) => http.post<AssessmentView>(`/api/risk-assessments/${id}/start`),
  run: (id: number) => http.post<z.infer<typeof runOutcome>>(`/api/risk-assessments/${id}/run`),
  issue: (id: number) => http.post<z.infer<typeof issueOutcome>>(`/api/risk-assessments/${id}/issue`),
  results: (id: number, q: ResultFilters & { page: number; pageSize: number }) =>
    http.get<ResultPage>(`/api/risk-assessments/${id}/results`, q),
  reportUrl: (id: number) => `/api/risk-assessments/${id}/report.pdf`,
  subject: (id: number) => http.get<SubjectRisk>(`/api/risk-assessments/subjects/${id}`),
};

/** Element Plus tag types and chart colours per level (low to high). */
export const levelTag: Record<string, 'success' | 'primary' | 'warning' | 'danger'> = {
  低: 'success',
  一般: 'primary',
  较高: 'warning',
  高: 'danger',
};
export const levelColor: Record<string, string> = { 低: '#67c23a', 一般: '#409eff', 较高: '#e6a23c', 高: '#f56c6c' };
export const statusTag: Record<string, 'info' | 'warning' | 'primary' | 'success'> = {
  草稿: 'info',
  评估中: 'warning',
  已完成: 'primary',
  已发布: 'success',
};
