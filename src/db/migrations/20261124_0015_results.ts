import { type Kysely, sql } from 'kysely';

/**
 * Approval of inspection results and the results announcement: each decision of a
 * department admin on a department's submission (通过 / 退回 with a reason), and one public result
 * row per task once every department has approved (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十七条: published within 20 working days).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE result_reviews (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      department_id bigint NOT NULL,
      decision text NOT NULL CHECK (decision IN ('通过', '退回')),
      reason text,
      submitted_at timestamptz NOT NULL,
      decided_by bigint NOT NULL,
      decided_by_name text NOT NULL,
      decided_at timestamptz NOT NULL
    );
    CREATE INDEX result_reviews_task ON result_reviews (task_id, department_id, id);
    CREATE TABLE published_results (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL UNIQUE REFERENCES inspection_tasks(id),
      task_no text NOT NULL,
      subject_name text NOT NULL,
      uscc text NOT NULL,
      plan_title text,
      inspected_on date NOT NULL,
      departments text NOT NULL,
      published_at timestamptz NOT NULL,
      published_on date NOT NULL,
      publish_due_on date NOT NULL,
      late boolean NOT NULL
    );
    CREATE INDEX published_results_published ON published_results (published_at DESC, id DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE published_results; DROP TABLE result_reviews;`.execute(db);
}
