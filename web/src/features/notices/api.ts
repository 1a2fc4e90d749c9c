import type {
  EnterpriseAnswer,
  EvaluationInput,
  EvaluationView,
  IssuedNotice,
  NoticeFacts,
  NoticeView,
  Verification,
} from '@server/notices/notice.schemas';
import { http } from '@/api/http';

export type { EvaluationView, IssuedNotice, NoticeFacts, NoticeView, Verification };

export type EnterpriseNotice = EnterpriseAnswer['notices'][number];

const task = (taskNo: string) => `/api/tasks/${encodeURIComponent(taskNo)}`;

export const noticeApi = {
  get: (taskNo: string) => http.get<NoticeView>(`${task(taskNo)}/notice`),
  issue: (taskNo: string) => http.post<IssuedNotice>(`${task(taskNo)}/notice`),
  revoke: (taskNo: string, reason: string) => http.post<NoticeView>(`${task(taskNo)}/notice/revoke`, { reason }),
  evaluations: (taskNo: string) => http.get<EvaluationView[]>(`${task(taskNo)}/evaluations`),
  pdfUrl: (taskNo: string, queryCode?: string | null) =>
    `${task(taskNo)}/notice/pdf${queryCode ? `?queryCode=${encodeURIComponent(queryCode)}` : ''}`,
};

export const publicNoticeApi = {
  verify: (token: string) => http.get<Verification>(`/api/public/inspection-codes/${encodeURIComponent(token)}`),
  evaluate: (token: string, input: Partial<EvaluationInput>) =>
    http.post<Verification>(`/api/public/inspection-codes/${encodeURIComponent(token)}/evaluation`, input),
  enterprise: (uscc: string, queryCode: string) =>
    http.post<EnterpriseAnswer>('/api/public/enterprise/notices', { uscc, queryCode }),
};

/** Element Plus tag type of a code's status. */
export const statusTag = (status: Verification['status']): 'success' | 'warning' | 'danger' | 'info' =>
  status === '真实有效' ? 'success' : status === '已过期' ? 'warning' : status === '已撤销' ? 'danger' : 'danger';
