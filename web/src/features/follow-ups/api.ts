import type {
  ApplicationInput,
  ApplicationList,
  ApplicationQuery,
  ApplicationView,
  FollowUpList,
  FollowUpOverview,
  FollowUpQuery,
  FollowUpTransferInput,
  RoutineSupervisionView,
} from '@server/follow-ups/follow-up.schemas';
import { http } from '@/api/http';

export const followUpApi = {
  list: (query: FollowUpQuery) => http.get<FollowUpList>('/api/follow-ups', { ...query }),
  overview: () => http.get<FollowUpOverview>('/api/follow-ups/overview'),
  routine: () => http.get<{ rows: RoutineSupervisionView[] }>('/api/follow-ups/routine'),
  transfer: (followUpNo: string, input: FollowUpTransferInput) =>
    http.post<{ followUpNo: string; keyTarget: boolean }>(
      `/api/follow-ups/${encodeURIComponent(followUpNo)}/transfer`,
      input,
    ),
  applications: (query: ApplicationQuery) => http.get<ApplicationList>('/api/follow-ups/applications', { ...query }),
  createApplication: (input: ApplicationInput) =>
    http.post<{ created: boolean; application: ApplicationView }>('/api/follow-ups/applications', input),
};
