import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { firstPending } from './pending.repository';

/** Complaints no dispatch rule placed, or returned by a department (待分派), for the office to dispatch. */
export const complaintsToDispatch = (db: Db, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT c.ticket_no AS ref, c.ticket_no || ' ' || c.title AS title, '待分派：' || c.subject_name AS detail,
               c.ack_due AS due_on
          FROM complaints c WHERE c.status = '待分派'`,
    today,
    limit,
  );

/** The department's complaints at their next step (受理, 核查, 答复), each due by that step's deadline. */
export const complaintsToHandle = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT c.ticket_no AS ref, c.ticket_no || ' ' || c.title AS title,
               CASE c.status WHEN '待受理' THEN '待受理' WHEN '核查中' THEN '待核查' ELSE '待答复' END || '：' || c.subject_name
                 AS detail,
               CASE c.status WHEN '待受理' THEN c.ack_due WHEN '核查中' THEN c.verify_due ELSE c.reply_due END AS due_on
          FROM complaints c WHERE c.department_id = ${departmentId} AND c.status IN ('待受理', '核查中', '待答复')`,
    today,
    limit,
  );

/** The department's open warnings (待核查, 已核查, 处置中), due by the rule's disposal deadline. */
export const warningsToHandle = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT w.warning_no AS ref, w.warning_no || ' ' || s.name AS title, w.level || '色预警 ' || r.name || '，' || w.status
                 AS detail, w.due_on
          FROM warnings w JOIN warning_rules r ON r.code = w.rule_code JOIN subjects s ON s.id = w.subject_id
         WHERE w.department_id = ${departmentId} AND w.status IN ('待核查', '已核查', '处置中')`,
    today,
    limit,
  );

/**
 * What other departments sent the department and awaits it: case and clue transfers to accept (移送), assistance
 * requests to answer (协查), copies to sign (抄告, no deadline). `ref` is "kind:number".
 */
export const transfersAwaiting = (db: Db, departmentId: number, today: string, limit: number) =>
  firstPending(
    db,
    sql`SELECT '移送:' || x.transfer_no AS ref, x.transfer_no || ' ' || x.kind AS title,
               '待受理：' || x.subject_name AS detail, x.accept_due_on AS due_on
          FROM case_transfers x WHERE x.receiver_department_id = ${departmentId} AND x.status = '待受理'
        UNION ALL
        SELECT '协查:' || a.request_no, a.request_no || ' ' || a.kind, a.status || '：' || a.subject_name, a.due_on
          FROM assistance_requests a WHERE a.requested_department_id = ${departmentId} AND a.status IN ('待受理', '办理中')
        UNION ALL
        SELECT '抄告:' || n.copy_no, n.copy_no || ' ' || n.title, '抄告待签阅：' || n.subject_name, NULL::date
          FROM copy_recipients c JOIN copy_notices n ON n.id = c.copy_id
         WHERE c.department_id = ${departmentId} AND c.read_at IS NULL`,
    today,
    limit,
  );
