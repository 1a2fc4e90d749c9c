import { type Kysely, sql } from 'kysely';

/** Tags (标签化管理): owned by a department, with a meaning and a validity period, assigned by rule or by list. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tags (
      id serial PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
      name text NOT NULL,
      department_id integer NOT NULL REFERENCES departments(id),
      meaning text NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      rule_industries text[] NOT NULL DEFAULT '{}',
      rule_keywords text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (department_id, name),
      CHECK (valid_to IS NULL OR valid_to >= valid_from)
    );
    CREATE TABLE subject_tags (
      subject_id bigint NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
      tag_id integer NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      source text NOT NULL CHECK (source IN ('rule','list')),
      assigned_at timestamptz NOT NULL,
      PRIMARY KEY (tag_id, subject_id)
    );
    CREATE INDEX subject_tags_subject ON subject_tags (subject_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE subject_tags; DROP TABLE tags;`.execute(db);
}
