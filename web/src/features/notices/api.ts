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
export type QueryCodeIssue = NoticeView['queryCodes'][number];
export type InspectionProgress = Verification['progress'];
export type EvaluationPart = Verification['evaluation']['parts'][number];

const task = (taskNo: string) => `/api/tasks/${encodeURIComponent(taskNo)}`;

export const noticeApi = {
  get: (taskNo: string) => http.get<NoticeView>(`${task(taskNo)}/notice`),
  issue: (taskNo: string) => http.post<IssuedNotice>(`${task(taskNo)}/notice`),
  revoke: (taskNo: string, reason: string) => http.post<NoticeView>(`${task(taskNo)}/notice/revoke`, { reason }),
  reissueQueryCode: (taskNo: string) => http.post<IssuedNotice>(`${task(taskNo)}/notice/query-code`),
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
  /** The 一业一册 of the code's subject (src/portal-content). */
  guides: (token: string) =>
    http.get<{ industryCode: string; industryName: string; title: string }[]>(
      `/api/public/guides/for-code/${encodeURIComponent(token)}`,
    ),
};

/** Element Plus tag type of a code's status. */
export const statusTag = (status: Verification['status']): 'success' | 'warning' | 'danger' | 'info' =>
  status === '真实有效' ? 'success' : status === '已过期' ? 'warning' : status === '已撤销' ? 'danger' : 'danger';

/** Element Plus tag type of a department's part in the evaluation. */
export const partTag = (state: EvaluationPart['state']): 'success' | 'info' | 'warning' | 'primary' =>
  state === '可评价' ? 'primary' : state === '已评价' ? 'success' : state === '已截止' ? 'warning' : 'info';

/** Element Plus tag type of a 查询码 message's delivery. */
export const deliveryTag = (delivery: QueryCodeIssue['delivery']): 'success' | 'info' | 'warning' | 'danger' =>
  delivery === '已发送' ? 'success' : delivery === '待发送' ? 'warning' : delivery === '发送失败' ? 'danger' : 'info';
