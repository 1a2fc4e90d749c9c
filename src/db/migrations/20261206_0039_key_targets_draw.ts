import { type Kysely, sql } from 'kysely';

/**
 * Key targets and the draw (重点抽查对象, 无事不扰): a sampling item may leave A-class subjects out of its proactive
 * draws (《黄浦区精准高效协同监管实施办法（试行）》第十九条：对信用良好的监管对象原则上不主动开展现场检查), and the
 * key targets in force are found by their expiry date (the hourly lapse and the list filters).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sampling_items ADD COLUMN a_class_exempt boolean NOT NULL DEFAULT false;
    CREATE INDEX key_targets_expiry ON key_targets (expires_on) WHERE lifted_at IS NULL AND expires_on IS NOT NULL;
    CREATE INDEX key_targets_department ON key_targets (department_id, listed_on DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX key_targets_department;
    DROP INDEX key_targets_expiry;
    ALTER TABLE sampling_items DROP COLUMN a_class_exempt;
  `.execute(db);
}
