import { type Kysely, sql } from 'kysely';

/**
 * Inspection execution: the visit date and its changes, the inspector's check-in, results
 * per check item, photo evidence (bytea, images only) and each department's submission with its
 * late flag (results due within 7 working days of the inspection, 《黄浦区精准高效协同监管实施办法（试行）》第十六条).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inspection_visits (
      task_id bigint PRIMARY KEY REFERENCES inspection_tasks(id),
      visit_on date NOT NULL,
      checked_in_at timestamptz,
      checked_in_on date,
      checked_in_by bigint REFERENCES inspectors(id),
      updated_at timestamptz NOT NULL
    );
    CREATE TABLE inspection_visit_changes (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      previous_on date,
      visit_on date NOT NULL,
      reason text,
      changed_by bigint NOT NULL,
      changed_by_name text NOT NULL,
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX inspection_visit_changes_task ON inspection_visit_changes (task_id, id);
    CREATE TABLE inspection_results (
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      check_item_id bigint NOT NULL REFERENCES check_items(id),
      department_id bigint NOT NULL,
      item_code text NOT NULL,
      result text NOT NULL CHECK (result IN ('符合', '不符合', '不适用')),
      notes text NOT NULL DEFAULT '',
      recorded_by bigint NOT NULL REFERENCES inspectors(id),
      recorded_at timestamptz NOT NULL,
      late boolean NOT NULL,
      PRIMARY KEY (task_id, check_item_id)
    );
    CREATE TABLE inspection_photos (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      check_item_id bigint NOT NULL REFERENCES check_items(id),
      department_id bigint NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL CHECK (size > 0 AND size <= 5242880),
      data bytea NOT NULL,
      uploaded_by bigint NOT NULL REFERENCES inspectors(id),
      uploaded_at timestamptz NOT NULL
    );
    CREATE INDEX inspection_photos_task ON inspection_photos (task_id, check_item_id);
    CREATE TABLE inspection_submissions (
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      department_id bigint NOT NULL REFERENCES departments(id),
      overall text NOT NULL CHECK (overall IN ('符合', '发现问题')),
      feedback_promised_on date,
      submitted_by bigint NOT NULL REFERENCES inspectors(id),
      submitted_at timestamptz NOT NULL,
      due_on date NOT NULL,
      late boolean NOT NULL,
      PRIMARY KEY (task_id, department_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE inspection_submissions; DROP TABLE inspection_photos; DROP TABLE inspection_results; DROP TABLE inspection_visit_changes; DROP TABLE inspection_visits;`.execute(db);
}
