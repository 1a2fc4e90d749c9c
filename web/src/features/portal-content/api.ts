import type { z } from 'zod';
import type {
  ExposureCaseInput,
  exposureCaseDetail,
  exposureCaseInput,
  ExposureCaseView,
  PenaltyOption,
} from '@server/portal-content/exposure-case.schemas';
import type { GuideLeadRow, GuideTextInput, GuideWorkspace } from '@server/portal-content/guide.schemas';
import type { KnowledgeEntryView, KnowledgeHit, KnowledgeInput } from '@server/portal-content/knowledge.schemas';
import type { NewsInput, NewsView } from '@server/portal-content/news.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export type {
  ExposureCaseView,
  GuideLeadRow,
  GuideWorkspace,
  KnowledgeEntryView,
  KnowledgeHit,
  NewsView,
  PenaltyOption,
};
export type ExposureCaseDetail = z.infer<typeof exposureCaseDetail>;
export type CaseForm = z.input<typeof exposureCaseInput>;
type Paging = { page: number; pageSize: number };

export const portalContentApi = {
  cases: (q: { q?: string; status?: string } & Paging) =>
    http.get<Page<ExposureCaseView>>('/api/portal/exposure-cases', q),
  caseDetail: (id: number) => http.get<ExposureCaseDetail>(`/api/portal/exposure-cases/${id}`),
  penalties: (q?: string) => http.get<PenaltyOption[]>('/api/portal/exposure-cases/penalties', { q }),
  publishCase: (body: ExposureCaseInput) => http.post<ExposureCaseDetail>('/api/portal/exposure-cases', body),
  changeCase: (id: number, body: ExposureCaseInput) =>
    http.put<ExposureCaseDetail>(`/api/portal/exposure-cases/${id}`, body),
  withdrawCase: (id: number, reason: string) =>
    http.post<ExposureCaseDetail>(`/api/portal/exposure-cases/${id}/withdraw`, { reason }),
  news: (q: { q?: string; status?: string } & Paging) => http.get<Page<NewsView>>('/api/portal/news', q),
  publishNews: (body: Partial<NewsInput>) => http.post<NewsView>('/api/portal/news', body),
  changeNews: (id: number, body: Partial<NewsInput>) => http.put<NewsView>(`/api/portal/news/${id}`, body),
  withdrawNews: (id: number, reason: string) => http.post<NewsView>(`/api/portal/news/${id}/withdraw`, { reason }),
  knowledge: (q: { q?: string; category?: string } & Paging) =>
    http.get<Page<KnowledgeHit>>('/api/portal/knowledge', q),
  entry: (id: number) => http.get<KnowledgeEntryView>(`/api/portal/knowledge/${id}`),
  createEntry: (body: Partial<KnowledgeInput>) => http.post<KnowledgeEntryView>('/api/portal/knowledge', body),
  changeEntry: (id: number, body: Partial<KnowledgeInput>) =>
    http.put<KnowledgeEntryView>(`/api/portal/knowledge/${id}`, body),
  guides: () => http.get<GuideLeadRow[]>('/api/portal/guides'),
  guide: (code: string) => http.get<GuideWorkspace>(`/api/portal/guides/${code}`),
  assignLead: (code: string, departmentId: number) =>
    http.put<GuideWorkspace>(`/api/portal/guides/${code}/lead`, { departmentId }),
  saveDraft: (code: string, body: GuideTextInput) => http.put<GuideWorkspace>(`/api/portal/guides/${code}/draft`, body),
  publishGuide: (code: string) => http.post<GuideWorkspace>(`/api/portal/guides/${code}/publish`),
};

export const subjectCategories = ['法人及非法人组织', '个体工商户', '自然人'] as const;
export const knowledgeCategories = ['法律', '行政法规', '地方性法规', '部门规章', '规范性文件', '典型案例'] as const;
export const validities = ['现行有效', '已修订', '已废止', '尚未施行'] as const;
