import { z } from 'zod';

/** One GB/T 4754 row: section (level 1, a letter), division (2 digits), group (3), class (4). */
export const industryView = z.object({
  code: z.string(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  section: z.string(),
  name: z.string(),
});
export type IndustryRow = z.infer<typeof industryView>;
