import type { Generated } from 'kysely';

/** 任务公告: one draw record's tasks made public, once, immutable. */
export interface TaskAnnouncementTable {
  id: Generated<number>;
  draw_record_id: number;
  title: string;
  task_count: number;
  published_at: Date;
  published_by: number | null;
}
