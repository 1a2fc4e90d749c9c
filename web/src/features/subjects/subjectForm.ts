import type { SubjectInput, SubjectView } from '@server/subjects/subject.schemas';
import type { SubjectKind } from '@server/subjects/subject.table';
import { checkUscc } from '@server/shared/uscc';
import type { FormItemRule, FormRules } from 'element-plus';
import { isRiskLevel, type RiskLevel } from './labels';

export interface RiskRow {
  department: string;
  level: RiskLevel;
}

/** The create/edit form: SubjectInput with empty strings for the optional texts and the industry risk as rows. */
export type SubjectForm = Omit<
  SubjectInput,
  'kind' | 'legacyRegNo' | 'industryRisk' | 'contactPhone' | 'contactEmail'
> & {
  kind: SubjectKind | undefined;
  legacyRegNo: string;
  contactPhone: string;
  contactEmail: string;
  risks: RiskRow[];
};

export const blankSubjectForm = (): SubjectForm => ({
  uscc: '',
  keepFlaggedUscc: false,
  legacyRegNo: '',
  name: '',
  kind: undefined,
  legalRepresentative: '',
  contactPhone: '',
  contactEmail: '',
  divisionCode: '',
  registeredAddress: '',
  businessAddress: '',
  businessScope: '',
  industryCodes: [],
  registrationDate: null,
  status: '存续',
  creditClass: null,
  risks: [],
  whitelisted: false,
});

export function subjectFormOf(v: SubjectView): SubjectForm {
  const risks = Object.entries(v.industryRisk).flatMap(([department, level]) =>
    isRiskLevel(level) ? [{ department, level }] : [],
  );
  return {
    uscc: v.uscc,
    keepFlaggedUscc: v.usccProblem !== null,
    legacyRegNo: v.legacyRegNo ?? '',
    name: v.name,
    kind: v.kind,
    legalRepresentative: v.legalRepresentative,
    contactPhone: v.contactPhone ?? '',
    contactEmail: v.contactEmail ?? '',
    divisionCode: v.divisionCode,
    registeredAddress: v.registeredAddress,
    businessAddress: v.businessAddress,
    businessScope: v.businessScope,
    industryCodes: v.industries.map((i) => i.code),
    registrationDate: v.registrationDate,
    status: v.status,
    creditClass: v.creditClass,
    risks,
    whitelisted: v.whitelisted,
  };
}

/** What the API takes; undefined while the rules have not yet made sure of the kind. */
export function subjectInputOf({
  kind,
  risks,
  legacyRegNo,
  contactPhone,
  contactEmail,
  ...rest
}: SubjectForm): SubjectInput | undefined {
  if (kind === undefined) return undefined;
  const industryRisk = Object.fromEntries(
    risks.filter((r) => r.department.trim()).map((r) => [r.department.trim(), r.level]),
  );
  const uscc = rest.uscc.trim().toUpperCase();
  return {
    ...rest,
    uscc,
    kind,
    industryRisk,
    legacyRegNo: legacyRegNo.trim() || null,
    contactPhone: contactPhone.trim() || null,
    contactEmail: contactEmail.trim() || null,
    keepFlaggedUscc: rest.keepFlaggedUscc && !checkUscc(uscc).valid,
  };
}

const check = (problem: (value: string) => string | null, trigger = 'change'): FormItemRule => ({
  trigger,
  validator: (_rule, value: string, callback) => {
    const message = problem(value ?? '');
    callback(message ? new Error(message) : undefined);
  },
});

/** The server's rules, checked before sending: a USCC failing its checks is kept only when confirmed. */
export const subjectRules = (form: SubjectForm): FormRules<SubjectForm> => ({
  uscc: [
    { required: true, message: '请填写统一社会信用代码', trigger: 'blur' },
    check((v) => (checkUscc(v).valid || form.keepFlaggedUscc ? null : '请更正代码，或核对登记信息后勾选保留')),
  ],
  legacyRegNo: [{ pattern: /^[0-9]{15}$/, message: '原注册号应为 15 位数字', trigger: 'blur' }],
  contactPhone: [
    {
      pattern: /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/,
      message: '联系电话应为 11 位手机号或带区号的固定电话',
      trigger: 'blur',
    },
  ],
  contactEmail: [{ type: 'email', message: '电子邮箱格式不正确', trigger: 'blur' }],
  name: [
    { required: true, message: '请填写名称', trigger: 'blur' },
    { min: 2, max: 100, message: '名称 2–100 个字', trigger: 'blur' },
  ],
  kind: [{ required: true, message: '请选择主体类型', trigger: 'change' }],
  divisionCode: [
    { required: true, message: '请选择或填写行政区划', trigger: 'change' },
    { pattern: /^[0-9]{6}$/, message: '行政区划代码应为 6 位数字', trigger: 'change' },
  ],
  industryCodes: [{ type: 'array', max: 10, message: '行业代码最多 10 个', trigger: 'change' }],
});
