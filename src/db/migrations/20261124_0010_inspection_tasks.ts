import { type Kysely, sql } from 'kysely';

/**
 * Inspection tasks (检查任务): one visit to one subject in one window, for one or more
 * departments, each with its items and inspectors. The draw writes its tasks here when it seals a
 * record (status 待发布 until the task announcement is published); a redraw voids the earlier
 * record's tasks. Planning (registrations, merges) and inspection execution build on these rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inspection_tasks (
      id bigserial PRIMARY KEY,
      task_no text NOT NULL UNIQUE,
      source text NOT NULL,
      draw_record_id bigint REFERENCES draw_records(id),
      subject_id bigint NOT NULL REFERENCES subjects(id),
      uscc text NOT NULL,
      window_from date NOT NULL,
      window_to date NOT NULL CHECK (window_to >= window_from),
      status text NOT NULL,
      unstaffed_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX inspection_tasks_record ON inspection_tasks (draw_record_id);
    CREATE INDEX inspection_tasks_subject ON inspection_tasks (subject_id, window_from);
    -- The child rows carry no foreign keys: they are written only with their task, in its
    -- transaction, by the services here, and per-row FK triggers made persisting a million-subject
    -- round three to four times slower (300,000 rows: 3.4 s with, 0.75 s without, PostgreSQL 15).
    CREATE TABLE inspection_task_items (
      task_id bigint NOT NULL,
      department_id bigint NOT NULL,
      item_code text NOT NULL,
      item_name text NOT NULL,
      PRIMARY KEY (task_id, item_code)
    );
    CREATE INDEX inspection_task_items_department ON inspection_task_items (department_id, task_id);
    CREATE TABLE inspection_task_inspectors (
      task_id bigint NOT NULL,
      inspector_id bigint NOT NULL,
      department_id bigint NOT NULL,
      PRIMARY KEY (task_id, inspector_id)
    );
    CREATE INDEX inspection_task_inspectors_inspector ON inspection_task_inspectors (inspector_id, task_id);
    -- The snapshot and record are gzip already: store them out of line without a second compression.
    ALTER TABLE draw_rounds ALTER COLUMN frame_snapshot SET STORAGE EXTERNAL;
    ALTER TABLE draw_records ALTER COLUMN bundle SET STORAGE EXTERNAL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE inspection_task_inspectors; DROP TABLE inspection_task_items; DROP TABLE inspection_tasks;`.execute(db);
}
