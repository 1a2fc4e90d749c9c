import type { RegistrationInput, RegistrationView } from '@server/registrations/registration.schemas';
import type { AnswerInput, ProposalView } from '@server/registrations/visit-matching.schemas';
import type { InspectorView } from '@server/inspectors/inspector.schemas';
import type { SamplingItemView } from '@server/items/sampling-item.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export interface RegistrationFilters {
  year?: number;
  departmentId?: number;
  status?: RegistrationView['status'];
  kind?: RegistrationView['kind'];
  keyword?: string;
}
export interface ProposalFilters {
  year?: number;
  status?: ProposalView['status'];
  departmentId?: number;
  pending?: 'true' | 'false';
}
export type ItemOption = Pick<SamplingItemView, 'code' | 'name'>;
export type InspectorOption = Pick<InspectorView, 'id' | 'name'>;

export const registrationApi = {
  list: (query: RegistrationFilters & { page: number; pageSize: number }) =>
    http.get<Page<RegistrationView>>('/api/registrations', { ...query }),
  create: (input: RegistrationInput) =>
    http.post<{ registrations: RegistrationView[]; proposals: ProposalView[] }>('/api/registrations', input),
  withdraw: (no: string, reason: string) =>
    http.post<RegistrationView>(`/api/registrations/${no}/withdraw`, { reason }),
  /** 确认: the registration becomes a published, staffed task; open merge proposals on it lapse. */
  confirm: (no: string) => http.post<RegistrationView>(`/api/registrations/${no}/confirm`),
  /** The department's sampling items, to pick what a registration (or an accepted invitation) covers. */
  items: async (departmentId: number): Promise<ItemOption[]> =>
    (await http.get<Page<ItemOption>>('/api/sampling-items', { departmentId, pageSize: 200 })).items.map((i) => ({
      code: i.code,
      name: i.name,
    })),
  inspectors: async (departmentId: number): Promise<InspectorOption[]> =>
    (await http.get<Page<InspectorOption>>('/api/inspectors', { departmentId, pageSize: 200 })).items.map((i) => ({
      id: i.id,
      name: i.name,
    })),
};

export const proposalApi = {
  list: (query: ProposalFilters & { page: number; pageSize: number }) =>
    http.get<Page<ProposalView>>('/api/merge-proposals', { ...query }),
  answer: (no: string, input: Partial<AnswerInput> & Pick<AnswerInput, 'answer'>) =>
    http.post<ProposalView>(`/api/merge-proposals/${no}/answer`, input),
  match: (year: number) =>
    http.post<{ year: number; proposed: ProposalView[] }>('/api/merge-proposals/match', { year }),
};
