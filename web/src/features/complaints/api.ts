import type { z } from 'zod';
import type { identityView, rewardCandidate, rewardInput } from '@server/complaints/complaint-intake.schemas';
import { http } from '@/api/http';

export type RewardCandidate = z.infer<typeof rewardCandidate>;
export type RewardForm = z.input<typeof rewardInput>;
export type Identity = z.infer<typeof identityView>;

export const rewardApi = {
  list: (decided?: boolean) =>
    http.get<RewardCandidate[]>('/api/complaint-rewards', decided === undefined ? {} : { decided: String(decided) }),
  decide: (ticketNo: string, form: RewardForm) => http.post<unknown>(`/api/complaints/${ticketNo}/reward`, form),
  identity: (ticketNo: string, reason: string) =>
    http.post<Identity>(`/api/complaints/${ticketNo}/identity`, { reason }),
};
