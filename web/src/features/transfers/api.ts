import type { z } from 'zod';
import type { Page } from '@server/shared/paging';
import type {
  outcomeInput,
  overdueList,
  transferDetail,
  transferInput,
  transferQuery,
  transferRow,
} from '@server/transfers/transfer.schemas';
import type {
  assistanceDetail,
  assistanceInput,
  assistanceQuery,
  assistanceRow,
  assistanceTaskInput,
} from '@server/transfers/assistance.schemas';
import type { copyDetail, copyInput, copyQuery, copyRow } from '@server/transfers/copy.schemas';
import type { ReceiverModel } from '@/components/TransferReceiver.vue';
import { http } from '@/api/http';

export type TransferRow = z.infer<typeof transferRow>;
export type TransferDetail = z.infer<typeof transferDetail>;
export type TransferInput = z.input<typeof transferInput>;
export type OutcomeInput = z.input<typeof outcomeInput>;
export type TransferFilters = Partial<Omit<z.infer<typeof transferQuery>, 'page' | 'pageSize'>>;
export type AssistanceRow = z.infer<typeof assistanceRow>;
export type AssistanceDetail = z.infer<typeof assistanceDetail>;
export type AssistanceInput = z.input<typeof assistanceInput>;
export type AssistanceTaskInput = z.infer<typeof assistanceTaskInput>;
export type AssistanceFilters = Partial<Omit<z.infer<typeof assistanceQuery>, 'page' | 'pageSize'>>;
export type CopyRow = z.infer<typeof copyRow>;
export type CopyDetail = z.infer<typeof copyDetail>;
export type CopyInput = z.input<typeof copyInput>;
export type CopyFilters = Partial<Omit<z.infer<typeof copyQuery>, 'page' | 'pageSize' | 'unread'>>;
export type OverdueList = z.infer<typeof overdueList>;

const t = (no: string) => `/api/transfers/${encodeURIComponent(no)}`;
const a = (no: string) => `/api/assistance-requests/${encodeURIComponent(no)}`;
const c = (no: string) => `/api/copy-notices/${encodeURIComponent(no)}`;

export const transferApi = {
  list: (q: TransferFilters & { page: number; pageSize: number }) => http.get<Page<TransferRow>>('/api/transfers', q),
  detail: (no: string) => http.get<TransferDetail>(t(no)),
  send: (input: TransferInput) => http.post<{ transferNo: string }>('/api/transfers', input),
  accept: (no: string) => http.post<TransferDetail>(`${t(no)}/accept`),
  receipt: (no: string, receiptNo: string) => http.post<TransferDetail>(`${t(no)}/receipt`, { receiptNo }),
  giveBack: (no: string, reason: string) => http.post<TransferDetail>(`${t(no)}/return`, { reason }),
  resend: (no: string, receiver: ReceiverModel) => http.post<TransferDetail>(`${t(no)}/resend`, { receiver }),
  outcome: (no: string, input: OutcomeInput) => http.post<TransferDetail>(`${t(no)}/outcome`, input),
  overdue: () => http.get<OverdueList>('/api/transfers/overdue'),
  assistance: (q: AssistanceFilters & { page: number; pageSize: number }) =>
    http.get<Page<AssistanceRow>>('/api/assistance-requests', q),
  assistanceDetail: (no: string) => http.get<AssistanceDetail>(a(no)),
  ask: (input: AssistanceInput) => http.post<{ requestNo: string }>('/api/assistance-requests', input),
  acceptAssistance: (no: string) => http.post<AssistanceDetail>(`${a(no)}/accept`),
  answer: (no: string, answer: string) => http.post<AssistanceDetail>(`${a(no)}/answer`, { answer }),
  decline: (no: string, reason: string) => http.post<AssistanceDetail>(`${a(no)}/decline`, { reason }),
  assistanceTask: (no: string, input: AssistanceTaskInput) => http.post<AssistanceDetail>(`${a(no)}/task`, input),
  copies: (q: CopyFilters & { unread?: 'true'; page: number; pageSize: number }) =>
    http.get<Page<CopyRow>>('/api/copy-notices', q),
  copyDetail: (no: string) => http.get<CopyDetail>(c(no)),
  sendCopy: (input: CopyInput) => http.post<{ copyNo: string }>('/api/copy-notices', input),
  read: (no: string, reply: string) => http.post<CopyDetail>(`${c(no)}/read`, { reply }),
};

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';
export const transferStatusType: Record<TransferRow['status'], TagType> = {
  待受理: 'warning',
  已受理: 'primary',
  已退回: 'danger',
  已立案: 'primary',
  已办结: 'success',
};
export const assistanceStatusType: Record<AssistanceRow['status'], TagType> = {
  待受理: 'warning',
  办理中: 'primary',
  已答复: 'success',
  已拒绝: 'info',
};
export const boxLabels = { sent: '我发起的', received: '待我处理', all: '全部' } as const;
