import { type Kysely, sql } from 'kysely';

/**
 * 双告知 and 双反馈 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第六条至第十三条、第四十二条、第四十三条):
 * the versioned 双告知 catalog, each registration's proposed approval items with its 告知书 and signed 承诺书,
 * the joint review of high-risk items, the timeliness of licence feedback, and the reminders of acknowledgements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dual_notice_catalog_versions (
      id serial PRIMARY KEY,
      version_no integer NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('草稿', '已发布')),
      note text NOT NULL DEFAULT '',
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      published_by integer REFERENCES users (id),
      published_at timestamptz
    );
    CREATE UNIQUE INDEX dual_notice_catalog_one_draft ON dual_notice_catalog_versions (status) WHERE status = '草稿';

    CREATE TABLE dual_notice_catalog_items (
      id serial PRIMARY KEY,
      version_id integer NOT NULL REFERENCES dual_notice_catalog_versions (id),
      code text NOT NULL,
      name text NOT NULL,
      licensing_department_id integer NOT NULL REFERENCES departments (id),
      supervising_department_ids integer[] NOT NULL DEFAULT '{}',
      enforcement_department_ids integer[] NOT NULL DEFAULT '{}',
      keywords text[] NOT NULL DEFAULT '{}',
      industry_codes text[] NOT NULL DEFAULT '{}',
      prior_approval boolean NOT NULL DEFAULT false,
      high_risk boolean NOT NULL DEFAULT false,
      restriction text NOT NULL DEFAULT '',
      UNIQUE (version_id, code)
    );

    CREATE TABLE dual_notice_cases (
      registration_id integer PRIMARY KEY REFERENCES business_registrations (id),
      catalog_version_id integer REFERENCES dual_notice_catalog_versions (id),
      notice_no text UNIQUE,
      notice_issued_at timestamptz,
      notice_issued_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE dual_notice_case_items (
      registration_id integer NOT NULL REFERENCES business_registrations (id),
      code text NOT NULL,
      name text NOT NULL,
      licensing_department_id integer NOT NULL REFERENCES departments (id),
      supervising_department_ids integer[] NOT NULL DEFAULT '{}',
      enforcement_department_ids integer[] NOT NULL DEFAULT '{}',
      prior_approval boolean NOT NULL DEFAULT false,
      high_risk boolean NOT NULL DEFAULT false,
      restriction text NOT NULL DEFAULT '',
      source text NOT NULL CHECK (source IN ('目录匹配', '人工添加')),
      matched_by text NOT NULL DEFAULT '',
      added_by integer REFERENCES users (id),
      added_reason text NOT NULL DEFAULT '',
      removed_at timestamptz,
      removed_by integer REFERENCES users (id),
      removed_reason text NOT NULL DEFAULT '',
      PRIMARY KEY (registration_id, code)
    );

    CREATE TABLE dual_notice_commitments (
      registration_id integer PRIMARY KEY REFERENCES business_registrations (id),
      signer_name text NOT NULL,
      signer_role text NOT NULL CHECK (signer_role IN ('法定代表人', '负责人', '经营者', '授权人')),
      signed_on date NOT NULL,
      e_signature boolean NOT NULL,
      scan_file_name text,
      scan_content_type text,
      scan_size integer CHECK (scan_size IS NULL OR (scan_size > 0 AND scan_size <= 5242880)),
      scan_data bytea,
      recorded_by integer NOT NULL REFERENCES users (id),
      recorded_at timestamptz NOT NULL,
      CHECK (e_signature OR scan_data IS NOT NULL)
    );

    CREATE TABLE dual_notice_joint_reviews (
      registration_id integer NOT NULL REFERENCES business_registrations (id),
      department_id integer NOT NULL REFERENCES departments (id),
      item_codes text[] NOT NULL DEFAULT '{}',
      opinion text CHECK (opinion IN ('同意', '不同意')),
      note text NOT NULL DEFAULT '',
      answered_by integer REFERENCES users (id),
      answered_at timestamptz,
      PRIMARY KEY (registration_id, department_id)
    );

    CREATE TABLE licence_feedbacks (
      licence_id integer PRIMARY KEY REFERENCES licence_records (id),
      department_id integer NOT NULL REFERENCES departments (id),
      decided_on date NOT NULL,
      received_on date NOT NULL,
      due_on date NOT NULL,
      late boolean NOT NULL
    );
    CREATE INDEX licence_feedbacks_department ON licence_feedbacks (department_id, received_on);

    CREATE TABLE dual_notice_reminders (
      push_id integer NOT NULL REFERENCES registration_pushes (id),
      kind text NOT NULL,
      reminded_on date NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (push_id, kind, reminded_on)
    );
    CREATE INDEX registration_pushes_registration ON registration_pushes (registration_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX registration_pushes_registration;
    DROP TABLE dual_notice_reminders;
    DROP TABLE licence_feedbacks;
    DROP TABLE dual_notice_joint_reviews;
    DROP TABLE dual_notice_commitments;
    DROP TABLE dual_notice_case_items;
    DROP TABLE dual_notice_cases;
    DROP TABLE dual_notice_catalog_items;
    DROP TABLE dual_notice_catalog_versions;
  `.execute(db);
}
