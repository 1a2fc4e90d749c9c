import {
  ratioOrderProblems,
  samplingItemInput,
  type SamplingItemInput,
  type SamplingItemView,
} from '@server/items/sampling-item.schemas';
import type { ClassRatios } from '@server/items/sampling-item.table';
import type { FormRules } from 'element-plus';
import { zodRules } from '@/utils/zodRules';

/** The create/edit form; `useDefaults` sends no ratios, so the platform's defaults apply when saving. */
export type SamplingItemForm = Omit<SamplingItemInput, 'departmentId' | 'ratios'> & {
  departmentId: number | undefined;
  useDefaults: boolean;
  ratios: ClassRatios;
};

export const blankSamplingItemForm = (defaults: ClassRatios | null): SamplingItemForm => ({
  code: '',
  name: '',
  departmentId: undefined,
  checkItemIds: [],
  basis: '',
  scope: { industries: [], tags: [], subjectKinds: [], divisions: [] },
  method: '双随机',
  useDefaults: true,
  ratios: { A: 0, B: 0, C: 0, D: 0, ...defaults },
  frequency: '每年一次',
  inspectorRequirements: { fields: [], minInspectors: 2 },
  aClassExempt: false,
  status: '有效',
});

export const samplingItemFormOf = (v: SamplingItemView): SamplingItemForm => ({
  code: v.code,
  name: v.name,
  departmentId: v.departmentId,
  checkItemIds: v.checkItems.map((c) => c.id),
  basis: v.basis,
  scope: {
    industries: [...v.scope.industries],
    tags: [...v.scope.tags],
    subjectKinds: [...v.scope.subjectKinds],
    divisions: [...v.scope.divisions],
  },
  method: v.method,
  useDefaults: false,
  ratios: { ...v.ratios },
  frequency: v.frequency,
  inspectorRequirements: {
    fields: [...v.inspectorRequirements.fields],
    minInspectors: v.inspectorRequirements.minInspectors,
  },
  aClassExempt: v.aClassExempt,
  status: v.status,
});

export function samplingItemInputOf({
  departmentId,
  useDefaults,
  ratios,
  ...rest
}: SamplingItemForm): SamplingItemInput | undefined {
  if (departmentId === undefined) return undefined;
  return { ...rest, departmentId, ratios: useDefaults ? null : { ...ratios } };
}

export const samplingItemRules = (form: SamplingItemForm): FormRules<SamplingItemForm> => ({
  ...zodRules(samplingItemInput.shape, ['code', 'name', 'basis', 'method']),
  departmentId: [{ required: true, message: '请选择所属部门', trigger: 'change' }],
  checkItemIds: [
    { type: 'array', required: true, min: 1, message: '请至少关联一个检查子项（抽查内容）', trigger: 'change' },
  ],
  ratios: [
    {
      trigger: 'change',
      validator: (_r, _v, cb) => {
        const problems = form.useDefaults ? [] : ratioOrderProblems(form.ratios);
        cb(problems.length ? new Error(problems.map((p) => p.message).join('；')) : undefined);
      },
    },
  ],
});
