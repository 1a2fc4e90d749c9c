import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * Records the platform receives from other systems (《浦东新区“六个双”政府综合监管实施办法（暂行）》第九条、第十二条、
 * 第四十条): registration events (登记注册信息), licence decisions (行政许可) and penalty decisions (行政处罚).
 * Each arrives through an API, a batch file or online entry, keyed by its sender and the sender's own record id
 * (re-delivery of the same record is idempotent; a changed payload is a new version of the same record).
 */
export const recordChannels = ['接口', '批量', '在线'] as const;
export type RecordChannel = (typeof recordChannels)[number];

export const recordKinds = ['登记注册', '行政许可', '行政处罚'] as const;
export type RecordKind = (typeof recordKinds)[number];

/** 登记注册 events (设立, 变更, 注销) of a market subject. */
export const registrationEvents = ['设立', '变更', '注销'] as const;
export type RegistrationEvent = (typeof registrationEvents)[number];

/** 行政相对人类别 of the national 双公示 data items. */
export const counterpartCategories = ['法人及非法人组织', '自然人', '个体工商户'] as const;
export type CounterpartCategory = (typeof counterpartCategories)[number];

/** 许可类别 of the national 双公示 data items. */
export const licenceCategories = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;
export type LicenceCategory = (typeof licenceCategories)[number];

/** 当前状态 of a licence or penalty decision; a change or revocation updates the publication (第四十条第二款). */
export const decisionStatuses = ['有效', '已变更', '已撤销', '已注销', '已吊销'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/** 处罚类别 (《中华人民共和国行政处罚法》第九条). */
export const penaltyCategories = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
] as const;
export type PenaltyCategory = (typeof penaltyCategories)[number];

/** Who sent a record and how: the sender is the department (its id) or, for online entry, the entering department. */
interface ReceivedColumns {
  id: Generated<number>;
  /** The sending department (the department of the API token's user, of the importer, or of the online entry). */
  sender_department_id: number;
  /** The sender's own id of the record: the idempotency key with sender_department_id. Online entry gets a platform id. */
  sender_record_id: string;
  channel: RecordChannel;
  /** SHA-256 of the record's canonical JSON: the same record delivered again is recognised and left alone. */
  payload_digest: string;
  /** 1 on arrival; each accepted change adds 1 (every version is kept in received_record_versions). */
  version: number;
  subject_id: number | null;
  received_by: number | null;
  received_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

export interface BusinessRegistrationTable extends ReceivedColumns {
  /** The platform's number, e.g. DJZC2026-000001. */
  registration_no: string;
  event: RegistrationEvent;
  uscc: string;
  name: string;
  /** The subject kind as the register knows it (企业, 个体工商户…). */
  subject_kind: string;
  legal_representative: string;
  business_scope: string;
  industry_codes: string[];
  /** The 街镇 (division code) the subject is in. */
  division_code: string;
  address: string;
  registered_on: string;
  /** 登记机关 */
  registration_authority: string;
  /** The registration needed a 前置审批 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第四十二条): the flow runs the other way round. */
  prior_approval: boolean;
}

/** Columns that identify the counterpart (行政相对人) of a decision. */
interface CounterpartColumns {
  counterpart_category: CounterpartCategory;
  counterpart_name: string;
  /** The credit code; null only for a natural person. */
  uscc: string | null;
  legal_representative: string;
  /** A natural person's ID number, masked (110101********1234); never published. */
  id_number_masked: string | null;
  /** The same number encrypted (AES-256-GCM, key kept outside the database), for matching by authorised staff only. */
  id_number_cipher: string | null;
}

/** Columns of the deciding and sending bodies (national 双公示 data items). */
interface DecisionBodyColumns {
  decided_on: string;
  /** 许可机关 / 处罚机关 and its credit code. */
  authority_name: string;
  authority_uscc: string;
  /** 数据来源单位 and its credit code. */
  source_unit_name: string;
  source_unit_uscc: string;
  status: DecisionStatus;
  /** The platform department responsible for the decision, when it is one of ours (null for a city or national body). */
  department_id: number | null;
}

export interface LicenceRecordTable extends ReceivedColumns, CounterpartColumns, DecisionBodyColumns {
  /** 行政许可决定文书名称 / 文号 */
  decision_doc_name: string;
  decision_doc_no: string;
  category: LicenceCategory;
  /** 许可证书名称 / 编号 (may be empty when no certificate is issued). */
  certificate_name: string;
  certificate_no: string;
  /** 许可内容 */
  content: string;
  valid_from: string;
  valid_to: string | null;
  /** The 双告知 catalog item the licence satisfies, when known. */
  approval_item_code: string | null;
  /** When the application was accepted (受理), for the 办证时限 tracked by the supervision office (第十八条). */
  applied_on: string | null;
  /** The registration event the licence answers, when known. */
  registration_id: number | null;
}

export interface PenaltyRecordTable extends ReceivedColumns, CounterpartColumns, DecisionBodyColumns {
  /** 行政处罚决定书文号 */
  decision_doc_no: string;
  /** 违法行为类型 */
  violation_type: string;
  /** 违法事实 */
  violation_facts: string;
  /** 处罚依据 */
  legal_basis: string;
  categories: PenaltyCategory[];
  /** 处罚内容 */
  content: string;
  /** 罚款金额（万元） and 没收违法所得、没收非法财物的金额（万元）, as decimal strings. */
  fine_amount: string | null;
  confiscated_amount: string | null;
  /** 暂扣或吊销证照名称及编号 */
  licence_affected: string;
  /** 公示截止期 */
  publicity_until: string;
  /** The inspection task whose finding led to the penalty (《黄浦区精准高效协同监管实施办法（试行）》第十六条第二款). */
  task_id: number | null;
}

/** Every accepted version of a received record, append-only: what was received, when, through which channel. */
export interface ReceivedRecordVersionTable {
  id: Generated<number>;
  kind: RecordKind;
  record_id: number;
  version: number;
  channel: RecordChannel;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  payload_digest: string;
  received_by: number | null;
  received_at: ColumnType<Date, Date, never>;
}
