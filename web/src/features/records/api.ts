import type {
  DecisionListQuery,
  LicenceView,
  PenaltyView,
  RecordVersionView,
  RegistrationListQuery,
  RegistrationView,
} from '@server/records/record.schemas';
import type { Page } from '@server/shared/paging';
import { http, type Query } from '@/api/http';

export type RecordKindName = 'registrations' | 'licences' | 'penalties';
export type AnyRecordView = RegistrationView | LicenceView | PenaltyView;
export type WithVersions<T> = T & { versions: RecordVersionView[] };
export type RecordFilters = Partial<Omit<RegistrationListQuery & DecisionListQuery, 'page' | 'pageSize'>>;

export interface StoredResult {
  outcome: 'created' | 'updated' | 'unchanged';
  id: number;
  version: number;
  registrationNo: string | null;
}

export const recordApi = {
  list: (kind: RecordKindName, query: RecordFilters & { page: number; pageSize: number }) =>
    http.get<Page<AnyRecordView>>(`/api/records/${kind}`, query as Query),
  get: (kind: RecordKindName, id: number) => http.get<WithVersions<AnyRecordView>>(`/api/records/${kind}/${id}`),
  /** Online entry: a new record, numbered by the platform unless 业务系统记录编号 is given. */
  enter: (kind: RecordKindName, body: Record<string, unknown>) =>
    http.post<StoredResult>(`/api/records/${kind}/online`, body),
  /** A correction of a record the department sent: its next version. */
  correct: (kind: RecordKindName, id: number, body: Record<string, unknown>) =>
    http.put<StoredResult>(`/api/records/${kind}/${id}`, body),
};
