import type { z } from 'zod';
import type {
  CreditListQuery,
  CreditRecordView,
  CreditStoredView,
  creditRecordDetail,
} from '@server/credit-records/credit-record.schemas';
import type { Page } from '@server/shared/paging';
import { http, type Query } from '@/api/http';

export type { CreditRecordView, CreditStoredView };
export type CreditRecordDetail = z.infer<typeof creditRecordDetail>;
export type CreditHistoryView = CreditRecordDetail['history'][number];
export type CreditFilters = Partial<Omit<CreditListQuery, 'page' | 'pageSize'>>;

export const creditRecordApi = {
  list: (query: CreditFilters & { page: number; pageSize: number }) =>
    http.get<Page<CreditRecordView>>('/api/credit/records', query as Query),
  get: (id: number) => http.get<CreditRecordDetail>(`/api/credit/records/${id}`),
  /** Online entry by a department: numbered by the platform unless 业务系统记录编号 is given. */
  enter: (body: Record<string, unknown>) => http.post<CreditStoredView>('/api/credit/records/online', body),
  /** The credit office's correction (changed fields or 撤销), with a reason. */
  correct: (id: number, body: Record<string, unknown>) =>
    http.post<CreditStoredView>(`/api/credit/records/${id}/correction`, body),
};
