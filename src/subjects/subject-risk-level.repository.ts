import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Sets `department`'s level in subjects.industry_risk for each (id, level) pair in one statement, leaving the other
 * departments' levels as they are; a subject already at that level is not touched. Returns the ids changed, with the
 * level each had before (null: none).
 */
export async function writeDepartmentLevels(
  db: Db,
  department: string,
  ids: readonly number[],
  levels: readonly string[],
  now: Date,
): Promise<{ id: number; before: string | null }[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ id: number; before: string | null }>`
    WITH v AS (SELECT unnest(${sql.val([...ids])}::int[]) AS id, unnest(${sql.val([...levels])}::text[]) AS level),
    old AS (
      SELECT s.id, s.industry_risk ->> ${department}::text AS before, v.level
        FROM subjects s JOIN v ON v.id = s.id
       WHERE (s.industry_risk ->> ${department}::text) IS DISTINCT FROM v.level
         FOR UPDATE OF s)
    UPDATE subjects s
       SET industry_risk = s.industry_risk || jsonb_build_object(${department}::text, old.level), updated_at = ${now}
      FROM old
     WHERE s.id = old.id
    RETURNING s.id, old.before`.execute(db);
  return result.rows.map((r) => ({ id: Number(r.id), before: r.before }));
}
