import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';

type DateColumn = ColumnType<string, string, string>;
type OptionalDate = ColumnType<string | null, string | null, string | null>;

/** 行政相对人类别 of an exposed case (the national 双公示 vocabulary): a natural person is never named in full. */
export const subjectCategories = ['法人及非法人组织', '个体工商户', '自然人'] as const;
export type SubjectCategory = (typeof subjectCategories)[number];

export const publicationStatuses = ['已发布', '已撤回'] as const;
export type PublicationStatus = (typeof publicationStatuses)[number];

/** 曝光台 typical case (《金华市婺城区人民政府办公室关于加强和规范行政执法事中事后监管的实施意见》（二）2). */
export interface ExposureCaseTable {
  id: Generated<number>;
  /** BGT2026-0001 */
  case_no: string;
  department_id: number;
  title: string;
  subject_category: SubjectCategory;
  subject_name: string;
  uscc: string | null;
  violation: string;
  handling: string;
  legal_basis: string;
  /** The penalty decision the case is about, when there is one among the received penalty records. */
  penalty_record_id: number | null;
  decided_on: DateColumn;
  status: PublicationStatus;
  version: number;
  published_at: Date;
  updated_at: Date;
  withdrawn_at: Date | null;
  withdraw_reason: Generated<string>;
  created_by: number | null;
  updated_by: number | null;
}
export type ExposureCaseRow = Selectable<ExposureCaseTable>;

export const exposureActions = ['发布', '更新', '撤回'] as const;
export type ExposureAction = (typeof exposureActions)[number];

/** Each publication step of a case with the case as it then stood (append-only: a trigger refuses changes). */
export interface ExposureCaseEventTable {
  id: Generated<number>;
  case_id: number;
  version: number;
  action: ExposureAction;
  snapshot: JSONColumnType<Record<string, unknown>, string, never>;
  note: Generated<string>;
  actor_user_id: number | null;
  actor_name: string;
  at: Date;
}

/** 监管动态: a department's news item. */
export interface PortalNewsTable {
  id: Generated<number>;
  department_id: number;
  title: string;
  body: string;
  published_on: DateColumn;
  status: PublicationStatus;
  withdraw_reason: Generated<string>;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_by: number | null;
  updated_at: Date;
  withdrawn_at: Date | null;
}

export const knowledgeCategories = ['法律', '行政法规', '地方性法规', '部门规章', '规范性文件', '典型案例'] as const;
export type KnowledgeCategory = (typeof knowledgeCategories)[number];
export const validities = ['现行有效', '已修订', '已废止', '尚未施行'] as const;
export type Validity = (typeof validities)[number];

/** 知识库 entry (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十六条). search_* hold the normalised text (knowledge-text.ts). */
export interface KnowledgeEntryTable {
  id: Generated<number>;
  category: KnowledgeCategory;
  title: string;
  issuer: string;
  doc_no: Generated<string>;
  issued_on: OptionalDate;
  effective_on: OptionalDate;
  validity: Validity;
  repealed_on: OptionalDate;
  body: string;
  related_item_codes: string[];
  department_id: number;
  search_title: string;
  search_doc_no: string;
  search_body: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_by: number | null;
  updated_at: Date;
}

export interface GuideCheck {
  code: string;
  content: string;
  method: string;
  basis: string;
}

/** A supervision item as a guide shows it (frozen into the published version). */
export interface GuideItem {
  code: string;
  name: string;
  departmentName: string;
  legalBasis: string;
  /** The scope codes through which the item applies, with their names. */
  scope: { code: string; name: string }[];
  /** True when every such scope is narrower than the guide's industry (applies to part of it). */
  partial: boolean;
  checks: GuideCheck[];
}

/** The lead department (牵头主管部门) of an industry's 一业一册, assigned by the joint office. */
export interface IndustryGuideLeadTable {
  industry_code: string;
  department_id: number;
  assigned_by: number | null;
  assigned_at: Date;
}

export const guideStatuses = ['草稿', '已发布'] as const;
export type GuideStatus = (typeof guideStatuses)[number];

/**
 * One version of an industry's 一业一册. At most one draft per industry; publishing freezes the text and the
 * items assembled at that moment (`items`), and a trigger refuses any later change of a published version.
 */
export interface IndustryGuideTable {
  id: Generated<number>;
  industry_code: string;
  version: number;
  status: GuideStatus;
  department_id: number;
  introduction: string;
  key_obligations: string;
  common_violations: string;
  tips: string;
  items: ColumnType<GuideItem[] | null, string | null, string | null>;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_by: number | null;
  updated_at: Date;
  published_by: number | null;
  published_at: Date | null;
}
