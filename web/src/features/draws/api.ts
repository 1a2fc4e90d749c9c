import type { AnnouncementSummary, PublicTask } from '@server/draw/task-announcement.schemas';
import type { DrawMeasures, Task, UnstaffedTask } from '@server/draw/engine/types';
import type { RoundCommitInput, DrawRunInput } from '@server/draw/draw.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export type { AnnouncementSummary, PublicTask };

/** The published commitment (src/draw/engine/commitment.ts; not imported, it pulls in node:crypto). */
export interface Commitment {
  algorithm: string;
  round: {
    year: number;
    roundIndex: number;
    roundsInYear: number;
    window: { from: string; to: string };
    hash: 'sha256' | 'sm3';
  };
  frameRoot: string;
  strataDigest: string;
  frameSubjects: number;
  frameItems: { code: string; design: string; size: number }[];
  inspectorDigest: string;
  entropy: { kind: 'lottery'; description: string; sources: number } | { kind: 'local'; seedHash: string };
  committedAt: string;
}

export interface RoundSummary {
  roundNo: string;
  title: string;
  year: number;
  window: { from: string; to: string };
  committedAt: string;
}

export interface RecordSummary {
  recordNo: string;
  seed: string;
  recordDigest: string;
  redrawOf: string | null;
  redrawReason: string | null;
  drawnAt: string;
  current: boolean;
  summary: { frameSubjects: number; distinctVisits: number; tasks: number; unstaffed: number };
}

export interface RoundView {
  roundNo: string;
  title: string;
  year: number;
  window: { from: string; to: string };
  design: 'poisson' | 'fixed';
  commitment: Commitment;
  commitmentHash: string;
  committedAt: string;
  records: RecordSummary[];
}

export interface RecordView {
  recordNo: string;
  roundNo: string;
  title: string;
  seed: string;
  recordDigest: string;
  redrawReason: string | null;
  drawnAt: string;
  measures: DrawMeasures;
  tasks: (Task & { itemNames: string[]; departments: string[] })[];
  unstaffed: UnstaffedTask[];
}

export interface DrawReview {
  recordNo: string;
  roundNo: string;
  title: string;
  current: boolean;
  announcement: { title: string; publishedAt: string } | null;
  statuses: Record<string, number>;
  visits: {
    merged: number;
    unmergedSelections: number;
    independentExpected: number;
    lowerBound: number;
    frameSubjects: number;
    saved: number;
  };
  visitsPerEnterprise: { visits: number; unmerged: number; merged: number }[];
  departmentsPerTask: { departments: number; tasks: number }[];
  joint: { tasks: number; share: number };
  inspectorLoad: {
    inspectors: number;
    min: number;
    median: number;
    max: number;
    assignments: number;
    histogram: { tasks: number; inspectors: number }[];
  };
  byDivision: { code: string; name: string; tasks: number }[];
  byCreditClass: { creditClass: string; tasks: number }[];
  byDepartment: { id: number; name: string; tasks: number; items: number; unstaffed: number }[];
  unstaffed: number;
}

export interface VerifyOutcome {
  recordNo: string;
  identical: boolean;
  difference: string | null;
}

export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

export interface SelfCheck {
  recordNo: string;
  uscc: string;
  inFrame: boolean;
  number: number | null;
  /** With π, leaf and proof: for staff (draw:round:read); the public answer leaves them out, π reveals the credit class. */
  detailed: boolean;
  items: { itemCode: string; itemName: string; design: string; pi?: number; selected: boolean }[];
  excluded: { itemCode: string | null; itemName: string | null; reason: string }[];
  selected: boolean;
  taskKey?: string | null;
  leaf: string | null;
  proof: ProofStep[];
  frameRoot: string;
}

export interface AnnouncementDetail extends AnnouncementSummary {
  departmentOptions: { id: number; name: string }[];
  tasks: Page<PublicTask>;
}

export const drawApi = {
  rounds: () => http.get<RoundSummary[]>('/api/draws'),
  round: (roundNo: string) => http.get<RoundView>(`/api/draws/${roundNo}`),
  commit: (input: RoundCommitInput) => http.post<RoundView>('/api/draws', input),
  run: (roundNo: string, input: Pick<DrawRunInput, 'reveal'> & { redrawReason?: string | null }) =>
    http.post<RecordView>(`/api/draws/${roundNo}/records`, input),
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
