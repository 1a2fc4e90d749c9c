import { type Kysely, sql } from 'kysely';

/**
 * A drawn task's reference to its draw record may be checked at commit instead of row by row. The draw writes its
 * 88,000 tasks with COPY while the record's audit bundle is still being compressed (about 0.7 s for a
 * million-subject round, docs/scale.md, 第六次会话), and inserts the record, under an id reserved beforehand, once the
 * bundle is ready, in the same transaction. Every other writer keeps the immediate check: the constraint is only
 * deferred by `SET CONSTRAINTS` in that transaction (src/tasks/task-persist.repository.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inspection_tasks
      ALTER CONSTRAINT inspection_tasks_draw_record_id_fkey DEFERRABLE INITIALLY IMMEDIATE
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inspection_tasks ALTER CONSTRAINT inspection_tasks_draw_record_id_fkey NOT DEFERRABLE
  `.execute(db);
}
