import type { ColumnType, Generated } from 'kysely';

export type ReviewDecision = '通过' | '退回';

/** A department admin's decision on a department's submitted results; 退回 reopens recording. */
export interface ResultReviewTable {
  id: Generated<number>;
  task_id: number;
  department_id: number;
  decision: ReviewDecision;
  reason: string | null;
  /** The submission the decision was made on. */
  submitted_at: Date;
  decided_by: number;
  decided_by_name: string;
  decided_at: Date;
}

/** What the results announcement publishes per department: departments, items and the overall result. */
export interface PublishedDepartment {
  name: string;
  items: string[];
  result: '未发现问题' | '发现问题';
}

/** One public result per task, written when every department has approved (the task becomes 已办结). */
export interface PublishedResultTable {
  id: Generated<number>;
  task_id: number;
  task_no: string;
  subject_name: string;
  uscc: string;
  plan_title: string | null;
  inspected_on: string;
  /** JSON of PublishedDepartment[]. */
  departments: ColumnType<string, string, string>;
  published_at: Date;
  published_on: string;
  /** Null when the deadline's year has no holiday notice loaded yet. */
  publish_due_on: string | null;
  late: boolean;
}
