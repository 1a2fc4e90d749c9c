import type { ColumnType, Generated } from 'kysely';

/**
 * The 双告知 catalog (《浦东新区“六个双”政府综合监管实施办法（暂行）》第七条): versioned. A version is drafted, then
 * published; a published version never changes, the latest published one is used for new registrations, and a
 * registration keeps the version it was proposed from.
 */
export const catalogStatuses = ['草稿', '已发布'] as const;
export type CatalogStatus = (typeof catalogStatuses)[number];

export interface CatalogVersionTable {
  id: Generated<number>;
  version_no: number;
  status: CatalogStatus;
  note: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  published_by: number | null;
  published_at: Date | null;
}

/** One post-registration approval item (后置审批事项) of a catalog version. */
export interface CatalogItemTable {
  id: Generated<number>;
  version_id: number;
  code: string;
  /** 审批事项 */
  name: string;
  licensing_department_id: number;
  /** 行业主管部门 */
  supervising_department_ids: number[];
  /** 综合执法部门 */
  enforcement_department_ids: number[];
  /** Words of the business scope (经营范围) that trigger the item. */
  keywords: string[];
  /** GB/T 4754 codes: a subject's industry code starting with one of them triggers the item. */
  industry_codes: string[];
  /** A 前置审批 (第四十二条): decided before registration, so the flow runs the other way round. */
  prior_approval: boolean;
  /** 养老、教育、金融、危化品… (第四十三条): the 告知 is complete only after a joint review. */
  high_risk: boolean;
  /** What the subject may not do before the licence, printed on the 告知书. */
  restriction: string;
}

/** The 双告知 of one registration: the catalog version its items were proposed from and its 告知书. */
export interface DualNoticeCaseTable {
  registration_id: number;
  catalog_version_id: number | null;
  notice_no: string | null;
  notice_issued_at: Date | null;
  notice_issued_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

export const caseItemSources = ['目录匹配', '人工添加'] as const;
export type CaseItemSource = (typeof caseItemSources)[number];

/** An approval item proposed for a registration (a copy of the catalog item, so later versions never change it). */
export interface DualNoticeCaseItemTable {
  registration_id: number;
  code: string;
  name: string;
  licensing_department_id: number;
  supervising_department_ids: number[];
  enforcement_department_ids: number[];
  prior_approval: boolean;
  high_risk: boolean;
  restriction: string;
  source: CaseItemSource;
  /** Why it matched: the keyword or the industry code. */
  matched_by: string;
  added_by: number | null;
  added_reason: Generated<string>;
  /** Removed by the licensing role with a reason (kept, not deleted). */
  removed_at: Date | null;
  removed_by: number | null;
  removed_reason: Generated<string>;
}

/** Who may sign the 承诺书 (第八条第二款). */
export const signerRoles = ['法定代表人', '负责人', '经营者', '授权人'] as const;
export type SignerRole = (typeof signerRoles)[number];

/** The signed 承诺书 of a registration: an uploaded scan or an e-signature. */
export interface DualNoticeCommitmentTable {
  registration_id: number;
  signer_name: string;
  signer_role: SignerRole;
  signed_on: string;
  e_signature: boolean;
  scan_file_name: string | null;
  scan_content_type: string | null;
  scan_size: number | null;
  scan_data: Buffer | null;
  recorded_by: number;
  recorded_at: Date;
}

export const reviewOpinions = ['同意', '不同意'] as const;
export type ReviewOpinion = (typeof reviewOpinions)[number];

/** One department's opinion in the joint review of a high-risk registration (联合审核, 第四十三条). */
export interface JointReviewTable {
  registration_id: number;
  department_id: number;
  item_codes: string[];
  opinion: ReviewOpinion | null;
  note: Generated<string>;
  answered_by: number | null;
  answered_at: Date | null;
}

/** 二反馈 (第十二条): a licence result reported within 7 working days of its decision, or late. */
export interface LicenceFeedbackTable {
  licence_id: number;
  department_id: number;
  decided_on: string;
  received_on: string;
  due_on: string;
  late: boolean;
}

/** At most one reminder per push, kind and China day. */
export interface DualNoticeReminderTable {
  push_id: number;
  kind: string;
  reminded_on: string;
  created_at: Date;
}
