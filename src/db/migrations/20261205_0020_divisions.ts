import { type Kysely, sql } from 'kysely';

/**
 * 行政区划 get a table of their own: subjects, departments and inspectors carry division codes, and
 * pages (the draw review's by-division chart, lists) show the names from here. The table is
 * loaded per deployment (`lianjian divisions load`); the demo city loads its own districts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE divisions (
      code text PRIMARY KEY,
      name text NOT NULL,
      parent_code text REFERENCES divisions(code),
      level text NOT NULL CHECK (level IN ('省', '市', '区县', '乡镇街道'))
    );
    CREATE INDEX divisions_parent_idx ON divisions (parent_code);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE divisions`.execute(db);
}
