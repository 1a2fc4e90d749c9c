import type { ColumnType, Generated, Selectable } from 'kysely';

export const subjectKinds = ['企业', '个体工商户', '农民专业合作社', '社会组织', '事业单位', '其他'] as const;
export type SubjectKind = (typeof subjectKinds)[number];
export const subjectStatuses = ['存续', '注销', '吊销', '迁出'] as const;
export type SubjectStatus = (typeof subjectStatuses)[number];
export const creditClasses = ['A', 'B', 'C', 'D'] as const;
export type CreditClass = (typeof creditClasses)[number];

export interface SubjectTable {
  id: Generated<number>;
  uscc: string;
  /** Why the code fails GB 32100 / GB 11714, when a user kept it deliberately; null when valid. */
  uscc_problem: string | null;
  uscc_kept: boolean;
  legacy_reg_no: string | null;
  name: string;
  name_bigrams: string[];
  kind: SubjectKind;
  legal_representative: string;
  /** The subject's contact for messages from the platform (e.g. its 企业查询码): mobile or landline, e-mail. */
  contact_phone: string | null;
  contact_email: string | null;
  division_code: string;
  registered_address: string;
  business_address: string;
  business_scope: string;
  industry_codes: string[];
  /** industry_codes with every ancestor code, for filtering by section, division or group. */
  industry_scope: string[];
  registration_date: string | null;
  status: SubjectStatus;
  credit_class: CreditClass | null;
  /** Industry risk level per department or sector, e.g. { "市应急管理局": "高" }. */
  industry_risk: ColumnType<Record<string, string>, string, string>;
  whitelisted: boolean;
  key_target: boolean;
  key_target_reason: string | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type SubjectRow = Selectable<SubjectTable>;
