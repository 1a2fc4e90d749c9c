import type {
  OffsiteInput,
  OffsiteView,
  RecordListItem,
  TransferInput,
  TransferList,
  TransferView,
} from '@server/inspection-records/inspection-record.schemas';
import type { Page } from '@server/shared/paging';
import { http, toQueryString } from '@/api/http';

export type { OffsiteInput, OffsiteView, RecordListItem, TransferInput, TransferList, TransferView };

/** GET /api/inspection-records as the address carries it (recordQuery). */
export interface RecordQuery {
  page: number;
  pageSize: number;
  from?: string;
  to?: string;
  departmentId?: number;
  result?: RecordListItem['result'];
  transfer?: NonNullable<RecordListItem['transfer']>;
  subject?: string;
  taskNo?: string;
}

const base = (taskNo: string) => `/api/inspection-records/${encodeURIComponent(taskNo)}`;

export const inspectionRecordApi = {
  list: (query: RecordQuery) => http.get<Page<RecordListItem>>('/api/inspection-records', { ...query }),
  exportUrl: (query: { from?: string; to?: string; departmentId?: number; format: 'xlsx' | 'csv' }) =>
    `/api/inspection-records/export${toQueryString(query)}`,
  reportUrl: (taskNo: string) => `${base(taskNo)}/report.pdf`,
  transfers: (taskNo: string) => http.get<TransferList>(`${base(taskNo)}/transfers`),
  transfer: (taskNo: string, body: TransferInput) => http.post<TransferView>(`${base(taskNo)}/transfers`, body),
  offsite: (taskNo: string, departmentId: number) => http.get<OffsiteView>(`${base(taskNo)}/offsite/${departmentId}`),
  recordOffsite: (taskNo: string, body: OffsiteInput) => http.post<OffsiteView>(`${base(taskNo)}/offsite`, body),
};
