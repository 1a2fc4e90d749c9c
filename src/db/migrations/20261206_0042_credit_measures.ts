import { type Kysely, sql } from 'kysely';

/**
 * Joint reward and punishment (联合奖惩, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十条、第三十一条): the list of
 * measures the credit office keeps, each change kept as an immutable version; the cases naming a subject under a
 * measure for a period; and each implementing department's feedback (实施反馈) with its due date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE credit_measures (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('激励', '惩戒')),
      matter text NOT NULL,
      target text NOT NULL,
      means text NOT NULL,
      department_ids integer[] NOT NULL,
      legal_basis text NOT NULL,
      is_public boolean NOT NULL,
      non_public_reason text,
      status text NOT NULL CHECK (status IN ('草稿', '已发布', '已撤销')),
      version integer NOT NULL DEFAULT 1,
      published_at timestamptz,
      withdrawn_at timestamptz,
      withdrawn_reason text,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_by integer REFERENCES users (id),
      updated_at timestamptz NOT NULL,
      CHECK (is_public OR non_public_reason IS NOT NULL)
    );
    CREATE INDEX credit_measures_public ON credit_measures (kind) WHERE status = '已发布' AND is_public;

    CREATE TABLE credit_measure_versions (
      measure_id integer NOT NULL REFERENCES credit_measures (id),
      version integer NOT NULL,
      status text NOT NULL,
      snapshot jsonb NOT NULL,
      note text NOT NULL,
      changed_by integer REFERENCES users (id),
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (measure_id, version)
    );

    CREATE TABLE credit_measure_cases (
      id serial PRIMARY KEY,
      case_no text NOT NULL UNIQUE,
      measure_id integer NOT NULL REFERENCES credit_measures (id),
      measure_version integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('激励', '惩戒')),
      subject_id integer NOT NULL REFERENCES subjects (id),
      initiating_department_id integer NOT NULL REFERENCES departments (id),
      reason text NOT NULL,
      basis_document text NOT NULL,
      valid_from date NOT NULL,
      valid_to date NOT NULL,
      status text NOT NULL CHECK (status IN ('实施中', '已解除')),
      ended_at timestamptz,
      ended_by integer REFERENCES users (id),
      end_reason text,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      CHECK (valid_from <= valid_to)
    );
    CREATE INDEX credit_measure_cases_subject ON credit_measure_cases (subject_id, valid_to);
    CREATE INDEX credit_measure_cases_measure ON credit_measure_cases (measure_id);

    CREATE TABLE credit_measure_feedbacks (
      id serial PRIMARY KEY,
      case_id integer NOT NULL REFERENCES credit_measure_cases (id),
      department_id integer NOT NULL REFERENCES departments (id),
      due_on date,
      outcome text NOT NULL CHECK (outcome IN ('待反馈', '已实施', '不适用')),
      applied_on date,
      action text,
      recorded_by integer REFERENCES users (id),
      recorded_at timestamptz,
      late boolean NOT NULL DEFAULT false,
      UNIQUE (case_id, department_id)
    );
    CREATE INDEX credit_measure_feedbacks_pending ON credit_measure_feedbacks (department_id, due_on)
      WHERE outcome = '待反馈';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE credit_measure_feedbacks;
    DROP TABLE credit_measure_cases;
    DROP TABLE credit_measure_versions;
    DROP TABLE credit_measures;
  `.execute(db);
}
