import type { TagView } from '@server/tags/tag.schemas';
import { http } from '@/api/http';

/** Every tag, or those a department may use. */
export const listTags = (departmentId?: number) => http.get<TagView[]>('/api/tags', { departmentId });
