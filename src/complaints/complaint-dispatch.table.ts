import type { Generated } from 'kysely';

/**
 * A dispatch rule: complaints of the matter (any when null), of subjects whose industry code starts with
 * industry_prefix and whose division code starts with division_prefix (any when null) go to the department.
 * Among the rules that match, those of the smallest priority number decide.
 */
export interface ComplaintDispatchRuleTable {
  id: Generated<number>;
  matter_code: string | null;
  industry_prefix: string | null;
  division_prefix: string | null;
  department_id: number;
  priority: number;
  enabled: boolean;
  note: string;
  created_at: Date;
  updated_at: Date;
}
