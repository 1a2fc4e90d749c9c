import { type Kysely, sql } from 'kysely';

/**
 * 移送、协查、抄告 (《关于深入推进跨部门综合监管的实施意见》（十四）（十五）, 《“互联网+监管”系统运行管理办法》第二十九条):
 * the finding transfers of 0016 become case and clue transfers to a named department of the platform or to an
 * external body (公安机关, 检察机关) with acceptance, return and outcome; assistance requests (执法协助, 协查协办);
 * copies of findings and decisions to the departments concerned (抄告抄送); one history of every step; the
 * reminders already sent (once per deadline).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE case_transfers
      ALTER COLUMN task_id DROP NOT NULL,
      ALTER COLUMN check_item_id DROP NOT NULL,
      ALTER COLUMN result DROP NOT NULL,
      ALTER COLUMN result_notes DROP NOT NULL,
      DROP CONSTRAINT case_transfers_status_check,
      ADD COLUMN transfer_no text,
      ADD COLUMN kind text NOT NULL DEFAULT '案件移送' CHECK (kind IN ('案件移送', '线索移送')),
      ADD COLUMN source_type text NOT NULL DEFAULT '检查发现'
        CHECK (source_type IN ('检查发现', '投诉举报', '风险预警', '手工录入')),
      ADD COLUMN source_ref text,
      ADD COLUMN subject_id bigint REFERENCES subjects(id),
      ADD COLUMN subject_name text NOT NULL DEFAULT '',
      ADD COLUMN receiver_department_id bigint REFERENCES departments(id),
      ADD COLUMN external_kind text CHECK (external_kind IN ('公安机关', '检察机关', '其他')),
      ADD COLUMN legal_ground text NOT NULL DEFAULT '',
      ADD COLUMN accept_due_on date,
      ADD COLUMN returned_reason text,
      ADD COLUMN accepted_at timestamptz,
      ADD COLUMN receipt_no text,
      ADD COLUMN outcome text CHECK (outcome IN ('立案', '不予立案', '已处罚', '移送司法机关')),
      ADD COLUMN case_no text,
      ADD COLUMN penalty_record_id bigint REFERENCES penalty_records(id),
      ADD COLUMN outcome_notes text,
      ADD COLUMN outcome_at timestamptz,
      ADD COLUMN updated_at timestamptz;
    UPDATE case_transfers SET
      transfer_no = 'YS' || to_char(transferred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(id::text, 6, '0'),
      external_kind = '其他',
      source_ref = (SELECT task_no FROM inspection_tasks t WHERE t.id = case_transfers.task_id),
      status = '待受理';
    ALTER TABLE case_transfers
      ALTER COLUMN transfer_no SET NOT NULL,
      ADD CONSTRAINT case_transfers_transfer_no UNIQUE (transfer_no),
      ADD CONSTRAINT case_transfers_status_check CHECK (status IN ('待受理', '已受理', '已退回', '已立案', '已办结')),
      ADD CONSTRAINT case_transfers_receiver CHECK ((receiver_department_id IS NULL) <> (external_kind IS NULL)),
      ADD CONSTRAINT case_transfers_finding CHECK (source_type <> '检查发现' OR (task_id IS NOT NULL AND check_item_id IS NOT NULL));
    CREATE INDEX case_transfers_receiver ON case_transfers (receiver_department_id, status);
    CREATE INDEX case_transfers_sender ON case_transfers (department_id, status);

    CREATE TABLE assistance_requests (
      id bigserial PRIMARY KEY,
      request_no text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('执法协助', '协查协办')),
      requesting_department_id bigint NOT NULL REFERENCES departments(id),
      requested_department_id bigint NOT NULL REFERENCES departments(id),
      help text NOT NULL,
      legal_ground text NOT NULL,
      subject_id bigint REFERENCES subjects(id),
      subject_name text NOT NULL DEFAULT '',
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('待受理', '办理中', '已答复', '已拒绝')),
      declined_reason text,
      answer text,
      answered_at timestamptz,
      task_id bigint REFERENCES inspection_tasks(id),
      created_by bigint NOT NULL,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz,
      CHECK (requesting_department_id <> requested_department_id)
    );
    CREATE INDEX assistance_requests_requested ON assistance_requests (requested_department_id, status);
    CREATE INDEX assistance_requests_requesting ON assistance_requests (requesting_department_id, status);
    CREATE INDEX assistance_requests_task ON assistance_requests (task_id);

    CREATE TABLE copy_notices (
      id bigserial PRIMARY KEY,
      copy_no text NOT NULL UNIQUE,
      sender_department_id bigint NOT NULL REFERENCES departments(id),
      about text NOT NULL CHECK (about IN ('检查发现', '处罚决定', '违法案件', '重大问题')),
      title text NOT NULL,
      content text NOT NULL,
      source_ref text,
      subject_id bigint REFERENCES subjects(id),
      subject_name text NOT NULL DEFAULT '',
      created_by bigint NOT NULL,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE copy_recipients (
      copy_id bigint NOT NULL REFERENCES copy_notices(id),
      department_id bigint NOT NULL REFERENCES departments(id),
      read_at timestamptz,
      read_by_name text,
      reply text,
      replied_at timestamptz,
      PRIMARY KEY (copy_id, department_id)
    );
    CREATE INDEX copy_recipients_department ON copy_recipients (department_id, read_at);

    CREATE TABLE transfer_events (
      id bigserial PRIMARY KEY,
      item_type text NOT NULL CHECK (item_type IN ('移送', '协查', '抄告')),
      item_id bigint NOT NULL,
      action text NOT NULL,
      department_id bigint REFERENCES departments(id),
      actor_name text NOT NULL,
      note text NOT NULL DEFAULT '',
      at timestamptz NOT NULL
    );
    CREATE INDEX transfer_events_item ON transfer_events (item_type, item_id, id);

    CREATE TABLE transfer_files (
      id bigserial PRIMARY KEY,
      item_type text NOT NULL CHECK (item_type IN ('移送', '协查', '抄告')),
      item_id bigint NOT NULL,
      department_id bigint NOT NULL REFERENCES departments(id),
      file_name text NOT NULL,
      content_type text NOT NULL,
      data bytea NOT NULL,
      uploaded_by_name text NOT NULL,
      uploaded_at timestamptz NOT NULL
    );
    CREATE INDEX transfer_files_item ON transfer_files (item_type, item_id);

    CREATE TABLE transfer_reminders (
      item_type text NOT NULL,
      item_id bigint NOT NULL,
      due_on date NOT NULL,
      reminded_at timestamptz NOT NULL,
      PRIMARY KEY (item_type, item_id, due_on)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE transfer_reminders; DROP TABLE transfer_files; DROP TABLE transfer_events;
    DROP TABLE copy_recipients; DROP TABLE copy_notices; DROP TABLE assistance_requests;
    DELETE FROM case_transfers WHERE source_type <> '检查发现';
    ALTER TABLE case_transfers
      DROP CONSTRAINT case_transfers_status_check, DROP CONSTRAINT case_transfers_receiver,
      DROP CONSTRAINT case_transfers_finding, DROP CONSTRAINT case_transfers_transfer_no;
    UPDATE case_transfers SET status = '已移送';
    ALTER TABLE case_transfers
      DROP COLUMN transfer_no, DROP COLUMN kind, DROP COLUMN source_type, DROP COLUMN source_ref,
      DROP COLUMN subject_id, DROP COLUMN subject_name, DROP COLUMN receiver_department_id, DROP COLUMN external_kind,
      DROP COLUMN legal_ground, DROP COLUMN accept_due_on, DROP COLUMN returned_reason, DROP COLUMN accepted_at,
      DROP COLUMN receipt_no, DROP COLUMN outcome, DROP COLUMN case_no, DROP COLUMN penalty_record_id,
      DROP COLUMN outcome_notes, DROP COLUMN outcome_at, DROP COLUMN updated_at,
      ADD CONSTRAINT case_transfers_status_check CHECK (status IN ('已移送'));
    DROP INDEX IF EXISTS case_transfers_receiver; DROP INDEX IF EXISTS case_transfers_sender;
  `.execute(db);
}
