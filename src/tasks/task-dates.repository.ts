import { sql } from 'kysely';

/**
 * The inspection date (task-dates.ts, taskInspectedOn) as SQL, for a query with the task as `t` (and, when
 * joined, its visit as `v`): check-in, else the latest off-site check.
 */
export const inspectedOnSql = sql<string | null>`coalesce(
  (SELECT vv.checked_in_on FROM inspection_visits vv WHERE vv.task_id = t.id),
  (SELECT max(oo.conducted_on) FROM offsite_inspections oo WHERE oo.task_id = t.id))`;
