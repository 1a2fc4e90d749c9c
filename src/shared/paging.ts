import { z } from 'zod';

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
export interface Page<T> {
  items: T[];
  total: number;
}

export const offsetOf = (q: PageQuery): number => (q.page - 1) * q.pageSize;

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Escapes LIKE wildcards so a user's search text matches literally, anywhere in the value. */
export const likeContains = (text: string): string => `%${escapeLike(text)}%`;

/** The same, matching at the start of the value only. */
export const likePrefix = (text: string): string => `${escapeLike(text)}%`;
