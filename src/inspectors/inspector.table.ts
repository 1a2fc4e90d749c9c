import type { ColumnType, Generated, Selectable } from 'kysely';
import type { InspectorStatus } from './inspector.schemas';

/**
 * 执法检查人员名录库. Everything the inspector draw needs is a column here: department, certificate
 * validity on the task date, enforcement fields, qualified sampling items, status and monthly capacity;
 * declared conflicts of interest are in inspector_conflicts. Rotation comes from assignment history.
 */
export interface InspectorTable {
  id: Generated<number>;
  name: string;
  /** Only the masked ID-card number is stored (first 6 and last 4 characters). */
  id_card_masked: string;
  phone: string;
  department_id: number;
  /** The inspector's platform account, when they have one (at most one inspector per account). */
  user_id: number | null;
  /** 执法证号, unique across the register. */
  certificate_no: string;
  certificate_issued_on: string;
  /** Last day the certificate is valid (inclusive). */
  certificate_valid_until: string;
  /** 执法领域, from `inspectorFields`. */
  fields: string[];
  /** Codes of the sampling items (随机抽查事项) the inspector is qualified for. */
  qualified_sampling_item_codes: string[];
  status: InspectorStatus;
  capacity_per_month: number;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type InspectorRow = Selectable<InspectorTable>;

/** A declared conflict of interest (利害关系回避): the inspector is never assigned to this subject. */
export interface InspectorConflictTable {
  inspector_id: number;
  subject_id: number;
  reason: string;
  declared_on: string;
}
