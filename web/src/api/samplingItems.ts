import type { SamplingItemView } from '@server/items/sampling-item.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

/** GET /api/sampling-items's query; `published` travels as the text 'true' / 'false'. */
export interface SamplingQuery {
  page: number;
  pageSize: number;
  q?: string;
  departmentId?: number;
  published?: 'true' | 'false';
}

export const listSamplingItems = (query: SamplingQuery) =>
  http.get<Page<SamplingItemView>>('/api/sampling-items', { ...query });
