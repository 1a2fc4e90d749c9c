import {
  type InspectorCreate,
  type InspectorField,
  inspectorFields,
  type InspectorStatus,
  type InspectorView,
} from '@server/inspectors/inspector.schemas';
import type { FormRules } from 'element-plus';

/** The create/edit form; the department is unset until chosen and the ID number is blank when editing (kept unless re-entered). */
export interface InspectorForm {
  name: string;
  idCard: string;
  phone: string;
  departmentId: number | undefined;
  userId: number | null;
  certificateNo: string;
  certificateIssuedOn: string;
  certificateValidUntil: string;
  fields: InspectorField[];
  qualifiedSamplingItemCodes: string[];
  status: InspectorStatus;
  capacityPerMonth: number;
}

export const blankInspectorForm = (): InspectorForm => ({
  name: '',
  idCard: '',
  phone: '',
  departmentId: undefined,
  userId: null,
  certificateNo: '',
  certificateIssuedOn: '',
  certificateValidUntil: '',
  fields: [],
  qualifiedSamplingItemCodes: [],
  status: '在岗',
  capacityPerMonth: 20,
});

const isField = (f: string): f is InspectorField => (inspectorFields as readonly string[]).includes(f);

export const inspectorFormOf = (v: InspectorView): InspectorForm => ({
  name: v.name,
  idCard: '',
  phone: v.phone,
  departmentId: v.departmentId,
  userId: v.userId,
  certificateNo: v.certificateNo,
  certificateIssuedOn: v.certificateIssuedOn,
  certificateValidUntil: v.certificateValidUntil,
  fields: v.fields.filter(isField),
  qualifiedSamplingItemCodes: [...v.qualifiedSamplingItemCodes],
  status: v.status,
  capacityPerMonth: v.capacityPerMonth,
});

/** What the API takes (the update leaves the ID number out when blank); undefined while no department is chosen. */
export function inspectorInputOf({
  departmentId,
  idCard,
  ...rest
}: InspectorForm): (Omit<InspectorCreate, 'idCard'> & { idCard?: string }) | undefined {
  if (departmentId === undefined) return undefined;
  const trimmed = idCard.trim().toUpperCase();
  return {
    ...rest,
    departmentId,
    name: rest.name.trim(),
    phone: rest.phone.trim(),
    ...(trimmed ? { idCard: trimmed } : {}),
  };
}

export const inspectorRules = (form: InspectorForm, creating: () => boolean): FormRules<InspectorForm> => ({
  name: [
    { required: true, message: '请填写姓名', trigger: 'blur' },
    { min: 2, max: 30, message: '姓名 2–30 个字', trigger: 'blur' },
  ],
  idCard: [
    {
      validator: (_r, v: string, cb) => cb(creating() && !v.trim() ? new Error('请填写身份证号') : undefined),
      trigger: 'blur',
    },
    { pattern: /^([0-9]{17}[0-9Xx])?$/, message: '身份证号应为 18 位', trigger: 'blur' },
  ],
  phone: [
    { required: true, message: '请填写电话', trigger: 'blur' },
    {
      pattern: /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/,
      message: '电话应为 11 位手机号或带区号的固定电话',
      trigger: 'blur',
    },
  ],
  departmentId: [{ required: true, message: '请选择部门', trigger: 'change' }],
  certificateNo: [
    { required: true, message: '请填写执法证号', trigger: 'blur' },
    { max: 40, message: '执法证号不超过 40 个字符', trigger: 'blur' },
  ],
  certificateIssuedOn: [{ required: true, message: '请选择发证日期', trigger: 'change' }],
  certificateValidUntil: [
    { required: true, message: '请选择有效期至', trigger: 'change' },
    {
      validator: (_r, v: string, cb) =>
        cb(
          v && form.certificateIssuedOn && v < form.certificateIssuedOn
            ? new Error('有效期至不能早于发证日期')
            : undefined,
        ),
      trigger: 'change',
    },
  ],
  fields: [{ type: 'array', required: true, min: 1, message: '至少选择一个执法领域', trigger: 'change' }],
});
