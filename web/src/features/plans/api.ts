import type {
  AnnualPlanCreate,
  AnnualPlanView,
  AnswerInput,
  EntryInput,
  JointItemInput,
  PublicPlanDetail,
  ReminderView,
  SpecialPlanInput,
  SpecialPlanSummary,
  SpecialPlanView,
} from '@server/plans/plan.schemas';
import { http } from '@/api/http';

export type { AnnualPlanView, PublicPlanDetail, ReminderView, SpecialPlanSummary, SpecialPlanView };
export type EntryView = AnnualPlanView['entries'][number];
export type PublishedLine = PublicPlanDetail['lines'][number];
export type ConsultationView = SpecialPlanView['consultations'][number];

export type PublicPlanSummary = PublicPlanDetail['summary'];

const annual = (id: number) => `/api/annual-plans/${id}`;
const special = (id: number) => `/api/special-plans/${id}`;

export const annualPlanApi = {
  create: (input: AnnualPlanCreate) => http.post<AnnualPlanView>('/api/annual-plans', input),
  setDeadline: (id: number, submissionDeadline: string) =>
    http.put<AnnualPlanView>(`${annual(id)}/submission-deadline`, { submissionDeadline }),
  reminders: (id: number) => http.get<ReminderView>(`${annual(id)}/reminders`),
  submitEntry: (id: number, input: EntryInput) => http.post<AnnualPlanView>(`${annual(id)}/entries`, input),
  resubmitEntry: (id: number, entryId: number, input: EntryInput) =>
    http.put<AnnualPlanView>(`${annual(id)}/entries/${entryId}`, input),
  accept: (id: number, entryId: number) => http.post<AnnualPlanView>(`${annual(id)}/entries/${entryId}/accept`),
  returnEntry: (id: number, entryId: number, reason: string) =>
    http.post<AnnualPlanView>(`${annual(id)}/entries/${entryId}/return`, { reason }),
  createJointItem: (id: number, input: JointItemInput) => http.post<AnnualPlanView>(`${annual(id)}/joint-items`, input),
  deleteJointItem: (id: number, jointId: number) => http.delete<AnnualPlanView>(`${annual(id)}/joint-items/${jointId}`),
  publish: (id: number) => http.post<AnnualPlanView>(`${annual(id)}/publish`),
  revise: (id: number, reason: string) => http.post<AnnualPlanView>(`${annual(id)}/revisions`, { reason }),
  announcementUrl: (id: number, format: 'pdf' | 'xlsx') => `${annual(id)}/announcement.${format}`,
};

export const specialPlanApi = {
  list: () => http.get<SpecialPlanSummary[]>('/api/special-plans'),
  create: (input: SpecialPlanInput) => http.post<SpecialPlanView>('/api/special-plans', input),
  get: (id: number) => http.get<SpecialPlanView>(special(id)),
  update: (id: number, input: SpecialPlanInput) => http.put<SpecialPlanView>(special(id), input),
  submit: (id: number) => http.post<SpecialPlanView>(`${special(id)}/submit`),
  consult: (id: number, departmentIds: number[]) =>
    http.post<SpecialPlanView>(`${special(id)}/consultation`, { departmentIds }),
  answer: (id: number, departmentId: number, input: AnswerInput) =>
    http.post<SpecialPlanView>(`${special(id)}/consultations/${departmentId}/answer`, input),
  returnPlan: (id: number, reason: string) => http.post<SpecialPlanView>(`${special(id)}/return`, { reason }),
  approve: (id: number, announce: boolean) =>
    http.post<SpecialPlanView>(`${special(id)}/approve`, { public: announce }),
  publish: (id: number) => http.post<SpecialPlanView>(`${special(id)}/publish`),
  announcementUrl: (id: number, format: 'pdf' | 'xlsx') => `${special(id)}/announcement.${format}`,
};

export const publicPlanApi = {
  list: () => http.get<PublicPlanSummary[]>('/api/public/plans'),
  get: (kind: 'annual' | 'special', id: number) => http.get<PublicPlanDetail>(`/api/public/plans/${kind}/${id}`),
  announcementUrl: (kind: 'annual' | 'special', id: number, format: 'pdf' | 'xlsx') =>
    `/api/public/plans/${kind}/${id}/announcement.${format}`,
};
