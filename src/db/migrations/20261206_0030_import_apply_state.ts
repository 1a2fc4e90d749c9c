import { type Kysely, sql } from 'kysely';

/**
 * An import's validated rows are written in short transactions (so a long import never holds the embedded
 * database's one connection): `apply_state` is set when the write starts (from then on the job finishes, at
 * start-up if the process dies) and counts, in the same transaction as each slice, how far it got.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE import_jobs ADD COLUMN apply_state jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE import_jobs DROP COLUMN apply_state`.execute(db);
}
