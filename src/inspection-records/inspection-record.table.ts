import type { CheckResult } from '../inspections/inspection.table';

/**
 * 非现场检查: a department's check of a task done by data or remote means (《关于加强和规范行政执法事中事后监管的实施意见》（四）2, 《黄浦区精准高效协同监管实施办法（试行）》第十八条).
 * It counts in place of a visit for that department; the export shows 检查形式 非现场.
 */
export interface OffsiteInspectionTable {
  task_id: number;
  department_id: number;
  method: string;
  data_source: string;
  conducted_on: string;
  recorded_by: number;
  recorded_by_name: string;
  recorded_at: Date;
}

export interface OffsiteResultTable {
  task_id: number;
  department_id: number;
  check_item_id: number;
  item_code: string;
  result: CheckResult;
  notes: string;
}
