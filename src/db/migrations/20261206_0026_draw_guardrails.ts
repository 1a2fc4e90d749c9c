import { type Kysely, sql } from 'kysely';

/**
 * What was entered to draw a record (the lottery numbers as an RFC 3797 key string, or the local seed), beside
 * the sealed bundle that already holds it, so that the public draw page shows it without unpacking the whole
 * result. Records drawn before this column keep it only in their bundle (the page reads it from there).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE draw_records ADD COLUMN reveal jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE draw_records DROP COLUMN reveal`.execute(db);
}
