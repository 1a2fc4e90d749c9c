import type { Page } from '@server/shared/paging';
import type { DeadlineOverview, PublicResult, ReviewView } from '@server/results/result.schemas';
import { http } from '@/api/http';

export type { DeadlineOverview, PublicResult, ReviewView };

export const publicResultApi = {
  list: (page: number, pageSize: number, keyword?: string) =>
    http.get<Page<PublicResult>>('/api/public/inspection-results', { page, pageSize, keyword }),
};

export const resultApi = {
  deadlines: () => http.get<DeadlineOverview>('/api/results/deadlines'),
  review: (taskNo: string) => http.get<ReviewView>(`/api/results/${taskNo}`),
  approve: (taskNo: string, departmentId?: number) =>
    http.post<ReviewView>(`/api/results/${taskNo}/approve`, { departmentId }),
  returnResults: (taskNo: string, reason: string, departmentId?: number) =>
    http.post<ReviewView>(`/api/results/${taskNo}/return`, { reason, departmentId }),
};
