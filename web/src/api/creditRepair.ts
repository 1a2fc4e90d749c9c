import type { z } from 'zod';
import type {
  applicationDetail,
  applicationPage,
  documentSetView,
  eligibilityAnswer,
  portalLookupAnswer,
  portalProgressAnswer,
} from '@server/credit-repair/credit-repair.schemas';
import { http } from '@/api/http';

export type DocumentSetView = z.infer<typeof documentSetView>;
export type ApplicationPage = z.infer<typeof applicationPage>;
export type ApplicationSummary = ApplicationPage['items'][number];
export type ApplicationDetail = z.infer<typeof applicationDetail>;
export type Eligibility = z.infer<typeof eligibilityAnswer>;
export type PortalLookup = z.infer<typeof portalLookupAnswer>;
export type PortalProgress = z.infer<typeof portalProgressAnswer>;

export const statementOptions = ['已履行行政处罚决定', '已纠正失信行为', '信用承诺'] as const;
export const serviceMethodOptions = ['直接送达', '邮寄送达', '电子送达', '留置送达'] as const;
export type RepairDecision = { action: 'accept' } | { action: 'supplement' | 'approve' | 'reject'; reason: string };

export interface ApplicationForm {
  statements: string[];
  statementText: string;
  contactName: string;
  contactPhone: string;
}

export const statusTypes: Record<string, 'primary' | 'success' | 'warning' | 'danger' | 'info'> = {
  待受理: 'warning',
  待补正: 'info',
  已受理: 'primary',
  已修复: 'success',
  不予修复: 'danger',
};

export const creditRepairApi = {
  documents: (penaltyId: number) => http.get<DocumentSetView>(`/api/credit-repair/penalties/${penaltyId}/documents`),
  recordService: (
    penaltyId: number,
    body: { method: string; servedOn: string; servedBy: string; eSigned: boolean },
    receipt: File | null,
  ) => {
    if (!receipt) return http.post<DocumentSetView>(`/api/credit-repair/penalties/${penaltyId}/service`, body);
    const form = new FormData();
    form.append('file', receipt);
    return http.upload<DocumentSetView>(`/api/credit-repair/penalties/${penaltyId}/service-receipt`, form, body);
  },
  eligibility: (penaltyId: number) => http.get<Eligibility>(`/api/credit-repair/penalties/${penaltyId}/eligibility`),
  applyAtCounter: (penaltyId: number, form: ApplicationForm) =>
    http.post<{ repairNo: string }>('/api/credit-repair/applications', { penaltyId, ...form }),
  list: (q: { status?: string; keyword?: string; page: number; pageSize: number }) =>
    http.get<ApplicationPage>('/api/credit-repair/applications', q),
  detail: (repairNo: string) => http.get<ApplicationDetail>(`/api/credit-repair/applications/${repairNo}`),
  uploadEvidence: (repairNo: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.upload<ApplicationDetail>(`/api/credit-repair/applications/${repairNo}/evidence`, form);
  },
  decide: (repairNo: string, d: RepairDecision) =>
    http.post<ApplicationDetail>(`/api/credit-repair/applications/${repairNo}/decision`, d),
};

export const portalRepairApi = {
  lookup: (uscc: string, queryCode: string) =>
    http.post<PortalLookup>('/api/public/credit-repair/lookup', { uscc, queryCode }),
  apply: (uscc: string, queryCode: string, form: ApplicationForm) =>
    http.post<PortalProgress>('/api/public/credit-repair/applications', { uscc, queryCode, ...form }),
  uploadEvidence: (repairNo: string, queryCode: string, file: File) => {
    const form = new FormData();
    form.append('queryCode', queryCode);
    form.append('file', file);
    return http.upload<PortalProgress>(`/api/public/credit-repair/applications/${repairNo}/evidence`, form);
  },
  supplement: (repairNo: string, queryCode: string, note: string) =>
    http.post<PortalProgress>(`/api/public/credit-repair/applications/${repairNo}/supplement`, { queryCode, note }),
  progress: (repairNo: string, queryCode: string) =>
    http.post<PortalProgress>('/api/public/credit-repair/progress', { repairNo, queryCode }),
};
