import type { z } from 'zod';
import type { Page } from '@server/shared/paging';
import type { caseInput, caseQuery, caseView, feedbackInput, overdueView } from '@server/credit-measures/case.schemas';
import type { measureDetail, measureInput, measureQuery, measureView } from '@server/credit-measures/measure.schemas';
import { http } from '@/api/http';

export type MeasureView = z.infer<typeof measureView>;
export type MeasureDetail = z.infer<typeof measureDetail>;
export type MeasureInput = z.infer<typeof measureInput>;
export type MeasureFilters = Partial<Omit<z.infer<typeof measureQuery>, 'page' | 'pageSize'>>;
export type CaseView = z.infer<typeof caseView>;
export type CaseInput = z.infer<typeof caseInput>;
/** The list filters as the browser sends them (the switch sends awaitingMine as the text 'true'). */
export type CaseFilters = Partial<Omit<z.infer<typeof caseQuery>, 'page' | 'pageSize' | 'awaitingMine'>> & {
  awaitingMine?: 'true';
};
export type FeedbackInput = z.infer<typeof feedbackInput>;
export type OverdueView = z.infer<typeof overdueView>;

export const measureApi = {
  list: (q: MeasureFilters & { page: number; pageSize: number }) =>
    http.get<Page<MeasureView>>('/api/credit-measures/measures', q),
  detail: (id: number) => http.get<MeasureDetail>(`/api/credit-measures/measures/${id}`),
  create: (input: MeasureInput) => http.post<MeasureView>('/api/credit-measures/measures', input),
  update: (id: number, input: MeasureInput) => http.put<MeasureView>(`/api/credit-measures/measures/${id}`, input),
  publish: (id: number) => http.post<MeasureView>(`/api/credit-measures/measures/${id}/publish`),
  withdraw: (id: number, reason: string) =>
    http.post<MeasureView>(`/api/credit-measures/measures/${id}/withdraw`, { reason }),
  cases: (q: CaseFilters & { page: number; pageSize: number }) =>
    http.get<Page<CaseView>>('/api/credit-measures/cases', q),
  caseDetail: (id: number) => http.get<CaseView>(`/api/credit-measures/cases/${id}`),
  initiate: (input: CaseInput) => http.post<{ ids: number[]; caseNos: string[] }>('/api/credit-measures/cases', input),
  end: (id: number, reason: string) => http.post<void>(`/api/credit-measures/cases/${id}/end`, { reason }),
  feedback: (id: number, input: FeedbackInput) => http.post<void>(`/api/credit-measures/cases/${id}/feedback`, input),
  overdue: () => http.get<OverdueView>('/api/credit-measures/overdue'),
  ofSubject: (subjectId: number) => http.get<CaseView[]>(`/api/credit-measures/subjects/${subjectId}`),
};

export const stateType = (s: CaseView['state']) => (s === '实施中' ? 'danger' : 'info');
export const kindType = (k: MeasureView['kind']) => (k === '激励' ? 'success' : 'danger');
