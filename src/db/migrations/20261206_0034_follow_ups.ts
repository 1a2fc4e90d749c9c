import { type Kysely, sql } from 'kysely';

/**
 * 双跟踪 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十四条至第十八条): the 照后证前 follow-up obligation of a
 * department told of a registration, the subjects that entered routine supervision once licensed, and the licence
 * applications whose processing time the supervision office tracks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE follow_ups (
      id serial PRIMARY KEY,
      follow_up_no text NOT NULL UNIQUE,
      push_id integer NOT NULL UNIQUE REFERENCES registration_pushes (id),
      registration_id integer NOT NULL REFERENCES business_registrations (id),
      department_id integer NOT NULL REFERENCES departments (id),
      subject_id integer REFERENCES subjects (id),
      uscc text NOT NULL,
      subject_name text NOT NULL,
      approval_item_codes text[] NOT NULL,
      pushed_on date NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('待跟踪', '已跟踪', '免于跟踪')),
      task_id integer REFERENCES inspection_tasks (id),
      no_task_reason text,
      followed_up_on date,
      late boolean NOT NULL DEFAULT false,
      outcome text CHECK (outcome IN ('未发现问题', '发现问题', '发现无证经营')),
      outcome_notes text NOT NULL DEFAULT '',
      unlicensed_check_item_id integer REFERENCES check_items (id),
      transferred_at timestamptz,
      closed_by_licence_id integer REFERENCES licence_records (id),
      closed_on date,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX follow_ups_department ON follow_ups (department_id, status, due_on);
    CREATE INDEX follow_ups_subject ON follow_ups (uscc);
    CREATE INDEX follow_ups_task ON follow_ups (task_id);

    CREATE TABLE routine_supervisions (
      id serial PRIMARY KEY,
      subject_id integer REFERENCES subjects (id),
      uscc text NOT NULL,
      subject_name text NOT NULL,
      department_id integer NOT NULL REFERENCES departments (id),
      licence_id integer NOT NULL REFERENCES licence_records (id),
      since date NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (licence_id, department_id)
    );
    CREATE INDEX routine_supervisions_department ON routine_supervisions (department_id, since);

    CREATE TABLE licence_applications (
      id serial PRIMARY KEY,
      application_no text NOT NULL UNIQUE,
      sender_department_id integer NOT NULL REFERENCES departments (id),
      sender_record_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('接口', '在线')),
      registration_id integer REFERENCES business_registrations (id),
      subject_id integer REFERENCES subjects (id),
      uscc text NOT NULL,
      applicant_name text NOT NULL,
      approval_item_code text NOT NULL,
      approval_item_name text NOT NULL,
      department_id integer NOT NULL REFERENCES departments (id),
      accepted_on date NOT NULL,
      statutory_days integer NOT NULL CHECK (statutory_days BETWEEN 1 AND 365),
      promised_days integer NOT NULL CHECK (promised_days BETWEEN 1 AND 365 AND promised_days <= statutory_days),
      status text NOT NULL CHECK (status IN ('办理中', '已办结')),
      licence_id integer REFERENCES licence_records (id),
      concluded_on date,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (sender_department_id, sender_record_id)
    );
    CREATE INDEX licence_applications_open ON licence_applications (uscc, approval_item_code) WHERE status = '办理中';
    CREATE INDEX licence_applications_department ON licence_applications (department_id, status);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE licence_applications;
    DROP TABLE routine_supervisions;
    DROP TABLE follow_ups;
  `.execute(db);
}
