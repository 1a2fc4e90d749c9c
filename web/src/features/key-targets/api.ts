import type { z } from 'zod';
import type { Page } from '@server/shared/paging';
import type { keyTargetInput, keyTargetQuery, keyTargetView } from '@server/key-targets/key-target.schemas';
import { http } from '@/api/http';

export type KeyTargetView = z.infer<typeof keyTargetView>;
export type KeyTargetInput = z.input<typeof keyTargetInput>;
export type KeyTargetFilters = Partial<Omit<z.infer<typeof keyTargetQuery>, 'page' | 'pageSize'>>;

export const keyTargetApi = {
  list: (q: KeyTargetFilters & { page: number; pageSize: number }) =>
    http.get<Page<KeyTargetView>>('/api/key-targets', q),
  add: (input: KeyTargetInput) => http.post<KeyTargetView>('/api/key-targets', input),
  lift: (id: number, reason: string) => http.post<KeyTargetView>(`/api/key-targets/${id}/lift`, { reason }),
  ofSubject: (subjectId: number) => http.get<{ items: KeyTargetView[] }>(`/api/subjects/${subjectId}/key-targets`),
};

/** Tag colours of the listing states. */
export const stateType = (s: KeyTargetView['state']) => (s === '有效' ? 'danger' : s === '未生效' ? 'warning' : 'info');
