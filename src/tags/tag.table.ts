import type { ColumnType, Generated, Selectable } from 'kysely';

export interface TagTable {
  id: Generated<number>;
  code: string;
  name: string;
  department_id: number;
  meaning: string;
  valid_from: string;
  valid_to: string | null;
  /** Subjects in any of these GB/T 4754 codes (any level) get the tag when the rule is applied. */
  rule_industries: string[];
  /** …or whose business scope contains any of these words. */
  rule_keywords: string[];
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}
export type TagRow = Selectable<TagTable>;

export interface SubjectTagTable {
  subject_id: number;
  tag_id: number;
  source: 'rule' | 'list';
  assigned_at: Date;
}
