import type { ColumnType } from 'kysely';
import type { CreditRecordKind, CreditRecordStatus, CreditSeverity } from '../credit-records/credit-record.table';

/** A credit record as a run counted it (its version and status then): the run is recomputed from these. */
export interface CreditRunInputTable {
  run_id: number;
  record_id: number;
  subject_id: number;
  kind: CreditRecordKind;
  severity: CreditSeverity;
  occurred_on: ColumnType<string, string, string>;
  version: number;
  status: CreditRecordStatus;
}
