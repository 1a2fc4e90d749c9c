import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the lists staff work from: the task list in its order (check window, then id) and by visit date;
 * the inspection records by inspection date (check-in or off-site check); a task's transfers to case investigation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX inspection_tasks_window ON inspection_tasks (window_from, id);
    CREATE INDEX inspection_visits_visit_on ON inspection_visits (visit_on);
    CREATE INDEX inspection_visits_checked_in_on ON inspection_visits (checked_in_on) WHERE checked_in_on IS NOT NULL;
    CREATE INDEX offsite_inspections_conducted_on ON offsite_inspections (conducted_on);
    CREATE INDEX case_transfers_task ON case_transfers (task_id, department_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX case_transfers_task;
    DROP INDEX offsite_inspections_conducted_on;
    DROP INDEX inspection_visits_checked_in_on;
    DROP INDEX inspection_visits_visit_on;
    DROP INDEX inspection_tasks_window;
  `.execute(db);
}
