import { z } from 'zod';
import { divisionLevels } from './division.table';

export const divisionView = z.object({
  code: z.string(),
  name: z.string(),
  parent_code: z.string().nullable(),
  level: z.enum(divisionLevels),
});
export type DivisionView = z.infer<typeof divisionView>;
