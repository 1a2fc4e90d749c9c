import type { DivisionView } from '@server/divisions/division.schemas';
import { http } from '@/api/http';

/** The deployment's 行政区划 in code order. */
export const listDivisions = () => http.get<DivisionView[]>('/api/divisions');
