import { type Kysely, sql } from 'kysely';

/**
 * Inspection records: off-site inspections (非现场) with their results per check item, and
 * transfers of findings to case investigation (程序衔接) with the evidence.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE offsite_inspections (
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      department_id bigint NOT NULL REFERENCES departments(id),
      method text NOT NULL,
      data_source text NOT NULL,
      conducted_on date NOT NULL,
      recorded_by bigint NOT NULL,
      recorded_by_name text NOT NULL,
      recorded_at timestamptz NOT NULL,
      PRIMARY KEY (task_id, department_id)
    );
    CREATE TABLE offsite_results (
      task_id bigint NOT NULL,
      department_id bigint NOT NULL,
      check_item_id bigint NOT NULL REFERENCES check_items(id),
      item_code text NOT NULL,
      result text NOT NULL CHECK (result IN ('符合', '不符合', '不适用')),
      notes text NOT NULL DEFAULT '',
      PRIMARY KEY (task_id, check_item_id),
      FOREIGN KEY (task_id, department_id) REFERENCES offsite_inspections(task_id, department_id)
    );
    CREATE TABLE case_transfers (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      department_id bigint NOT NULL REFERENCES departments(id),
      check_item_id bigint NOT NULL REFERENCES check_items(id),
      target_unit text NOT NULL,
      reason text NOT NULL,
      result text NOT NULL,
      result_notes text NOT NULL,
      photo_ids integer[] NOT NULL,
      status text NOT NULL CHECK (status IN ('已移送')),
      transferred_by bigint NOT NULL,
      transferred_by_name text NOT NULL,
      transferred_at timestamptz NOT NULL,
      UNIQUE (task_id, check_item_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE case_transfers; DROP TABLE offsite_results; DROP TABLE offsite_inspections;`.execute(db);
}
