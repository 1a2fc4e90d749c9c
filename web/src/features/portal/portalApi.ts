import type { z } from 'zod';
import type {
  catalogFilters,
  CatalogItemSummary,
  CatalogItemView,
  catalogQuery,
  portalHome,
  PortalSearchResult,
} from '@server/portal-content/catalog.schemas';
import type { PublicExposureCase } from '@server/portal-content/exposure-case.schemas';
import type { PublicGuide, PublicGuideSummary } from '@server/portal-content/guide.schemas';
import type { KnowledgeEntryView, KnowledgeHit, knowledgeQuery } from '@server/portal-content/knowledge.schemas';
import type { PublicNews } from '@server/portal-content/news.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

/** The public portal's content API (src/portal-content): no login. */
export type { CatalogItemSummary, CatalogItemView, KnowledgeHit, PublicExposureCase, PublicGuide, PublicNews };
export type CatalogFilters = z.infer<typeof catalogFilters>;
export type PortalHome = z.infer<typeof portalHome>;

type CatalogQuery = Partial<Omit<z.output<typeof catalogQuery>, 'page' | 'pageSize'>>;
type KnowledgeQuery = Partial<Omit<z.output<typeof knowledgeQuery>, 'page' | 'pageSize'>>;
type Paging = { page: number; pageSize: number };

export const portalApi = {
  home: () => http.get<PortalHome>('/api/public/portal/home'),
  search: (q: string) => http.get<PortalSearchResult>('/api/public/portal/search', { q }),
  catalog: (q: CatalogQuery & Paging) => http.get<Page<CatalogItemSummary>>('/api/public/catalog/items', q),
  catalogFilters: () => http.get<CatalogFilters>('/api/public/catalog/filters'),
  catalogItem: (id: string) => http.get<CatalogItemView>(`/api/public/catalog/items/${id}`),
  cases: (q: { q?: string } & Paging) => http.get<Page<PublicExposureCase>>('/api/public/exposure-cases', q),
  caseItem: (id: string) => http.get<PublicExposureCase>(`/api/public/exposure-cases/${id}`),
  news: (q: { q?: string } & Paging) => http.get<Page<PublicNews>>('/api/public/news', q),
  newsItem: (id: string) => http.get<PublicNews>(`/api/public/news/${id}`),
  knowledge: (q: KnowledgeQuery & Paging) => http.get<Page<KnowledgeHit>>('/api/public/knowledge', q),
  knowledgeEntry: (id: string) => http.get<KnowledgeEntryView>(`/api/public/knowledge/${id}`),
  guides: () => http.get<PublicGuideSummary[]>('/api/public/guides'),
  guide: (code: string, version?: number) => http.get<PublicGuide>(`/api/public/guides/${code}`, { version }),
  guidePdfUrl: (code: string, version: number) => `/api/public/guides/${code}/pdf?version=${version}`,
};
