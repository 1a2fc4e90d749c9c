import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { RuleHit, RuleParams } from './warning-rules';

/**
 * The built-in rules, each one query over the platform's data (complaints, tasks and results, case transfers,
 * licences and follow-ups, the subject register). Each returns the cases it finds; the run (warning-run.service.ts)
 * turns the new ones into warnings. `today` is the China date of the run.
 */

const daysBefore = (today: string, days: number) => sql`(${today}::date - ${days}::int)`;

/** The date a task was inspected: check-in, else the latest off-site check (as src/tasks/task-dates.ts). */
const inspectedOn = sql`coalesce(
  (SELECT vv.checked_in_on FROM inspection_visits vv WHERE vv.task_id = t.id),
  (SELECT max(oo.conducted_on) FROM offsite_inspections oo WHERE oo.task_id = t.id))`;

/** ≥ minCount complaints (not refused) on one subject (and one matter) received within windowDays. */
export async function repeatComplaints(
  db: Db,
  p: RuleParams<'repeat_complaints'>,
  today: string,
): Promise<RuleHit<'repeat_complaints'>[]> {
  const matter = p.sameMatter ? sql`c.matter_code` : sql`NULL::text`;
  const { rows } = await sql<{
    subject_id: number;
    department_id: number | null;
    n: number;
    last_id: number;
    matter_name: string | null;
  }>`
    SELECT c.subject_id, ${matter} AS matter, count(*)::int AS n, max(c.id) AS last_id,
      (array_agg(c.department_id ORDER BY c.received_at DESC) FILTER (WHERE c.department_id IS NOT NULL))[1]
        AS department_id,
      CASE WHEN ${p.sameMatter} THEN max(m.name) END AS matter_name
    FROM complaints c JOIN complaint_matters m ON m.code = c.matter_code
    WHERE c.subject_id IS NOT NULL AND c.status <> '不予受理'
      AND c.received_at >= (${daysBefore(today, p.windowDays - 1)})::timestamp AT TIME ZONE 'Asia/Shanghai'
    GROUP BY c.subject_id, ${matter}
    HAVING count(*) >= ${p.minCount}
    ORDER BY c.subject_id`.execute(db);
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    departmentId: r.department_id === null ? null : Number(r.department_id),
    factKey: `complaint:${r.last_id}`,
    facts: { count: r.n, windowDays: p.windowDays, matterName: r.matter_name },
  }));
}

/**
 * A department's 不符合 findings on a completed task, inspected more than graceDays ago (within lookbackDays), with no
 * case transfer of that department, no penalty from the task, and no later task of the department on the subject
 * (a re-inspection, a follow-up or a warning check).
 */
export async function unfollowedFindings(
  db: Db,
  p: RuleParams<'unfollowed_finding'>,
  today: string,
): Promise<RuleHit<'unfollowed_finding'>[]> {
  const { rows } = await sql<{
    task_no: string;
    subject_id: number;
    department_id: number;
    inspected_on: string;
    problems: number;
    items: string[];
  }>`
    WITH findings AS (
      SELECT r.task_id, r.department_id, count(*)::int AS problems, array_agg(DISTINCT r.item_code) AS item_codes
      FROM (SELECT task_id, department_id, item_code FROM inspection_results WHERE result = '不符合'
            UNION ALL
            SELECT task_id, department_id, item_code FROM offsite_results WHERE result = '不符合') r
      GROUP BY r.task_id, r.department_id
    )
    SELECT t.task_no, t.subject_id, f.department_id, x.inspected_on::text AS inspected_on, f.problems,
      (SELECT array_agg(DISTINCT ti.name) FROM unnest(t.item_codes, t.item_names) AS ti (code, name)
        WHERE ti.code = ANY(f.item_codes)) AS items
    FROM findings f
    JOIN inspection_tasks t ON t.id = f.task_id
    CROSS JOIN LATERAL (SELECT ${inspectedOn} AS inspected_on) x
    WHERE t.status IN ('已检查', '已办结')
      AND x.inspected_on <= ${daysBefore(today, p.graceDays)}
      AND x.inspected_on > ${daysBefore(today, p.lookbackDays)}
      AND NOT EXISTS (SELECT 1 FROM case_transfers ct WHERE ct.task_id = t.id AND ct.department_id = f.department_id)
      AND NOT EXISTS (SELECT 1 FROM penalty_records pr WHERE pr.task_id = t.id)
      AND NOT EXISTS (
        SELECT 1 FROM inspection_tasks t2
        WHERE t2.subject_id = t.subject_id AND t2.id <> t.id AND f.department_id = ANY(t2.item_department_ids)
          AND t2.status NOT IN ('已作废', '已合并') AND t2.window_from >= x.inspected_on)
    ORDER BY t.id, f.department_id`.execute(db);
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    departmentId: Number(r.department_id),
    factKey: `task:${r.task_no}`,
    facts: {
      taskNo: r.task_no,
      inspectedOn: r.inspected_on,
      problems: r.problems,
      items: r.items ?? [],
      graceDays: p.graceDays,
    },
  }));
}

