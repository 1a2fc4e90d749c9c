import { type Kysely, sql } from 'kysely';

/**
 * Records the platform receives (登记注册信息, 行政许可, 行政处罚) with every version kept, and the pushes of a
 * registration to departments (二告知) with their acknowledgement (一反馈).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE business_registrations (
      id serial PRIMARY KEY,
      registration_no text NOT NULL UNIQUE,
      sender_department_id integer NOT NULL REFERENCES departments (id),
      sender_record_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('接口', '批量', '在线')),
      payload_digest text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      subject_id integer REFERENCES subjects (id),
      received_by integer REFERENCES users (id),
      received_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      event text NOT NULL CHECK (event IN ('设立', '变更', '注销')),
      uscc text NOT NULL,
      name text NOT NULL,
      subject_kind text NOT NULL,
      legal_representative text NOT NULL,
      business_scope text NOT NULL,
      industry_codes text[] NOT NULL DEFAULT '{}',
      division_code text NOT NULL,
      address text NOT NULL,
      registered_on date NOT NULL,
      registration_authority text NOT NULL,
      prior_approval boolean NOT NULL DEFAULT false,
      UNIQUE (sender_department_id, sender_record_id)
    );
    CREATE INDEX business_registrations_uscc ON business_registrations (uscc);
    CREATE INDEX business_registrations_registered_on ON business_registrations (registered_on, id);

    CREATE TABLE licence_records (
      id serial PRIMARY KEY,
      sender_department_id integer NOT NULL REFERENCES departments (id),
      sender_record_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('接口', '批量', '在线')),
      payload_digest text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      subject_id integer REFERENCES subjects (id),
      received_by integer REFERENCES users (id),
      received_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      counterpart_category text NOT NULL CHECK (counterpart_category IN ('法人及非法人组织', '自然人', '个体工商户')),
      counterpart_name text NOT NULL,
      uscc text,
      legal_representative text NOT NULL DEFAULT '',
      id_number_masked text,
      id_number_cipher text,
      decided_on date NOT NULL,
      authority_name text NOT NULL,
      authority_uscc text NOT NULL,
      source_unit_name text NOT NULL,
      source_unit_uscc text NOT NULL,
      status text NOT NULL CHECK (status IN ('有效', '已变更', '已撤销', '已注销', '已吊销')),
      department_id integer REFERENCES departments (id),
      decision_doc_name text NOT NULL,
      decision_doc_no text NOT NULL,
      category text NOT NULL CHECK (category IN ('普通', '特许', '认可', '核准', '登记', '其他')),
      certificate_name text NOT NULL DEFAULT '',
      certificate_no text NOT NULL DEFAULT '',
      content text NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      approval_item_code text,
      applied_on date,
      registration_id integer REFERENCES business_registrations (id),
      CHECK (uscc IS NOT NULL OR counterpart_category = '自然人'),
      UNIQUE (sender_department_id, sender_record_id)
    );
    CREATE INDEX licence_records_uscc ON licence_records (uscc);
    CREATE INDEX licence_records_decided_on ON licence_records (decided_on, id);

    CREATE TABLE penalty_records (
      id serial PRIMARY KEY,
      sender_department_id integer NOT NULL REFERENCES departments (id),
      sender_record_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('接口', '批量', '在线')),
      payload_digest text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      subject_id integer REFERENCES subjects (id),
      received_by integer REFERENCES users (id),
      received_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      counterpart_category text NOT NULL CHECK (counterpart_category IN ('法人及非法人组织', '自然人', '个体工商户')),
      counterpart_name text NOT NULL,
      uscc text,
      legal_representative text NOT NULL DEFAULT '',
      id_number_masked text,
      id_number_cipher text,
      decided_on date NOT NULL,
      authority_name text NOT NULL,
      authority_uscc text NOT NULL,
      source_unit_name text NOT NULL,
      source_unit_uscc text NOT NULL,
      status text NOT NULL CHECK (status IN ('有效', '已变更', '已撤销', '已注销', '已吊销')),
      department_id integer REFERENCES departments (id),
      decision_doc_no text NOT NULL,
      violation_type text NOT NULL,
      violation_facts text NOT NULL,
      legal_basis text NOT NULL,
      categories text[] NOT NULL,
      content text NOT NULL,
      fine_amount numeric(18, 6),
      confiscated_amount numeric(18, 6),
      licence_affected text NOT NULL DEFAULT '',
      publicity_until date NOT NULL,
      task_id integer REFERENCES inspection_tasks (id),
      CHECK (uscc IS NOT NULL OR counterpart_category = '自然人'),
      UNIQUE (sender_department_id, sender_record_id)
    );
    CREATE INDEX penalty_records_uscc ON penalty_records (uscc);
    CREATE INDEX penalty_records_decided_on ON penalty_records (decided_on, id);
    CREATE INDEX penalty_records_task ON penalty_records (task_id) WHERE task_id IS NOT NULL;

    CREATE TABLE received_record_versions (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('登记注册', '行政许可', '行政处罚')),
      record_id integer NOT NULL,
      version integer NOT NULL,
      channel text NOT NULL CHECK (channel IN ('接口', '批量', '在线')),
      payload jsonb NOT NULL,
      payload_digest text NOT NULL,
      received_by integer REFERENCES users (id),
      received_at timestamptz NOT NULL,
      UNIQUE (kind, record_id, version)
    );

    CREATE TABLE registration_pushes (
      id serial PRIMARY KEY,
      registration_id integer NOT NULL REFERENCES business_registrations (id),
      department_id integer REFERENCES departments (id),
      division_code text,
      duty text NOT NULL CHECK (duty IN ('许可审批', '行业主管', '综合执法', '属地街镇')),
      route text NOT NULL CHECK (route IN ('推送', '认领')),
      approval_item_codes text[] NOT NULL DEFAULT '{}',
      pushed_at timestamptz NOT NULL,
      ack_due_on date NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by integer REFERENCES users (id),
      CHECK ((department_id IS NULL) = (duty = '属地街镇')),
      CHECK (duty <> '属地街镇' OR division_code IS NOT NULL)
    );
    CREATE UNIQUE INDEX registration_pushes_department ON registration_pushes (registration_id, department_id, duty)
      WHERE department_id IS NOT NULL;
    CREATE UNIQUE INDEX registration_pushes_division ON registration_pushes (registration_id, division_code)
      WHERE department_id IS NULL;
    CREATE INDEX registration_pushes_open ON registration_pushes (department_id, ack_due_on) WHERE acknowledged_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE registration_pushes;
    DROP TABLE received_record_versions;
    DROP TABLE penalty_records;
    DROP TABLE licence_records;
    DROP TABLE business_registrations;
  `.execute(db);
}
