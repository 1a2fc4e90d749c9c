import type { SubjectPage } from '@server/subjects/subject.schemas';
import type { CreditClass, SubjectKind, SubjectStatus } from '@server/subjects/subject.table';
import { http } from '@/api/http';

/** GET /api/subjects's query as the browser sends it; flags are sent only when set. */
export interface SubjectQuery {
  page: number;
  pageSize: number;
  q?: string;
  industry?: string;
  division?: string;
  tag?: string;
  creditClass?: CreditClass;
  kind?: SubjectKind;
  status?: SubjectStatus;
  whitelisted?: true;
  keyTarget?: true;
  flagged?: true;
}

/** A page of subjects; past 10,000 matches counting stops and `totalCapped` is true. */
export type { SubjectPage };

export const listSubjects = (query: SubjectQuery) => http.get<SubjectPage>('/api/subjects', { ...query });
