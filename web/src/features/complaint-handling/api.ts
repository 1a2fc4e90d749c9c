import type { z } from 'zod';
import type { Page } from '@server/shared/paging';
import type {
  complaintCounts,
  complaintDetail,
  complaintItem,
  complaintQuery,
  dispatchRuleInput,
  dispatchRuleView,
  matterInput,
  matterView,
  verifyInput,
} from '@server/complaints/complaint-handling.schemas';
import { http } from '@/api/http';

export type ComplaintItem = z.infer<typeof complaintItem>;
export type ComplaintDetail = z.infer<typeof complaintDetail>;
export type ComplaintCounts = z.infer<typeof complaintCounts>;
/** The list filters as the browser sends them (switches send 'true'). */
export type ComplaintFilters = Partial<
  Omit<z.infer<typeof complaintQuery>, 'page' | 'pageSize' | 'overdue' | 'supervised'>
> & { overdue?: 'true'; supervised?: 'true' };
export type DispatchRuleView = z.infer<typeof dispatchRuleView>;
export type DispatchRuleInput = z.input<typeof dispatchRuleInput>;
export type MatterView = z.infer<typeof matterView>;
export type MatterInput = z.infer<typeof matterInput>;
export type VerifyInput = z.input<typeof verifyInput>;

const path = (ticketNo: string, action = '') =>
  `/api/complaints/${encodeURIComponent(ticketNo)}${action ? `/${action}` : ''}`;

export const complaintApi = {
  list: (q: ComplaintFilters & { page: number; pageSize: number }) =>
    http.get<Page<ComplaintItem>>('/api/complaints', q),
  counts: (q: ComplaintFilters) => http.get<ComplaintCounts>('/api/complaints/counts', q),
  detail: (ticketNo: string) => http.get<ComplaintDetail>(path(ticketNo)),
  dispatch: (ticketNo: string, departmentId: number, note: string) =>
    http.post<void>(path(ticketNo, 'dispatch'), { departmentId, note }),
  redispatch: (ticketNo: string, departmentId: number, reason: string) =>
    http.post<void>(path(ticketNo, 'redispatch'), { departmentId, reason }),
  giveBack: (ticketNo: string, reason: string) => http.post<void>(path(ticketNo, 'give-back'), { reason }),
  refuse: (ticketNo: string, reason: string) => http.post<void>(path(ticketNo, 'refuse'), { reason }),
  accept: (ticketNo: string, note: string) => http.post<void>(path(ticketNo, 'accept'), { note }),
  verificationItems: (ticketNo: string) =>
    http.get<{ code: string; name: string }[]>(path(ticketNo, 'verification-items')),
  createTask: (ticketNo: string, itemCodes: string[]) =>
    http.post<{ taskNo: string }>(path(ticketNo, 'verification-task'), { itemCodes }),
  verify: (ticketNo: string, input: VerifyInput) => http.post<void>(path(ticketNo, 'verify'), input),
  reply: (ticketNo: string, reply: string) => http.post<void>(path(ticketNo, 'reply'), { reply }),
  supervise: (ticketNo: string, note: string, escalate: boolean) =>
    http.post<void>(path(ticketNo, escalate ? 'escalate' : 'supervise'), { note }),
  rules: () => http.get<DispatchRuleView[]>('/api/complaint-dispatch-rules'),
  saveRule: (id: number | null, input: DispatchRuleInput) =>
    id === null
      ? http.post<DispatchRuleView>('/api/complaint-dispatch-rules', input)
      : http.put<DispatchRuleView>(`/api/complaint-dispatch-rules/${id}`, input),
  removeRule: (id: number) => http.delete<void>(`/api/complaint-dispatch-rules/${id}`),
  matters: () => http.get<MatterView[]>('/api/complaint-matters'),
  saveMatter: (code: string, input: MatterInput) => http.put<MatterView>(`/api/complaint-matters/${code}`, input),
};

export const statusType = (s: ComplaintItem['status']) =>
  (
    ({
      待分派: 'warning',
      待受理: 'warning',
      核查中: 'primary',
      待答复: 'primary',
      已办结: 'success',
      不予受理: 'info',
    }) as const
  )[s];
export const deadlineType = (s: ComplaintItem['deadlineState']) =>
  s === '超期' ? 'danger' : s === '临期' ? 'warning' : 'success';
export const supervisionName = (level: number) => ['', '督办', '挂牌督办'][level] ?? '';
