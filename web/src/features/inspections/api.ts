import type { AgendaGroup, CheckEntry, InspectionView, MyInspections } from '@server/inspections/inspection.schemas';
import type { CheckResult } from '@server/inspections/inspection.table';
import { http } from '@/api/http';

export type { AgendaGroup, CheckEntry, CheckResult, InspectionView, MyInspections };

const base = (taskNo: string) => `/api/inspections/${encodeURIComponent(taskNo)}`;

export const inspectionApi = {
  mine: () => http.get<MyInspections>('/api/inspections/mine'),
  schedule: (taskNo: string, body: { visitOn: string; reason?: string; confirmNonWorkingDay?: boolean }) =>
    http.put<InspectionView>(`${base(taskNo)}/schedule`, body),
  /** `confirmed`: the flags of a question the user answered (a check-in on a rest day). */
  checkIn: (taskNo: string, confirmed: { confirmNonWorkingDay?: boolean } = {}) =>
    http.post<InspectionView>(`${base(taskNo)}/check-in`, confirmed),
  /** Every filled-in result of the inspector's department in one request (one transaction on the server). */
  recordAll: (taskNo: string, results: readonly { checkItemId: number; result: CheckResult; notes: string }[]) =>
    http.put<InspectionView>(`${base(taskNo)}/results`, { results }),
  upload: (taskNo: string, checkItemId: number, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.upload<{ id: number; fileName: string; size: number }>(`${base(taskNo)}/photos`, form, { checkItemId });
  },
  submit: (taskNo: string, body: { feedbackPromisedOn?: string | null }) =>
    http.post<InspectionView>(`${base(taskNo)}/submit`, body),
  feedbackUrl: (taskNo: string, departmentId: number) => `${base(taskNo)}/feedback.pdf?departmentId=${departmentId}`,
};
