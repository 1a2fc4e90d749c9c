import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** 行政许可 or 行政处罚: the two kinds of decision published (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十九条). */
export const publicationKinds = ['行政许可', '行政处罚'] as const;
export type PublicationKind = (typeof publicationKinds)[number];

/**
 * Stored states of a publication. 公示期满 is not stored: a penalty whose 公示截止期 has passed is shown as such and no
 * longer listed publicly, exact on the day without a job.
 */
export const publicationStatuses = ['待公示', '已公示', '已更新', '已撤下'] as const;
export type PublicationStatus = (typeof publicationStatuses)[number];
/** The states shown to staff, 公示期满 included. */
export type PublicationState = PublicationStatus | '公示期满';

/** 新增 (first publication), 更新 (a change or a licence's revocation), 撤销 (a penalty taken down). */
export const pushOperations = ['新增', '更新', '撤销'] as const;
export type PushOperation = (typeof pushOperations)[number];

/**
 * The publication of one licence or penalty decision (双公示): due 7 working days after the decision (第四十条), the
 * version on the public portal, and the public fields (national 双公示 field names) as published.
 */
export interface PublicationTable {
  id: Generated<number>;
  kind: PublicationKind;
  record_id: number;
  /** The department that reviews and publishes (the deciding department, else the sender); null: none of ours. */
  department_id: number | null;
  counterpart_name: string;
  uscc: string | null;
  decided_on: string;
  /** The last day (China date) of the 7 working days; null while that year's holidays are not loaded. */
  due_on: string | null;
  /** A penalty's 公示截止期; null for a licence. */
  publicity_until: string | null;
  status: PublicationStatus;
  /** The record's latest received version. */
  record_version: number;
  /** The version on the public portal; null until published. */
  published_version: number | null;
  public_fields: JSONColumnType<Record<string, string>, string, string> | null;
  /** The first publication. */
  published_at: Date | null;
  published_by: number | null;
  /** Published after due_on (China date of published_at). */
  late: Generated<boolean>;
  withdrawn_reason: string | null;
  /** The last China day a deadline reminder was sent. */
  reminded_on: string | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

/** Whether a department's records are published on arrival (自动公示) or after its review (审核公示, the default). */
export interface PublicitySettingTable {
  department_id: number;
  auto_publish: boolean;
  updated_by: number | null;
  updated_at: Date;
}

/** Each push of a publication to the credit information platform, with its outbox message. */
export interface PublicationPushTable {
  id: Generated<number>;
  publication_id: number;
  operation: PushOperation;
  version: number;
  message_id: number;
  created_at: ColumnType<Date, Date, never>;
}
