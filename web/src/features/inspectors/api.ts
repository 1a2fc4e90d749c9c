import type {
  CertificateFilter,
  ConflictDeclare,
  InspectorConflictView,
  InspectorCreate,
  InspectorDetail,
  InspectorField,
  InspectorPage,
  InspectorStatus,
  InspectorUpdate,
  InspectorView,
} from '@server/inspectors/inspector.schemas';
import { http } from '@/api/http';

/** GET /api/inspectors's query as the browser sends it. */
export interface InspectorQuery {
  page: number;
  pageSize: number;
  q?: string;
  departmentId?: number;
  field?: InspectorField;
  status?: InspectorStatus;
  certificate?: CertificateFilter;
}

export const inspectorApi = {
  list: (query: InspectorQuery) => http.get<InspectorPage>('/api/inspectors', { ...query }),
  get: (id: number) => http.get<InspectorDetail>(`/api/inspectors/${id}`),
  create: (input: InspectorCreate) => http.post<InspectorView>('/api/inspectors', input),
  update: (id: number, input: InspectorUpdate) => http.put<InspectorView>(`/api/inspectors/${id}`, input),
  declareConflict: (id: number, input: ConflictDeclare) =>
    http.post<InspectorConflictView[]>(`/api/inspectors/${id}/conflicts`, input),
  withdrawConflict: (id: number, subjectId: number) =>
    http.delete<void>(`/api/inspectors/${id}/conflicts/${subjectId}`),
};
