import type { Page } from '@server/shared/paging';
import type {
  CaseDetail,
  CaseSummary,
  OverdueView,
  PendingReview,
  PoolEntry,
  PushView,
} from '@server/dual-notice/dual-notice.schemas';
import type {
  CatalogItemInput,
  CatalogVersionDetail,
  CatalogVersionView,
  PublicCatalog,
} from '@server/dual-notice/catalog.schemas';
import { http } from '@/api/http';

export type {
  CaseDetail,
  CaseSummary,
  CatalogItemInput,
  CatalogVersionDetail,
  CatalogVersionView,
  OverdueView,
  PendingReview,
  PoolEntry,
  PublicCatalog,
  PushView,
};

export const dualNoticeApi = {
  pushes: (q: { page: number; pageSize: number; status?: string; keyword?: string }) =>
    http.get<Page<PushView> & { today: string }>('/api/dual-notice/pushes', q),
  acknowledge: (id: number) => http.post<{ state: PushView['state'] }>(`/api/dual-notice/pushes/${id}/acknowledge`),
  pool: (q: { page: number; pageSize: number; keyword?: string; from?: string; to?: string }) =>
    http.get<Page<PoolEntry>>('/api/dual-notice/pool', q),
  claim: (id: number, duty: string, note: string) =>
    http.post<{ pushId: number }>(`/api/dual-notice/pool/${id}/claim`, { duty, note }),
  overdue: (departmentId?: number) => http.get<OverdueView>('/api/dual-notice/overdue', { departmentId }),
  pendingReviews: () => http.get<PendingReview[]>('/api/dual-notice/joint-reviews'),
  cases: (q: { page: number; pageSize: number; status?: string; keyword?: string }) =>
    http.get<Page<CaseSummary>>('/api/dual-notice/cases', q),
  case: (id: number) => http.get<CaseDetail>(`/api/dual-notice/cases/${id}`),
  addItem: (id: number, code: string, reason: string) =>
    http.post<CaseDetail>(`/api/dual-notice/cases/${id}/items`, { code, reason }),
  removeItem: (id: number, code: string, reason: string) =>
    http.post<CaseDetail>(`/api/dual-notice/cases/${id}/items/${encodeURIComponent(code)}/remove`, { reason }),
  issueNotice: (id: number) => http.post<CaseDetail>(`/api/dual-notice/cases/${id}/notice`),
  commitESignature: (id: number, f: { signerName: string; signerRole: string; signedOn: string }) =>
    http.post<CaseDetail>(`/api/dual-notice/cases/${id}/commitment`, { ...f, eSignature: true }),
  commitScan: (id: number, f: { signerName: string; signerRole: string; signedOn: string }, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.upload<CaseDetail>(`/api/dual-notice/cases/${id}/commitment-scan`, form, f);
  },
  jointReview: (id: number, opinion: string, note: string) =>
    http.post<CaseDetail>(`/api/dual-notice/cases/${id}/joint-review`, { opinion, note }),
  noticePdfUrl: (id: number) => `/api/dual-notice/cases/${id}/notice.pdf`,
  templatePdfUrl: (id: number) => `/api/dual-notice/cases/${id}/commitment-template.pdf`,
  scanUrl: (id: number) => `/api/dual-notice/cases/${id}/commitment-scan`,
  versions: () => http.get<CatalogVersionView[]>('/api/dual-notice/catalog/versions'),
  version: (id: number) => http.get<CatalogVersionDetail>(`/api/dual-notice/catalog/versions/${id}`),
  createDraft: (note: string) => http.post<CatalogVersionDetail>('/api/dual-notice/catalog/versions', { note }),
  saveItem: (id: number, item: CatalogItemInput) =>
    http.put<CatalogVersionDetail>(`/api/dual-notice/catalog/versions/${id}/items`, item),
  removeCatalogItem: (id: number, code: string) =>
    http.delete<CatalogVersionDetail>(`/api/dual-notice/catalog/versions/${id}/items/${encodeURIComponent(code)}`),
  publish: (id: number) => http.post<CatalogVersionDetail>(`/api/dual-notice/catalog/versions/${id}/publish`),
};

export const publicCatalogApi = {
  get: (keyword?: string) => http.get<PublicCatalog>('/api/public/dual-notice-catalog', { keyword }),
};