/**
 * A licence in force that ended more than graceDays ago (within lookbackDays) while its subject is still 存续 and no
 * licence of the same name from the same department is in force; or a follow-up that found operation without a licence
 * (发现无证经营) with no licence from that department decided since.
 */
export async function lapsedLicences(
  db: Db,
  p: RuleParams<'licence_lapsed'>,
  today: string,
): Promise<RuleHit<'licence_lapsed'>[]> {
  const { rows } = await sql<{
    subject_id: number;
    department_id: number | null;
    fact_key: string;
    kind: 'expired' | 'unlicensed';
    licence_name: string | null;
    certificate_no: string | null;
    valid_to: string | null;
    follow_up_no: string | null;
    followed_up_on: string | null;
  }>`
    SELECT s.id AS subject_id, l.department_id, 'licence:' || l.id AS fact_key, 'expired' AS kind,
      coalesce(nullif(l.certificate_name, ''), l.decision_doc_name) AS licence_name, l.certificate_no,
      l.valid_to::text AS valid_to, NULL AS follow_up_no, NULL AS followed_up_on
    FROM licence_records l JOIN subjects s ON s.uscc = l.uscc
    WHERE l.status = '有效' AND l.valid_to < ${daysBefore(today, p.graceDays)}
      AND l.valid_to > ${daysBefore(today, p.lookbackDays)} AND s.status = '存续'
      AND NOT EXISTS (
        SELECT 1 FROM licence_records n
        WHERE n.uscc = l.uscc AND n.id <> l.id AND n.status = '有效' AND n.certificate_name = l.certificate_name
          AND n.department_id IS NOT DISTINCT FROM l.department_id AND (n.valid_to IS NULL OR n.valid_to >= ${today}))
    UNION ALL
    SELECT s.id, f.department_id, 'follow_up:' || f.id, 'unlicensed', NULL, NULL, NULL, f.follow_up_no,
      f.followed_up_on::text
    FROM follow_ups f JOIN subjects s ON s.id = f.subject_id
    WHERE f.outcome = '发现无证经营' AND s.status = '存续' AND f.followed_up_on > ${daysBefore(today, p.lookbackDays)}
      AND NOT EXISTS (
        SELECT 1 FROM licence_records n
        WHERE n.uscc = f.uscc AND n.status = '有效' AND n.department_id = f.department_id
          AND n.decided_on >= f.followed_up_on)
    ORDER BY 1, 3`.execute(db);
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    departmentId: r.department_id === null ? null : Number(r.department_id),
    factKey: r.fact_key,
    facts:
      r.kind === 'expired'
        ? {
            kind: 'expired',
            licenceName: r.licence_name ?? '',
            certificateNo: r.certificate_no ?? '',
            validTo: r.valid_to!,
          }
        : { kind: 'unlicensed', followUpNo: r.follow_up_no!, followedUpOn: r.followed_up_on! },
  }));
}

/**
 * 存续 subjects of credit class D (or key targets, when included) with no task inspected this year. The department is
 * the one that listed the key target, else the last department that had the subject on a task.
 */
