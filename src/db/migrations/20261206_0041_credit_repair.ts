import { type Kysely, sql } from 'kysely';

/**
 * 五书同达 and 信用修复 (《日照市人民政府办公室印发关于深入推进跨部门综合监管的实施意见的通知》（十七）;
 * 《金华市婺城区人民政府关于印发加强和规范行政执法事中事后监管的实施意见》（三）2): one document set per penalty decision
 * with its service (送达), and the subjects' repair applications with their evidence and progress.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE penalty_document_sets (
      id serial PRIMARY KEY,
      set_no text NOT NULL UNIQUE,
      penalty_id integer NOT NULL UNIQUE REFERENCES penalty_records (id),
      department_id integer REFERENCES departments (id),
      decision_doc_no text NOT NULL,
      counterpart_name text NOT NULL,
      uscc text,
      prepared_on date NOT NULL,
      served_method text CHECK (served_method IN ('直接送达', '邮寄送达', '电子送达', '留置送达')),
      served_on date,
      served_by text,
      e_signed boolean NOT NULL DEFAULT false,
      receipt_file_name text,
      receipt_content_type text,
      receipt_data bytea,
      service_recorded_by integer REFERENCES users (id),
      service_recorded_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX penalty_document_sets_uscc ON penalty_document_sets (uscc);

    CREATE TABLE credit_repair_applications (
      id serial PRIMARY KEY,
      repair_no text NOT NULL UNIQUE,
      penalty_id integer NOT NULL REFERENCES penalty_records (id),
      department_id integer REFERENCES departments (id),
      uscc text NOT NULL,
      subject_name text NOT NULL,
      decision_doc_no text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('门户', '窗口')),
      statements text[] NOT NULL,
      statement_text text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      status text NOT NULL CHECK (status IN ('待受理', '待补正', '已受理', '已修复', '不予修复')),
      accept_due_on date,
      decision_due_on date,
      supplement_request text,
      decision_reason text,
      accepted_at timestamptz,
      decided_at timestamptz,
      decided_by integer REFERENCES users (id),
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX credit_repair_applications_status ON credit_repair_applications (status, decision_due_on);
    CREATE UNIQUE INDEX credit_repair_applications_open ON credit_repair_applications (penalty_id)
      WHERE status IN ('待受理', '待补正', '已受理');

    CREATE TABLE credit_repair_evidence (
      id serial PRIMARY KEY,
      application_id integer NOT NULL REFERENCES credit_repair_applications (id),
      file_name text NOT NULL,
      content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg')),
      size integer NOT NULL CHECK (size > 0 AND size <= 2097152),
      data bytea NOT NULL,
      uploaded_at timestamptz NOT NULL
    );
    CREATE INDEX credit_repair_evidence_application ON credit_repair_evidence (application_id, id);

    CREATE TABLE credit_repair_events (
      id serial PRIMARY KEY,
      application_id integer NOT NULL REFERENCES credit_repair_applications (id),
      action text NOT NULL,
      note text,
      by_name text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX credit_repair_events_application ON credit_repair_events (application_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE credit_repair_events;
    DROP TABLE credit_repair_evidence;
    DROP TABLE credit_repair_applications;
    DROP TABLE penalty_document_sets;
  `.execute(db);
}
