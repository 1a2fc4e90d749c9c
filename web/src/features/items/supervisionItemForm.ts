import {
  type CheckItemInput,
  checkItemInput,
  supervisionItemInput,
  type SupervisionItemInput,
  type SupervisionItemView,
} from '@server/items/supervision-item.schemas';
import type { FormItemRule, FormRules } from 'element-plus';
import { zodRule, zodRules } from '@/utils/zodRules';

/** The create/edit form: the department is unset until chosen; check items keep their codes (the server matches rows by code). */
export type SupervisionItemForm = Omit<
  SupervisionItemInput,
  'departmentId' | 'claimedFrom' | 'expectedVersion' | 'changeNote'
> & {
  departmentId: number | undefined;
  claimedFrom: string;
  changeNote: string;
};

export const blankCheckItem = (index: number): CheckItemInput => ({
  code: String(index + 1).padStart(2, '0'),
  content: '',
  method: '现场检查',
  basis: '',
});

/** The next free two-digit code after the rows already there. */
export function nextCheckItem(rows: readonly CheckItemInput[]): CheckItemInput {
  const used = new Set(rows.map((r) => r.code));
  let i = rows.length;
  while (used.has(String(i + 1).padStart(2, '0'))) i += 1;
  return blankCheckItem(i);
}

export const blankSupervisionItemForm = (): SupervisionItemForm => ({
  code: '',
  name: '',
  departmentId: undefined,
  legalBasis: '',
  objectType: '',
  measures: '',
  process: '',
  resultHandling: '',
  level: '市',
  responsibleLeader: '',
  responsibleUnit: '',
  responsiblePerson: '',
  licenceItems: [],
  source: '自有',
  claimedFrom: '',
  status: '有效',
  checkItems: [blankCheckItem(0)],
  changeNote: '',
});

export const supervisionItemFormOf = (v: SupervisionItemView): SupervisionItemForm => ({
  code: v.code,
  name: v.name,
  departmentId: v.departmentId,
  legalBasis: v.legalBasis,
  objectType: v.objectType,
  measures: v.measures,
  process: v.process,
  resultHandling: v.resultHandling,
  level: v.level,
  responsibleLeader: v.responsibleLeader,
  responsibleUnit: v.responsibleUnit,
  responsiblePerson: v.responsiblePerson,
  licenceItems: [...v.licenceItems],
  source: v.source,
  claimedFrom: v.claimedFrom ?? '',
  status: v.status,
  checkItems: v.checkItems.map(({ code, content, method, basis }) => ({ code, content, method, basis })),
  changeNote: '',
});

/** What the API takes; `version` is the one being edited (a newer one on the server means someone else saved meanwhile). */
export function supervisionItemInputOf(form: SupervisionItemForm, version?: number): SupervisionItemInput | undefined {
  const { departmentId, claimedFrom, changeNote, ...rest } = form;
  if (departmentId === undefined) return undefined;
  return {
    ...rest,
    departmentId,
    claimedFrom: form.source === '认领' ? claimedFrom.trim() || null : null,
    ...(version === undefined
      ? {}
      : { expectedVersion: version, ...(changeNote.trim() ? { changeNote: changeNote.trim() } : {}) }),
  };
}

const shape = supervisionItemInput.shape;
const textKeys = [
  'code',
  'name',
  'legalBasis',
  'objectType',
  'measures',
  'process',
  'resultHandling',
  'responsibleLeader',
  'responsibleUnit',
  'responsiblePerson',
] as const;

export const supervisionItemRules = (form: SupervisionItemForm): FormRules<SupervisionItemForm> => ({
  ...zodRules(shape, textKeys),
  departmentId: [{ required: true, message: '请选择实施部门', trigger: 'change' }],
  claimedFrom: [
    {
      validator: (_r, v: string, cb) =>
        cb(form.source === '认领' && !v.trim() ? new Error('认领的事项须填写上级监管事项目录编码') : undefined),
      trigger: 'blur',
    },
  ],
  checkItems: [
    {
      validator: (_r, v: unknown[], cb) => cb(v.length === 0 ? new Error('请至少填写一个检查子项') : undefined),
      trigger: 'change',
    },
  ],
});

/** Rules of one check-item row's cells, from the server's schema; duplicate codes are reported against the row. */
export function checkItemRules(form: SupervisionItemForm): Record<keyof CheckItemInput, FormItemRule[]> {
  const unique: FormItemRule = {
    trigger: 'blur',
    validator: (_r, v: string, cb) =>
      cb(form.checkItems.filter((c) => c.code === v).length > 1 ? new Error(`编码 ${v} 重复`) : undefined),
  };
  const s = checkItemInput.shape;
  return {
    code: [zodRule(s.code), unique],
    content: [zodRule(s.content)],
    method: [zodRule(s.method, 'change')],
    basis: [zodRule(s.basis)],
  };
}
