import { tagInput, type TagInput, type TagView } from '@server/tags/tag.schemas';
import type { FormRules } from 'element-plus';
import { zodRules } from '@/utils/zodRules';

/** The create/edit form; the department is unset until chosen, an empty 有效期止 means open-ended. */
export type TagForm = Omit<TagInput, 'departmentId' | 'validTo'> & {
  departmentId: number | undefined;
  validTo: string;
};

export const blankTagForm = (today: string): TagForm => ({
  code: '',
  name: '',
  departmentId: undefined,
  meaning: '',
  validFrom: today,
  validTo: '',
  ruleIndustries: [],
  ruleKeywords: [],
});

export const tagFormOf = (t: TagView): TagForm => ({
  code: t.code,
  name: t.name,
  departmentId: t.departmentId,
  meaning: t.meaning,
  validFrom: t.validFrom,
  validTo: t.validTo ?? '',
  ruleIndustries: [...t.ruleIndustries],
  ruleKeywords: [...t.ruleKeywords],
});

export function tagInputOf({ departmentId, validTo, ...rest }: TagForm): TagInput | undefined {
  if (departmentId === undefined) return undefined;
  return { ...rest, departmentId, validTo: validTo || null };
}

export const tagRules = (form: TagForm): FormRules<TagForm> => ({
  ...zodRules(tagInput.shape, ['code', 'name', 'meaning']),
  departmentId: [{ required: true, message: '请选择所属部门', trigger: 'change' }],
  validFrom: [{ required: true, message: '请选择有效期起', trigger: 'change' }],
  validTo: [
    {
      validator: (_r, v: string, cb) => cb(v && v < form.validFrom ? new Error('有效期止不能早于有效期起') : undefined),
      trigger: 'change',
    },
  ],
  ruleKeywords: [
    {
      validator: (_r, v: string[], cb) =>
        cb(v.some((k) => k.trim().length < 2) ? new Error('关键词至少 2 个字') : undefined),
      trigger: 'change',
    },
  ],
});
