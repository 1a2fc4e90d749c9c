import { http } from '@/api/http';

/** One GB/T 4754 row: section (level 1, a letter), division (2 digits), group (3), class (4). */
export interface IndustryRow {
  code: string;
  level: 1 | 2 | 3 | 4;
  section: string;
  name: string;
}

/** The GB/T 4754 table in code order. */
export const listIndustries = () => http.get<IndustryRow[]>('/api/industries');
