import { type Kysely, sql } from 'kysely';

/**
 * The inspector register (执法检查人员名录库) and declared conflicts of interest (利害关系回避).
 * The draw selects by department, status, certificate validity on the task date, field and sampling
 * item, and excludes declared conflicts: each of those has an index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inspectors (
      id serial PRIMARY KEY,
      name text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 30),
      id_card_masked text NOT NULL,
      phone text NOT NULL,
      department_id integer NOT NULL REFERENCES departments(id),
      user_id integer UNIQUE REFERENCES users(id),
      certificate_no text NOT NULL UNIQUE CHECK (btrim(certificate_no) <> ''),
      certificate_issued_on date NOT NULL,
      certificate_valid_until date NOT NULL,
      fields text[] NOT NULL CHECK (cardinality(fields) >= 1),
      qualified_sampling_item_codes text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT '在岗' CHECK (status IN ('在岗','停用')),
      capacity_per_month integer NOT NULL DEFAULT 20 CHECK (capacity_per_month BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (certificate_valid_until >= certificate_issued_on)
    );
    CREATE INDEX inspectors_department ON inspectors (department_id, status, id);
    CREATE INDEX inspectors_valid_until ON inspectors (certificate_valid_until);
    CREATE INDEX inspectors_fields ON inspectors USING gin (fields);
    CREATE INDEX inspectors_sampling_items ON inspectors USING gin (qualified_sampling_item_codes);
    CREATE TABLE inspector_conflicts (
      inspector_id integer NOT NULL REFERENCES inspectors(id) ON DELETE CASCADE,
      subject_id bigint NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      declared_on date NOT NULL,
      PRIMARY KEY (inspector_id, subject_id)
    );
    CREATE INDEX inspector_conflicts_subject ON inspector_conflicts (subject_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE inspector_conflicts; DROP TABLE inspectors;`.execute(db);
}
