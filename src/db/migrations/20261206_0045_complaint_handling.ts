import { type Kysely, sql } from 'kysely';

/**
 * Handling of complaints by the staff: the dispatch rules (matter, industry, division → responsible department) the
 * joint office maintains, and the deadline reminders already sent (one per complaint, deadline and phase), so the
 * hourly job tells a department once the working day before a deadline and once when it is overdue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE complaint_dispatch_rules (
      id serial PRIMARY KEY,
      matter_code text REFERENCES complaint_matters (code),
      industry_prefix text,
      division_prefix text,
      department_id integer NOT NULL REFERENCES departments (id),
      priority integer NOT NULL DEFAULT 100 CHECK (priority BETWEEN 1 AND 999),
      enabled boolean NOT NULL DEFAULT true,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX complaint_dispatch_rules_matter ON complaint_dispatch_rules (matter_code, priority);

    CREATE TABLE complaint_reminders (
      complaint_id integer NOT NULL REFERENCES complaints (id),
      stage text NOT NULL CHECK (stage IN ('ack', 'verify', 'reply')),
      phase text NOT NULL CHECK (phase IN ('due_soon', 'overdue')),
      due_on date NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (complaint_id, stage, phase, due_on)
    );
    CREATE INDEX complaints_group ON complaints (group_id);
    CREATE INDEX complaints_task ON complaints (task_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX complaints_task; DROP INDEX complaints_group;
    DROP TABLE complaint_reminders; DROP TABLE complaint_dispatch_rules;`.execute(db);
}
