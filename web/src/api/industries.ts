import type { IndustryRow } from '@server/industries/industry.schemas';
import { http } from '@/api/http';

export type { IndustryRow };

/** The GB/T 4754 table in code order. */
export const listIndustries = () => http.get<IndustryRow[]>('/api/industries');
