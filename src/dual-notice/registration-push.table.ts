import type { ColumnType, Generated } from 'kysely';

/**
 * What a department is told a registration for (《浦东新区“六个双”政府综合监管实施办法（暂行）》第六条、第九条):
 * licensing, industry supervision, comprehensive enforcement, or the 街镇 the subject is in.
 */
export const pushDuties = ['许可审批', '行业主管', '综合执法', '属地街镇'] as const;
export type PushDuty = (typeof pushDuties)[number];

/** 推送: the platform told the department; 认领: the department found the registration in the shared pool and claimed it. */
export const pushRoutes = ['推送', '认领'] as const;
export type PushRoute = (typeof pushRoutes)[number];

/**
 * One department (or 街镇) told of one registration (二告知), and its acknowledgement (一反馈, within 1 working day,
 * 第十一条). A registration whose departments are unclear gets no push and waits in the shared pool.
 */
export interface RegistrationPushTable {
  id: Generated<number>;
  registration_id: number;
  /** The department told; null for a 街镇 push. */
  department_id: number | null;
  /** The 街镇 told (a division code) for duty 属地街镇. */
  division_code: string | null;
  duty: PushDuty;
  route: PushRoute;
  /** The 双告知 catalog items the push concerns (empty for a claim or a 街镇). */
  approval_item_codes: string[];
  pushed_at: ColumnType<Date, Date, never>;
  /** The last day (China date) of the 1-working-day acknowledgement. */
  ack_due_on: string;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
}
