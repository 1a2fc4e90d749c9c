import type { SamplingItemInput, SamplingItemView } from '@server/items/sampling-item.schemas';
import type {
  CheckItemOption,
  ItemVersionSummary,
  ItemVersionView,
  SupervisionItemInput,
  SupervisionItemSummary,
  SupervisionItemView,
} from '@server/items/supervision-item.schemas';
import type { ItemLevel, ItemSource, ItemStatus } from '@server/items/supervision-item.table';
import type { ClassRatios } from '@server/items/sampling-item.table';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

/** GET /api/items's query as the browser sends it; empty filters are left out. */
export interface ItemQuery {
  page: number;
  pageSize: number;
  q?: string;
  departmentId?: number;
  level?: ItemLevel;
  source?: ItemSource;
  status?: ItemStatus;
}

/** One earlier version of an item: who changed it, when, and the item as it then stood. */
export type { ItemVersionView };

export const itemApi = {
  list: (query: ItemQuery) => http.get<Page<SupervisionItemSummary>>('/api/items', { ...query }),
  get: (id: number) => http.get<SupervisionItemView>(`/api/items/${id}`),
  versions: (id: number) => http.get<ItemVersionSummary[]>(`/api/items/${id}/versions`),
  version: (id: number, version: number) => http.get<ItemVersionView>(`/api/items/${id}/versions/${version}`),
  create: (input: SupervisionItemInput) => http.post<SupervisionItemView>('/api/items', input),
  update: (id: number, input: SupervisionItemInput) => http.put<SupervisionItemView>(`/api/items/${id}`, input),
  /** Current check items of active supervision items, for linking to a sampling item. */
  checkItems: (departmentId: number) => http.get<CheckItemOption[]>('/api/check-items', { departmentId }),
};

export const samplingApi = {
  create: (input: SamplingItemInput) => http.post<SamplingItemView>('/api/sampling-items', input),
  update: (id: number, input: SamplingItemInput) => http.put<SamplingItemView>(`/api/sampling-items/${id}`, input),
  /** The platform's default ratios per credit class (percent), used when an item sets none. */
  defaults: () => http.get<ClassRatios>('/api/settings/sampling-defaults'),
  publish: (id: number) => http.post<SamplingItemView>(`/api/sampling-items/${id}/publish`, {}),
  unpublish: (id: number) => http.post<SamplingItemView>(`/api/sampling-items/${id}/unpublish`, {}),
};
