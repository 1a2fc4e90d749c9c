import type {
  OffsiteInput,
  OffsiteView,
  TransferInput,
  TransferList,
  TransferView,
} from '@server/inspection-records/inspection-record.schemas';
import { http, toQueryString } from '@/api/http';

export type { OffsiteInput, OffsiteView, TransferInput, TransferList, TransferView };

const base = (taskNo: string) => `/api/inspection-records/${encodeURIComponent(taskNo)}`;

export const inspectionRecordApi = {
  exportUrl: (query: { from?: string; to?: string; departmentId?: number; format: 'xlsx' | 'csv' }) =>
    `/api/inspection-records/export${toQueryString(query)}`,
  reportUrl: (taskNo: string) => `${base(taskNo)}/report.pdf`,
  transfers: (taskNo: string) => http.get<TransferList>(`${base(taskNo)}/transfers`),
  transfer: (taskNo: string, body: TransferInput) => http.post<TransferView>(`${base(taskNo)}/transfers`, body),
  offsite: (taskNo: string, departmentId: number) => http.get<OffsiteView>(`${base(taskNo)}/offsite/${departmentId}`),
  recordOffsite: (taskNo: string, body: OffsiteInput) => http.post<OffsiteView>(`${base(taskNo)}/offsite`, body),
};
