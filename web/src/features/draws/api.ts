import type { AnnouncementDetail, AnnouncementSummary, PublicTask } from '@server/draw/task-announcement.schemas';
import type {
  DrawReviewView as DrawReview,
  DrawRunInput,
  DrawRunView,
  RecordVerifyOutcome as VerifyOutcome,
  RoundCommitInput,
  RoundSummary,
  RoundView,
  SelfCheckView as SelfCheck,
} from '@server/draw/draw.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export type {
  AnnouncementDetail,
  AnnouncementSummary,
  DrawReview,
  DrawRunView,
  PublicTask,
  RoundSummary,
  RoundView,
  SelfCheck,
  VerifyOutcome,
};

export const drawApi = {
  rounds: () => http.get<RoundSummary[]>('/api/draws'),
  round: (roundNo: string) => http.get<RoundView>(`/api/draws/${roundNo}`),
  commit: (input: RoundCommitInput) => http.post<RoundView>('/api/draws', input),
  run: (roundNo: string, input: Pick<DrawRunInput, 'reveal'> & { redrawReason?: string | null }) =>
    http.post<DrawRunView>(`/api/draws/${roundNo}/records`, input),
  review: (recordNo: string) => http.get<DrawReview>(`/api/draw-records/${recordNo}/review`),
  publish: (recordNo: string, title?: string) =>
    http.post<AnnouncementSummary>(`/api/draw-records/${recordNo}/publish`, title ? { title } : {}),
};

export const publicApi = {
  round: (roundNo: string) => http.get<RoundView>(`/api/public/draws/${roundNo}`),
  verify: (recordNo: string) => http.get<VerifyOutcome>(`/api/public/draw-records/${recordNo}/verify`),
  selfCheck: (recordNo: string, uscc: string) =>
    http.get<SelfCheck>(`/api/public/draw-records/${recordNo}/self-check`, { uscc }),
  /** The same check with π, leaf and proof, for signed-in staff. */
  staffSelfCheck: (recordNo: string, uscc: string) =>
    http.get<SelfCheck>(`/api/draw-records/${recordNo}/self-check`, { uscc }),
  announcements: (page: number, pageSize: number) =>
    http.get<Page<AnnouncementSummary>>('/api/public/task-announcements', { page, pageSize }),
  announcement: (
    recordNo: string,
    query: { page: number; pageSize: number; keyword?: string; departmentId?: number },
  ) => http.get<AnnouncementDetail>(`/api/public/task-announcements/${recordNo}`, { ...query }),
  pdfUrl: (recordNo: string) => `/api/public/task-announcements/${recordNo}/pdf`,
  xlsxUrl: (recordNo: string) => `/api/public/task-announcements/${recordNo}/xlsx`,
};

export const designLabels: Record<string, string> = { fixed: '固定样本量', poisson: '泊松抽样' };
export const hashLabels: Record<string, string> = { sha256: 'SHA-256', sm3: 'SM3（国密）' };
