import { licenceFieldNames, penaltyFieldNames, registrationFieldNames } from '@server/records/record-fields';
import {
  counterpartCategories,
  decisionStatuses,
  licenceCategories,
  penaltyCategories,
  registrationEvents,
} from '@server/records/record.table';
import { subjectKinds } from '@server/subjects/subject.table';
import type { RecordKindName } from './api';

/** One field of an online-entry form: its server name, Chinese label and input. */
export interface FormField {
  key: string;
  label: string;
  input: 'text' | 'textarea' | 'date' | 'select' | 'multi' | 'switch' | 'amount' | 'list';
  options?: readonly string[];
  required?: boolean;
  placeholder?: string;
  /** Shown only for some 行政相对人类别. */
  when?: (form: Record<string, unknown>) => boolean;
}

const natural = (f: Record<string, unknown>) => f['counterpartCategory'] === '自然人';
const organisation = (f: Record<string, unknown>) => f['counterpartCategory'] !== '自然人';

const field = (
  names: Record<string, string>,
  key: string,
  input: FormField['input'],
  more: Partial<FormField> = {},
): FormField => ({ key, label: names[key]!, input, ...more });

const counterpart = (names: typeof licenceFieldNames | typeof penaltyFieldNames): FormField[] => [
  field(names, 'counterpartCategory', 'select', { options: counterpartCategories, required: true }),
  field(names, 'counterpartName', 'text', { required: true }),
  field(names, 'uscc', 'text', { required: true, when: organisation, placeholder: '18 位统一社会信用代码' }),
  field(names, 'legalRepresentative', 'text', { when: organisation }),
  field(names, 'idNumber', 'text', {
    required: true,
    when: natural,
    placeholder: '18 位身份证号，加密保存，只显示脱敏形式',
  }),
];
const bodies = (names: typeof licenceFieldNames | typeof penaltyFieldNames): FormField[] => [
  field(names, 'decidedOn', 'date', { required: true }),
  field(names, 'authorityName', 'text', { required: true }),
  field(names, 'authorityUscc', 'text', { required: true }),
  field(names, 'sourceUnitName', 'text', { required: true }),
  field(names, 'sourceUnitUscc', 'text', { required: true }),
  field(names, 'status', 'select', { options: decisionStatuses, required: true }),
];

const r = registrationFieldNames;
const l = licenceFieldNames;
const p = penaltyFieldNames;

export const recordForms: Record<RecordKindName, FormField[]> = {
  registrations: [
    field(r, 'event', 'select', { options: registrationEvents, required: true }),
    field(r, 'uscc', 'text', { required: true }),
    field(r, 'name', 'text', { required: true }),
    field(r, 'subjectKind', 'select', { options: subjectKinds, required: true }),
    field(r, 'legalRepresentative', 'text', { required: true }),
    field(r, 'businessScope', 'textarea', { required: true }),
    field(r, 'industryCodes', 'list', { placeholder: '如 6210，多个用逗号分隔' }),
    field(r, 'divisionCode', 'text', { required: true, placeholder: '6 或 9 位行政区划代码' }),
    field(r, 'address', 'text', { required: true }),
    field(r, 'registeredOn', 'date', { required: true }),
    field(r, 'registrationAuthority', 'text', { required: true }),
    field(r, 'priorApproval', 'switch'),
  ],
  licences: [
    ...counterpart(l),
    field(l, 'decisionDocName', 'text', { required: true }),
    field(l, 'decisionDocNo', 'text', { required: true }),
    field(l, 'category', 'select', { options: licenceCategories, required: true }),
    field(l, 'certificateName', 'text'),
    field(l, 'certificateNo', 'text'),
    field(l, 'content', 'textarea', { required: true }),
    field(l, 'validFrom', 'date', { required: true }),
    field(l, 'validTo', 'date', { placeholder: '长期有效可空' }),
    ...bodies(l),
    field(l, 'appliedOn', 'date'),
  ],
  penalties: [
    ...counterpart(p),
    field(p, 'decisionDocNo', 'text', { required: true }),
    field(p, 'violationType', 'text', { required: true }),
    field(p, 'violationFacts', 'textarea', { required: true }),
    field(p, 'legalBasis', 'textarea', { required: true }),
    field(p, 'categories', 'multi', { options: penaltyCategories, required: true }),
    field(p, 'content', 'textarea', { required: true }),
    field(p, 'fineAmount', 'amount'),
    field(p, 'confiscatedAmount', 'amount', {
      label: '没收金额（万元）',
      placeholder: '没收违法所得、没收非法财物的金额',
    }),
    field(p, 'licenceAffected', 'text'),
    ...bodies(p),
    field(p, 'publicityUntil', 'date', { required: true }),
    field(p, 'taskNo', 'text', { placeholder: '处罚源于检查发现的问题时填写' }),
  ],
};

/** An empty form of a kind (the defaults a new record starts from). */
export function blankForm(kind: RecordKindName): Record<string, unknown> {
  const form: Record<string, unknown> = { senderRecordId: '' };
  for (const f of recordForms[kind]) form[f.key] = f.input === 'multi' ? [] : f.input === 'switch' ? false : '';
  if (kind === 'registrations') form['event'] = '设立';
  else {
    form['counterpartCategory'] = '法人及非法人组织';
    form['status'] = '有效';
  }
  return form;
}

/** The form's values as the server takes them: empty optional fields left out, lists split, hidden fields dropped. */
export function formBody(kind: RecordKindName, form: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (typeof form['senderRecordId'] === 'string' && form['senderRecordId'] !== '')
    body['senderRecordId'] = form['senderRecordId'];
  for (const f of recordForms[kind]) {
    if (f.when && !f.when(form)) continue;
    const value = form[f.key];
    if (f.input === 'list')
      body[f.key] = String(value ?? '')
        .split(/[,，、\s]+/)
        .filter(Boolean);
    else if (value === '' || value === null || value === undefined) continue;
    else body[f.key] = value;
  }
  if (kind !== 'registrations' && form['counterpartCategory'] === '自然人') body['uscc'] = null;
  return body;
}

/** A stored record back into a form (a correction starts from what is stored; an ID number is entered again). */
export function formOf(kind: RecordKindName, record: Record<string, unknown>): Record<string, unknown> {
  const form = blankForm(kind);
  for (const f of recordForms[kind]) {
    const value = record[f.key];
    if (value === undefined || value === null) continue;
    form[f.key] = f.input === 'list' && Array.isArray(value) ? value.join(',') : value;
  }
  form['senderRecordId'] = record['senderRecordId'] ?? '';
  form['idNumber'] = '';
  return form;
}
