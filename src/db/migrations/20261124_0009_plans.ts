import { type Kysely, sql } from 'kysely';

/**
 * Joint planning (《黄浦区精准高效协同监管实施办法（试行）》第七条至第八条, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十四条至第二十五条): the annual routine plan with the
 * departments' entries and joint items, and special-inspection plans with their consultation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE annual_plans (
      id serial PRIMARY KEY,
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
      title text NOT NULL,
      status text NOT NULL CHECK (status IN ('编制中','已公布','已修订')),
      submission_deadline date NOT NULL,
      publish_deadline date NOT NULL,
      revision_reason text,
      previous_id integer REFERENCES annual_plans(id),
      published_content jsonb,
      published_at timestamptz,
      published_by integer REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (year, revision),
      CHECK ((revision = 1) = (revision_reason IS NULL))
    );
    CREATE TABLE annual_plan_joint_items (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES annual_plans(id) ON DELETE CASCADE,
      name text NOT NULL,
      initiating_department_id integer NOT NULL REFERENCES departments(id),
      created_at timestamptz NOT NULL
    );
    CREATE TABLE annual_plan_entries (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES annual_plans(id) ON DELETE CASCADE,
      department_id integer NOT NULL REFERENCES departments(id),
      sampling_item_id integer NOT NULL REFERENCES sampling_items(id),
      period_from date NOT NULL,
      period_to date NOT NULL,
      content text NOT NULL,
      materials text NOT NULL,
      status text NOT NULL CHECK (status IN ('已报送','已退回','已采纳')),
      return_reason text,
      joint_item_id integer REFERENCES annual_plan_joint_items(id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL,
      reviewed_at timestamptz,
      UNIQUE (plan_id, sampling_item_id),
      CHECK (period_to >= period_from)
    );
    CREATE INDEX annual_plan_entries_plan ON annual_plan_entries (plan_id, department_id);

    CREATE TABLE special_plans (
      id serial PRIMARY KEY,
      department_id integer NOT NULL REFERENCES departments(id),
      kind text NOT NULL CHECK (kind IN ('专项检查','全项彻查')),
      title text NOT NULL,
      basis text NOT NULL,
      scope jsonb NOT NULL,
      subject_ids bigint[] NOT NULL DEFAULT '{}',
      period_from date NOT NULL,
      period_to date NOT NULL,
      content text NOT NULL,
      materials text NOT NULL,
      sampling_item_ids integer[] NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('草稿','已报送','征求意见中','已退回','已批准','已公布')),
      public boolean NOT NULL DEFAULT false,
      return_reason text,
      consultation_start date,
      consultation_deadline date,
      published_content jsonb,
      submitted_at timestamptz,
      approved_at timestamptz,
      published_at timestamptz,
      created_by integer NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (period_to >= period_from)
    );
    CREATE INDEX special_plans_department ON special_plans (department_id, status);
    CREATE TABLE special_plan_consultations (
      plan_id integer NOT NULL REFERENCES special_plans(id) ON DELETE CASCADE,
      department_id integer NOT NULL REFERENCES departments(id),
      pulled_in boolean NOT NULL DEFAULT false,
      answer text CHECK (answer IN ('参加','不参加')),
      reason text,
      sampling_item_ids integer[] NOT NULL DEFAULT '{}',
      answered_at timestamptz,
      answered_on date,
      late boolean NOT NULL DEFAULT false,
      PRIMARY KEY (plan_id, department_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE special_plan_consultations; DROP TABLE special_plans; DROP TABLE annual_plan_entries; DROP TABLE annual_plan_joint_items; DROP TABLE annual_plans;`.execute(db);
}
