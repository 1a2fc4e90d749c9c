import { type Kysely, sql } from 'kysely';

/**
 * Deadlines that fall in a year whose holiday notice is not loaded yet are stored as unknown (null)
 * instead of refusing the check-in, the submission or the publication. A result published while the holiday notice of the year its 20-working-day deadline falls in is not
 * loaded yet keeps an unknown deadline (null) instead of being refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE published_results ALTER COLUMN publish_due_on DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE inspection_submissions ALTER COLUMN due_on DROP NOT NULL`.execute(db);
}
