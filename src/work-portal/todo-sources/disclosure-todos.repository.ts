import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { firstPending } from './pending.repository';

/** 双公示: the department's decisions awaiting publication, due 7 working days after the decision. */
export const publicationsDue = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT p.id::text AS ref, p.kind || '：' || p.counterpart_name AS title,
               '决定日期 ' || to_char(p.decided_on, 'YYYY-MM-DD') || '，待审核公示' AS detail, p.due_on
          FROM publications p WHERE p.department_id = ${departmentId} AND p.status = '待公示'`,
    today,
    limit,
  );

/** 双告知 registration pushes the department has not acknowledged (一反馈, 1 working day). */
export const pushesToAcknowledge = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT p.id::text AS ref, r.name AS title, '登记信息待签收（' || p.duty || '）' AS detail, p.ack_due_on AS due_on
          FROM registration_pushes p JOIN business_registrations r ON r.id = p.registration_id
         WHERE p.department_id = ${departmentId} AND p.acknowledged_at IS NULL`,
    today,
    limit,
  );

/** 双跟踪 follow-ups still to do (待跟踪), due two months after the push. */
export const followUpsDue = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT f.follow_up_no AS ref, f.follow_up_no || ' ' || f.subject_name AS title,
               '照后证前跟踪检查，推送日 ' || to_char(f.pushed_on, 'YYYY-MM-DD') AS detail, f.due_on
          FROM follow_ups f WHERE f.department_id = ${departmentId} AND f.status = '待跟踪'`,
    today,
    limit,
  );

/** Licence applications the department is handling (办理中): their acceptance date and promised working days. */
export const openLicenceApplications = (db: Db, departmentId: number) =>
  db
    .selectFrom('licence_applications')
    .select(['application_no', 'applicant_name', 'approval_item_name', 'accepted_on', 'promised_days'])
    .where('department_id', '=', departmentId)
    .where('status', '=', '办理中')
    .orderBy('accepted_on')
    .limit(500)
    .execute();
