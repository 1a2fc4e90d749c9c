import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The SQL of syncKeyTargetFlags (src/subjects/subject-key-target.service.ts), one set-based UPDATE. */
export async function syncKeyTargetFlagRows(
  trx: Db,
  subjectIds: readonly number[] | 'all',
  today: string,
  now: Date,
): Promise<number[]> {
  if (subjectIds !== 'all' && subjectIds.length === 0) return [];
  const ids = subjectIds === 'all' ? null : [...new Set(subjectIds)];
  const onlyListings = ids === null ? sql`` : sql`AND k.subject_id = ANY(${ids}::int[])`;
  const onlySubjects = ids === null ? sql`` : sql`AND s.id = ANY(${ids}::int[])`;
  const { rows } = await sql<{ id: number }>`
    WITH active AS (
      SELECT DISTINCT ON (k.subject_id) k.subject_id, k.reason
        FROM key_targets k
       WHERE k.lifted_at IS NULL AND k.listed_on <= ${today}::date
         AND (k.expires_on IS NULL OR k.expires_on >= ${today}::date) ${onlyListings}
       ORDER BY k.subject_id, k.listed_on DESC, k.id DESC
    ), wanted AS (
      SELECT s.id, (a.subject_id IS NOT NULL AND NOT s.whitelisted) AS flag,
             CASE WHEN a.subject_id IS NOT NULL AND NOT s.whitelisted THEN a.reason END AS reason
        FROM subjects s LEFT JOIN active a ON a.subject_id = s.id
       WHERE (s.key_target OR a.subject_id IS NOT NULL) ${onlySubjects}
    )
    UPDATE subjects s SET key_target = w.flag, key_target_reason = w.reason, updated_at = ${now}
      FROM wanted w
     WHERE s.id = w.id AND (s.key_target IS DISTINCT FROM w.flag OR s.key_target_reason IS DISTINCT FROM w.reason)
    RETURNING s.id`.execute(trx);
  return rows.map((r) => Number(r.id));
}
