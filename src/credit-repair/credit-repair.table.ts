import type { ColumnType, Generated, Selectable } from 'kysely';

/** 送达方式 of the 五书同达 documents. */
export const serviceMethods = ['直接送达', '邮寄送达', '电子送达', '留置送达'] as const;
export type ServiceMethod = (typeof serviceMethods)[number];

/**
 * The four companion documents of one penalty decision (五书同达, 《日照市人民政府办公室印发关于深入推进跨部门综合监管的
 * 实施意见的通知》（十七））: prepared when the penalty is received, generated as PDFs on request, and their service.
 */
export interface PenaltyDocumentSetTable {
  id: Generated<number>;
  /** WSTD2026-00001 */
  set_no: string;
  penalty_id: number;
  department_id: number | null;
  /** 《行政处罚决定书》 文号 each document cites. */
  decision_doc_no: string;
  counterpart_name: string;
  uscc: string | null;
  prepared_on: ColumnType<string, string, string>;
  served_method: ServiceMethod | null;
  served_on: ColumnType<string | null, string | null, string | null>;
  served_by: string | null;
  e_signed: Generated<boolean>;
  receipt_file_name: string | null;
  receipt_content_type: string | null;
  receipt_data: Buffer | null;
  service_recorded_by: number | null;
  service_recorded_at: Date | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type PenaltyDocumentSetRow = Selectable<PenaltyDocumentSetTable>;

/** How an application arrived: the subject on the public portal, or staff at the counter on its behalf. */
export const repairChannels = ['门户', '窗口'] as const;
export type RepairChannel = (typeof repairChannels)[number];

export const repairStatuses = ['待受理', '待补正', '已受理', '已修复', '不予修复'] as const;
export type RepairStatus = (typeof repairStatuses)[number];

/** What the subject states it has done (《失信行为纠正后的信用信息修复管理办法（试行）》). */
export const repairStatements = ['已履行行政处罚决定', '已纠正失信行为', '信用承诺'] as const;
export type RepairStatement = (typeof repairStatements)[number];

export interface CreditRepairApplicationTable {
  id: Generated<number>;
  /** XYXF2026-00001 */
  repair_no: string;
  penalty_id: number;
  /** The penalty's department (its decision). */
  department_id: number | null;
  uscc: string;
  subject_name: string;
  decision_doc_no: string;
  channel: RepairChannel;
  statements: RepairStatement[];
  statement_text: string;
  contact_name: string;
  contact_phone: string;
  status: RepairStatus;
  /** The last day to accept or ask for more (2 working days after it arrived). */
  accept_due_on: ColumnType<string | null, string | null, string | null>;
  /** The last day to decide (5 working days after acceptance). */
  decision_due_on: ColumnType<string | null, string | null, string | null>;
  supplement_request: string | null;
  decision_reason: string | null;
  accepted_at: Date | null;
  decided_at: Date | null;
  decided_by: number | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type CreditRepairApplicationRow = Selectable<CreditRepairApplicationTable>;

export interface CreditRepairEvidenceTable {
  id: Generated<number>;
  application_id: number;
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg';
  size: number;
  data: Buffer;
  uploaded_at: Date;
}

/** The progress the subject sees on the portal: each step with its note. */
export interface CreditRepairEventTable {
  id: Generated<number>;
  application_id: number;
  action: string;
  note: string | null;
  by_name: string;
  at: Date;
}
