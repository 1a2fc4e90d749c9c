import type { ColumnType, Generated } from 'kysely';
import type { Commitment, EntropyReveal } from './engine/commitment';
import type { Design, DrawMeasures } from './engine/types';

export interface DrawRoundTable {
  id: Generated<number>;
  round_no: string;
  title: string;
  year: number;
  round_index: number;
  rounds_in_year: number;
  window_from: string;
  window_to: string;
  sampling_item_ids: number[];
  design: Design;
  commitment: ColumnType<Commitment, string, never>;
  commitment_hash: string;
  /** gzip of the frame snapshot and inspector snapshot JSON. */
  frame_snapshot: Buffer;
  created_by: number | null;
  created_at: Date;
}

export interface DrawRecordTable {
  id: Generated<number>;
  record_no: string;
  round_id: number;
  redraw_of: number | null;
  redraw_reason: string | null;
  seed: string;
  record_digest: string;
  measures: ColumnType<DrawMeasures, string, never>;
  /** gzip of the bundle JSON. */
  bundle: Buffer;
  /** What was entered (also in the bundle); null for records drawn before it was kept apart. */
  reveal: ColumnType<EntropyReveal | null, string | null, never>;
  created_by: number | null;
  created_at: Date;
}
