import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { firstPending } from './pending.repository';

/** Credit repair applications awaiting the credit office: acceptance (待受理) or the decision (已受理). */
export const repairsToDecide = (db: Db, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT a.repair_no AS ref, a.repair_no || ' ' || a.subject_name AS title,
               CASE a.status WHEN '待受理' THEN '信用修复申请待受理' ELSE '信用修复待核准' END AS detail,
               CASE a.status WHEN '待受理' THEN a.accept_due_on ELSE a.decision_due_on END AS due_on
          FROM credit_repair_applications a WHERE a.status IN ('待受理', '已受理')`,
    today,
    limit,
  );

/**
 * The department's credit tasks with deadlines: feedback on joint reward and punishment cases (联合奖惩, 待反馈), and
 * key targets it listed whose listing ends within 30 days (到期复核). `ref` is "kind:id".
 */
export const departmentCreditTasks = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT '奖惩:' || c.case_no AS ref, c.case_no || ' ' || s.name AS title,
               '联合' || c.kind || '待登记实施反馈' AS detail, f.due_on
          FROM credit_measure_feedbacks f JOIN credit_measure_cases c ON c.id = f.case_id JOIN subjects s ON s.id = c.subject_id
         WHERE f.department_id = ${departmentId} AND f.outcome = '待反馈' AND c.status = '实施中'
        UNION ALL
        SELECT '重点:' || k.id, s.name, '重点抽查对象（' || k.reason_kind || '）到期复核', k.expires_on
          FROM key_targets k JOIN subjects s ON s.id = k.subject_id
         WHERE k.department_id = ${departmentId} AND k.lifted_at IS NULL
           AND k.expires_on BETWEEN ${today}::date AND ${today}::date + 30`,
    today,
    limit,
  );

/** Credit runs awaiting review and push to the departments (待推送). */
export const runsToPush = (db: Db, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT r.id::text AS ref, r.run_no || ' ' || r.period AS title, '信用评价结果待复核推送' AS detail, NULL::date AS due_on
          FROM credit_runs r WHERE r.status = '待推送'`,
    today,
    limit,
  );
