import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { AssessmentScope } from './risk-assessment.table';
import type { SubjectFacts } from './risk-score';

export interface ScopedSubject extends SubjectFacts {
  id: number;
  uscc: string;
  name: string;
}

/** The scope as a SQL condition on `s` (subjects): every set condition must hold; an empty list sets none. */
const inScope = (scope: AssessmentScope) => sql`
  s.status = '存续'
  AND (cardinality(${sql.val(scope.industryCodes)}::text[]) = 0 OR s.industry_scope && ${sql.val(scope.industryCodes)}::text[])
  AND (cardinality(${sql.val(scope.tags)}::text[]) = 0 OR EXISTS (
        SELECT 1 FROM subject_tags st JOIN tags t ON t.id = st.tag_id
         WHERE st.subject_id = s.id AND t.code = ANY (${sql.val(scope.tags)}::text[])))
  AND (cardinality(${sql.val(scope.divisions)}::text[]) = 0
       OR s.division_code LIKE ANY (${sql.val(scope.divisions.map((d) => `${d}%`))}::text[]))`;

/**
 * The subjects in scope (存续) with what the platform holds about each since `since` (a China date), in one query:
 * the assessing department's checked and 不符合 check results, penalty decisions not revoked, valid negative credit
 * records, licences revoked or cancelled by 吊销, and the key-target flag. Ordered by USCC.
 */
export async function scopedFacts(
  db: Db,
  scope: AssessmentScope,
  departmentId: number,
  since: string,
): Promise<ScopedSubject[]> {
  const result = await sql<{
    id: number;
    uscc: string;
    name: string;
    key_target: boolean;
    industry_codes: string[];
    checked: string;
    nonconforming: string;
    penalties: string;
    credit_records: string;
    licences_revoked: string;
  }>`
    WITH scoped AS (SELECT s.id, s.uscc, s.name, s.key_target, s.industry_codes FROM subjects s WHERE ${inScope(scope)})
    SELECT sc.id, sc.uscc, sc.name, sc.key_target, sc.industry_codes,
           coalesce(i.checked, 0) AS checked, coalesce(i.nonconforming, 0) AS nonconforming,
           coalesce(p.n, 0) AS penalties, coalesce(c.n, 0) AS credit_records, coalesce(l.n, 0) AS licences_revoked
      FROM scoped sc
      LEFT JOIN (
        SELECT t.subject_id, count(*) FILTER (WHERE r.result <> '不适用') AS checked,
               count(*) FILTER (WHERE r.result = '不符合') AS nonconforming
          FROM inspection_results r JOIN inspection_tasks t ON t.id = r.task_id
         WHERE r.department_id = ${departmentId} AND (r.recorded_at AT TIME ZONE 'Asia/Shanghai')::date >= ${since}::date
           AND t.subject_id IN (SELECT id FROM scoped)
         GROUP BY t.subject_id) i ON i.subject_id = sc.id
      LEFT JOIN (
        SELECT subject_id, count(*) AS n FROM penalty_records
         WHERE status <> '已撤销' AND decided_on >= ${since}::date AND subject_id IN (SELECT id FROM scoped)
         GROUP BY subject_id) p ON p.subject_id = sc.id
      LEFT JOIN (
        SELECT subject_id, count(*) AS n FROM credit_records
         WHERE status = '有效' AND kind <> '表彰奖励' AND occurred_on >= ${since}::date AND subject_id IN (SELECT id FROM scoped)
         GROUP BY subject_id) c ON c.subject_id = sc.id
      LEFT JOIN (
        SELECT subject_id, count(*) AS n FROM licence_records
         WHERE status IN ('已撤销', '已吊销') AND (updated_at AT TIME ZONE 'Asia/Shanghai')::date >= ${since}::date
           AND subject_id IN (SELECT id FROM scoped)
         GROUP BY subject_id) l ON l.subject_id = sc.id
     ORDER BY sc.uscc`.execute(db);
  return result.rows.map((r) => ({
    id: Number(r.id),
    uscc: r.uscc,
    name: r.name,
    keyTarget: r.key_target,
    industryCodes: r.industry_codes,
    checked: Number(r.checked),
    nonconforming: Number(r.nonconforming),
    penalties: Number(r.penalties),
    creditRecords: Number(r.credit_records),
    licencesRevoked: Number(r.licences_revoked),
  }));
}

/** Every subject in scope by USCC (id and name): what an imported file may rate, loaded once per import. */
export async function scopedSubjects(db: Db, scope: AssessmentScope) {
  const result = await sql<{ id: number; uscc: string; name: string }>`
    SELECT s.id, s.uscc, s.name FROM subjects s WHERE ${inScope(scope)}`.execute(db);
  return new Map(result.rows.map((r) => [r.uscc, { id: Number(r.id), name: r.name }]));
}

/** The ids of the given subjects (by USCC) that are in scope. */
export async function scopedIdsByUscc(db: Db, scope: AssessmentScope, usccs: readonly string[]) {
  if (usccs.length === 0) return new Map<string, { id: number; name: string }>();
  const result = await sql<{ id: number; uscc: string; name: string }>`
    SELECT s.id, s.uscc, s.name FROM subjects s
     WHERE s.uscc = ANY (${sql.val([...usccs])}::text[]) AND ${inScope(scope)}`.execute(db);
  return new Map(result.rows.map((r) => [r.uscc, { id: Number(r.id), name: r.name }]));
}
