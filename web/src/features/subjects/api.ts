import type { InspectionObjectView } from '@server/inspection-objects/inspection-object.schemas';
import type { SubjectHistory } from '@server/inspections/subject-history.schemas';
import type { SubjectInspectorConflict as InspectorConflict } from '@server/inspectors/inspector.schemas';
import type {
  SubjectCreditInput,
  SubjectFieldOwnershipView,
  SubjectInput,
  SubjectView,
} from '@server/subjects/subject.schemas';
import type { SubjectTag, TagView } from '@server/tags/tag.schemas';
import { http, type Query, toQueryString } from '@/api/http';
import type { SubjectQuery } from '@/api/subjects';

export type { InspectorConflict, SubjectTag };

export const subjectApi = {
  get: (id: number) => http.get<SubjectView>(`/api/subjects/${id}`),
  create: (input: SubjectInput) => http.post<SubjectView>('/api/subjects', input),
  update: (id: number, input: SubjectInput) => http.put<SubjectView>(`/api/subjects/${id}`, input),
  /** The credit office's edit: the credit class and the whitelist flag only. */
  updateCredit: (id: number, input: SubjectCreditInput) => http.put<SubjectView>(`/api/subjects/${id}/credit`, input),
  /** Which fields the signed-in user maintains (the server's rule, so the form cannot drift from it). */
  fieldOwnership: () => http.get<SubjectFieldOwnershipView>('/api/subjects/field-ownership'),
  tags: (id: number) => http.get<SubjectTag[]>(`/api/subjects/${id}/tags`),
  objects: (id: number) => http.get<InspectionObjectView[]>(`/api/subjects/${id}/objects`),
  conflicts: (id: number) => http.get<InspectorConflict[]>(`/api/subjects/${id}/inspector-conflicts`),
  inspectionHistory: (id: number, year?: number) =>
    http.get<SubjectHistory>(`/api/subjects/${id}/inspection-history`, year ? { year } : {}),
  tagOptions: () => http.get<TagView[]>('/api/tags'),
};

/** GET /api/subjects/export.xlsx|csv with the list's filters (no paging): a plain link the browser downloads. */
export function subjectExportUrl(
  format: 'xlsx' | 'csv',
  { page: _page, pageSize: _size, ...filters }: SubjectQuery,
): string {
  const query: Query = { ...filters };
  return `/api/subjects/export.${format}${toQueryString(query)}`;
}
