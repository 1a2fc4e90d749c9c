import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { firstPending } from './pending.repository';

/**
 * The department's plan steps: special plans it is consulted on (征求意见, 5 working days), the annual plan it has not
 * submitted entries to by the deadline, and merge proposals (合并入企建议) awaiting its answer. `ref` is "kind:id".
 */
export const departmentPlanSteps = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT '专项:' || p.id AS ref, p.title, '专项检查方案征求意见，待答复是否参加' AS detail, p.consultation_deadline AS due_on
          FROM special_plan_consultations c JOIN special_plans p ON p.id = c.plan_id
         WHERE c.department_id = ${departmentId} AND c.answer IS NULL AND p.status = '征求意见中'
        UNION ALL
        SELECT '年度:' || a.id, a.title, '年度日常检查计划待报送本部门条目', a.submission_deadline
          FROM annual_plans a
         WHERE a.status = '编制中'
           AND NOT EXISTS (SELECT 1 FROM annual_plan_entries e WHERE e.plan_id = a.id AND e.department_id = ${departmentId})
        UNION ALL
        SELECT '合并:' || m.id, m.proposal_no || ' ' || s.name, '合并入企建议待答复', m.window_from
          FROM merge_proposal_parties x JOIN merge_proposals m ON m.id = x.proposal_id JOIN subjects s ON s.id = m.subject_id
         WHERE x.department_id = ${departmentId} AND x.answer IS NULL AND m.status = '待答复'`,
    today,
    limit,
  );

/** The joint office's plan steps: special plans submitted for review, annual plans to compile and publish. */
export const officePlanSteps = (db: Db, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT '专项:' || p.id AS ref, p.title, '专项检查方案待审核' AS detail, p.period_from AS due_on
          FROM special_plans p WHERE p.status = '已报送'
        UNION ALL
        SELECT '年度:' || a.id, a.title, '年度日常检查计划待汇编公布', a.publish_deadline
          FROM annual_plans a WHERE a.status = '编制中'`,
    today,
    limit,
  );

/** The department's data anomalies to fix and resend (待整改, 5 working days). */
export const anomaliesToFix = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT a.id::text AS ref, a.record_kind || '数据' || a.problem AS title, a.message AS detail, a.due_on
          FROM data_anomalies a WHERE a.department_id = ${departmentId} AND a.status = '待整改'`,
    today,
    limit,
  );

/** The user's unread notifications, newest first, and how many there are. */
export async function unreadNotifications(db: Db, userId: number, limit: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('notifications')
      .select(['id', 'title', 'body', 'link', 'created_at'])
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(total.n) };
}
