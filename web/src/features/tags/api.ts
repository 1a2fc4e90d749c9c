import type { TagApplyResult, TagInput, TagListResult, TagView } from '@server/tags/tag.schemas';
import { http } from '@/api/http';

export type { TagApplyResult, TagListResult };

export const tagApi = {
  create: (input: TagInput) => http.post<TagView>('/api/tags', input),
  update: (id: number, input: TagInput) => http.put<TagView>(`/api/tags/${id}`, input),
  /** Re-evaluates the rule over the register: adds subjects that match now, removes rule-tagged ones that no longer do. */
  applyRule: (id: number) => http.post<TagApplyResult>(`/api/tags/${id}/apply-rule`),
  assignByList: (id: number, usccs: string[]) => http.post<TagListResult>(`/api/tags/${id}/subjects`, { usccs }),
};
