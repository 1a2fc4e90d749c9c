import { sql } from 'kysely';
import type { ComplaintChannel, ComplaintStatus } from '../complaints/complaint.table';
import type { Db } from '../db/database';
import type { WarningStatus } from '../warnings/warning.table';
import type { DashboardFilter } from './dashboard-filter';
import { divisionRange } from './dashboard-scope.repository';

const ofDepartment = (column: string, f: DashboardFilter) =>
  f.departmentId === null ? sql`` : sql`AND ${sql.ref(column)} = ${f.departmentId}`;

/** Complaints received in the period by channel, status and matter (one scan, GROUPING SETS). */
export async function complaintCounts(db: Db, f: DashboardFilter) {
  const result = await sql<{
    channel: ComplaintChannel | null;
    status: ComplaintStatus | null;
    matter_code: string | null;
    matter_name: string | null;
    g: number;
    count: number;
  }>`
    SELECT c.channel, c.status, c.matter_code, m.name AS matter_name,
           GROUPING(c.channel, c.status, c.matter_code, m.name)::int AS g, count(*)::int AS count
      FROM complaints c JOIN complaint_matters m ON m.code = c.matter_code
     WHERE c.received_at >= (${f.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
       AND c.received_at < (${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       ${ofDepartment('c.department_id', f)}
       ${f.divisionCode ? sql`AND c.division_code LIKE ${`${f.divisionCode}%`}` : sql``}
     GROUP BY GROUPING SETS ((c.channel), (c.status), (c.matter_code, m.name))`.execute(db);
  const rows = result.rows;
  return {
    byChannel: rows
      .filter((r) => r.channel !== null && r.g === 7)
      .map((r) => ({ channel: r.channel!, count: r.count })),
    byStatus: rows.filter((r) => r.status !== null && r.g === 11).map((r) => ({ status: r.status!, count: r.count })),
    byMatter: rows
      .filter((r) => r.g === 12)
      .map((r) => ({ key: r.matter_code!, name: r.matter_name!, count: r.count }))
      .sort((a, b) => b.count - a.count),
  };
}

/** Warnings raised in the period by rule and by status. */
export async function warningCounts(db: Db, f: DashboardFilter) {
  const result = await sql<{
    rule_code: string | null;
    rule_name: string | null;
    status: WarningStatus | null;
    g: number;
    count: number;
  }>`
    SELECT w.rule_code, r.name AS rule_name, w.status, GROUPING(w.rule_code, r.name, w.status)::int AS g,
           count(*)::int AS count
      FROM warnings w JOIN warning_rules r ON r.code = w.rule_code
     WHERE w.raised_on BETWEEN ${f.from}::date AND ${f.to}::date ${ofDepartment('w.department_id', f)}
       ${
         f.divisionCode
           ? sql`AND w.subject_id IN (SELECT s.id FROM subjects s WHERE ${divisionRange(f.divisionCode)})`
           : sql``
       }
     GROUP BY GROUPING SETS ((w.rule_code, r.name), (w.status))`.execute(db);
  return {
    byRule: result.rows
      .filter((r) => r.g === 1)
      .map((r) => ({ key: r.rule_code!, name: r.rule_name!, count: r.count }))
      .sort((a, b) => b.count - a.count),
    byStatus: result.rows.filter((r) => r.g === 6).map((r) => ({ status: r.status!, count: r.count })),
  };
}

/** Key targets (重点抽查对象) listed and not lifted or expired today, by reason. */
export async function keyTargetCounts(db: Db, f: DashboardFilter) {
  const result = await sql<{ reason_kind: string; count: number }>`
    SELECT k.reason_kind, count(DISTINCT k.subject_id)::int AS count
      FROM key_targets k
     WHERE k.lifted_at IS NULL AND (k.expires_on IS NULL OR k.expires_on >= ${f.today}::date)
       ${ofDepartment('k.department_id', f)}
       ${
         f.divisionCode
           ? sql`AND k.subject_id IN (SELECT s.id FROM subjects s WHERE ${divisionRange(f.divisionCode)})`
           : sql``
       }
     GROUP BY k.reason_kind ORDER BY count DESC`.execute(db);
  return result.rows;
}

/** Key targets counted once each (a subject listed for two reasons is one target). */
export async function keyTargetTotal(db: Db, f: DashboardFilter) {
  const result = await sql<{ count: number }>`
    SELECT count(DISTINCT k.subject_id)::int AS count
      FROM key_targets k
     WHERE k.lifted_at IS NULL AND (k.expires_on IS NULL OR k.expires_on >= ${f.today}::date)
       ${ofDepartment('k.department_id', f)}
       ${
         f.divisionCode
           ? sql`AND k.subject_id IN (SELECT s.id FROM subjects s WHERE ${divisionRange(f.divisionCode)})`
           : sql``
       }`.execute(db);
  return result.rows[0]?.count ?? 0;
}
