import type { z } from 'zod';
import type { Page } from '@server/shared/paging';
import type {
  modeView,
  overdueView,
  publicationDetail,
  publicationQuery,
  publicationSummary,
} from '@server/publicity/publication.schemas';
import { http, toQueryString } from '@/api/http';

export type PublicationSummary = z.infer<typeof publicationSummary>;
export type PublicationDetail = z.infer<typeof publicationDetail>;
export type OverdueView = z.infer<typeof overdueView>;
export type PublicationFilters = Partial<Omit<z.infer<typeof publicationQuery>, 'page' | 'pageSize'>>;

export const publicityApi = {
  list: (q: PublicationFilters & { page: number; pageSize: number }) =>
    http.get<Page<PublicationSummary>>('/api/publicity/publications', q),
  detail: (id: number) => http.get<PublicationDetail>(`/api/publicity/publications/${id}`),
  publish: (id: number) => http.post<void>(`/api/publicity/publications/${id}/publish`),
  overdue: () => http.get<OverdueView>('/api/publicity/overdue'),
  mode: () => http.get<z.infer<typeof modeView>>('/api/publicity/mode'),
  setMode: (autoPublish: boolean) => http.put<void>('/api/publicity/mode', { autoPublish }),
  exportUrl: (q: { kind: string; format: 'csv' | 'xlsx'; from?: string; to?: string; departmentId?: number }) =>
    `/api/publicity/export${toQueryString(q)}`,
};
