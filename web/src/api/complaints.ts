import type { z } from 'zod';
import type {
  filedAnswer,
  intakeInput,
  matterOption,
  publicProgress,
} from '@server/complaints/complaint-intake.schemas';
import { http } from '@/api/http';

/** 投诉举报 intake, shared by the public portal and the staff entry page. */
export type IntakeForm = z.input<typeof intakeInput>;
export type Filed = z.infer<typeof filedAnswer>;
export type MatterOption = z.infer<typeof matterOption>;
export type ComplaintProgress = z.infer<typeof publicProgress>;

export const complaintStatusTypes: Record<string, 'info' | 'warning' | 'success' | 'danger' | 'primary'> = {
  待分派: 'info',
  待受理: 'warning',
  核查中: 'primary',
  待答复: 'warning',
  已办结: 'success',
  不予受理: 'danger',
};

const withFile = (code: string | null, file: File) => {
  const form = new FormData();
  if (code) form.append('lookupCode', code);
  form.append('file', file);
  return form;
};

export const publicComplaintApi = {
  matters: () => http.get<MatterOption[]>('/api/public/complaints/matters'),
  file: (form: IntakeForm) => http.post<Filed>('/api/public/complaints', form),
  attach: (ticketNo: string, code: string, file: File) =>
    http.upload<ComplaintProgress>(`/api/public/complaints/${ticketNo}/attachments`, withFile(code, file)),
  lookup: (ticketNo: string, lookupCode: string) =>
    http.post<ComplaintProgress>('/api/public/complaints/lookup', { ticketNo, lookupCode }),
  rate: (ticketNo: string, lookupCode: string, score: number, comment: string) =>
    http.post<ComplaintProgress>('/api/public/complaints/rating', { ticketNo, lookupCode, score, comment }),
};

export const counterComplaintApi = {
  enter: (form: IntakeForm) => http.post<Filed>('/api/complaints/counter', form),
  attach: (ticketNo: string, file: File) =>
    http.upload<unknown>(`/api/complaints/${ticketNo}/attachments`, withFile(null, file)),
};
