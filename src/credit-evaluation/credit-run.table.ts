import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CreditClass } from '../subjects/subject.table';

export const creditModelStatuses = ['草稿', '已发布', '已停用'] as const;
export type CreditModelStatus = (typeof creditModelStatuses)[number];

/** A version of the evaluation model (公共信用综合评价模型); a published version never changes. */
export interface CreditModelTable {
  id: Generated<number>;
  version: number;
  name: string;
  status: CreditModelStatus;
  /** Indicators, weights, time decay, one-vote vetoes and class cut-offs (src/credit-evaluation). */
  definition: ColumnType<unknown, string, string>;
  note: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
  published_by: number | null;
  published_at: Date | null;
}
export type CreditModelRow = Selectable<CreditModelTable>;

export const creditRunStatuses = ['运行中', '待推送', '已推送', '失败'] as const;
export type CreditRunStatus = (typeof creditRunStatuses)[number];

/**
 * One evaluation run: immutable once finished. Its model version and the digest of its inputs make it
 * reproducible; 已推送 runs are the ones departments and the draw use (the latest pushed run is current).
 */
export interface CreditRunTable {
  id: Generated<number>;
  /** XYPJ2026Q4-01 */
  run_no: string;
  model_id: number;
  /** '2026Q4' */
  period: string;
  /** The day the records are counted up to (decay is measured from it). */
  as_of: ColumnType<string, string, string>;
  trigger: '定时' | '手动';
  status: CreditRunStatus;
  inputs_digest: string | null;
  results_digest: string | null;
  subject_count: number;
  record_count: number;
  upgraded: number;
  downgraded: number;
  error: string | null;
  started_by: number | null;
  started_at: Date;
  finished_at: Date | null;
  pushed_by: number | null;
  pushed_at: Date | null;
  /** The pushed run the movements are measured against (null: the register's classes before the first push). */
  previous_run_id: number | null;
}
export type CreditRunRow = Selectable<CreditRunTable>;

/** A subject's score and class in a run, with each indicator's contribution (null: no records, the base score). */
export interface CreditRunResultTable {
  run_id: number;
  subject_id: number;
  score: ColumnType<string, string | number, string | number>;
  credit_class: CreditClass;
  previous_class: CreditClass | null;
  veto: string | null;
  contributions: ColumnType<unknown, string | null, string | null>;
}
export type CreditRunResultRow = Selectable<CreditRunResultTable>;