export async function keyTargetsNotInspected(
  db: Db,
  p: RuleParams<'key_not_inspected'>,
  year: number,
): Promise<RuleHit<'key_not_inspected'>[]> {
  const yearStart = `${year}-01-01`;
  const { rows } = await sql<{
    subject_id: number;
    credit_class: string | null;
    key_target: boolean;
    department_id: number | null;
  }>`
    SELECT s.id AS subject_id, s.credit_class, s.key_target,
      coalesce(
        (SELECT k.department_id FROM key_targets k WHERE k.subject_id = s.id AND k.lifted_at IS NULL
           AND k.department_id IS NOT NULL ORDER BY k.listed_on DESC LIMIT 1),
        (SELECT t.item_department_ids[1] FROM inspection_tasks t
           WHERE t.subject_id = s.id AND t.status NOT IN ('已作废', '已合并') AND cardinality(t.item_department_ids) > 0
           ORDER BY t.window_from DESC, t.id DESC LIMIT 1)) AS department_id
    FROM subjects s
    WHERE s.status = '存续' AND (s.credit_class = 'D' OR (${p.includeKeyTargets} AND s.key_target))
      AND NOT EXISTS (
        SELECT 1 FROM inspection_tasks t
        WHERE t.subject_id = s.id AND t.status IN ('已检查', '已办结') AND t.window_to >= ${yearStart}::date
          AND ${inspectedOn} >= ${yearStart}::date)
    ORDER BY s.id`.execute(db);
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    departmentId: r.department_id === null ? null : Number(r.department_id),
    factKey: `year:${year}`,
    facts: { year, byDate: p.byDate, creditClass: r.credit_class, keyTarget: r.key_target },
  }));
}

/**
 * Subjects with more routine tasks (not void, not merged away) in the year than the cap. The warning goes to the
 * department of the visit that went over the cap (the latest), which can answer why it was planned.
 */
export async function visitsAboveCap(db: Db, cap: number, year: number): Promise<RuleHit<'visits_above_cap'>[]> {
  const { rows } = await sql<{ subject_id: number; n: number; task_nos: string[]; department_id: number | null }>`
    WITH over AS (
      SELECT t.subject_id, count(*)::int AS n, array_agg(t.task_no ORDER BY t.window_from, t.id) AS task_nos,
        (array_agg(t.id ORDER BY t.window_from DESC, t.id DESC))[1] AS last_id
      FROM inspection_tasks t
      WHERE t.routine AND t.status NOT IN ('已作废', '已合并')
        AND t.window_from BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date
      GROUP BY t.subject_id
      HAVING count(*) > ${cap}
    )
    SELECT o.subject_id, o.n, o.task_nos,
      (SELECT min(e) FROM inspection_tasks t, unnest(t.item_department_ids) AS e WHERE t.id = o.last_id) AS department_id
    FROM over o
    ORDER BY o.subject_id`.execute(db);
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    departmentId: r.department_id === null ? null : Number(r.department_id),
    factKey: `year:${year}:${r.n}`,
    facts: { year, visits: r.n, cap, taskNos: r.task_nos },
  }));
}

/** ≥ minVisits tasks (not void, not merged away) of one department on one subject starting within windowDays. */
export async function frequentVisits(
  db: Db,
  p: RuleParams<'frequent_visits'>,
  today: string,
): Promise<RuleHit<'frequent_visits'>[]> {
  const { rows } = await sql<{
    subject_id: number;
    department_id: number;
    n: number;
    last_id: number;
    task_nos: string[];
  }>`
    SELECT t.subject_id, i.department_id, count(DISTINCT t.id)::int AS n, max(t.id) AS last_id,
      array_agg(DISTINCT t.task_no) AS task_nos
    FROM inspection_tasks t CROSS JOIN LATERAL unnest(t.item_department_ids) AS i (department_id)
    WHERE t.status NOT IN ('已作废', '已合并') AND t.window_from > ${daysBefore(today, p.windowDays)}
    GROUP BY t.subject_id, i.department_id
    HAVING count(DISTINCT t.id) >= ${p.minVisits}
    ORDER BY t.subject_id, i.department_id`.execute(db);
  return rows.map((r) => ({
    subjectId: Number(r.subject_id),
    departmentId: Number(r.department_id),
    factKey: `visits:${r.last_id}`,
    facts: { visits: r.n, windowDays: p.windowDays, taskNos: r.task_nos },
  }));
}
