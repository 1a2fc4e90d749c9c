import { type Kysely, sql } from 'kysely';

/**
 * The enterprise keeps its way in (《黄浦区精准高效协同监管实施办法（试行）》第二十四条、第二十五条):
 * - the subject register holds the subject's contact (mobile phone, e-mail) for messages to it;
 * - an outbound message may go to such a contact instead of a platform user: its text, its recipient and, until it is
 *   sent or given up, the secret it carries (the 企业查询码) sit beside the message; the secret is erased then;
 * - a 检查码 remembers the department that issued it; every 企业查询码 given with it (the first, and each one issued
 *   again) is recorded with where it was sent — never the code itself, which stays a hash on the 检查码;
 * - the enterprise evaluates each department's part of a visit on its own: one evaluation per task and department.
 *   An evaluation made before was of the whole visit: it stands for each department of the task.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE subjects ADD COLUMN contact_phone text, ADD COLUMN contact_email text;

    ALTER TABLE outbound_messages ALTER COLUMN notification_id DROP NOT NULL;
    CREATE TABLE outbound_contact_messages (
      message_id bigint PRIMARY KEY REFERENCES outbound_messages(id),
      recipient_name text NOT NULL,
      phone text,
      email text,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      task_no text,
      secret text,
      CHECK (phone IS NOT NULL OR email IS NOT NULL)
    );
    CREATE INDEX outbound_contact_messages_task ON outbound_contact_messages (task_no);

    ALTER TABLE inspection_codes ADD COLUMN department_id bigint REFERENCES departments(id);
    UPDATE inspection_codes c SET department_id = u.department_id FROM users u WHERE u.id = c.issued_by;
    CREATE TABLE inspection_query_codes (
      id bigserial PRIMARY KEY,
      code_id bigint NOT NULL REFERENCES inspection_codes(id),
      issued_at timestamptz NOT NULL,
      issued_by bigint REFERENCES users(id),
      reissue boolean NOT NULL,
      channel text CHECK (channel IN ('短信', '电子邮件')),
      contact_masked text,
      outbound_message_id bigint REFERENCES outbound_messages(id),
      superseded_at timestamptz
    );
    CREATE INDEX inspection_query_codes_code ON inspection_query_codes (code_id, id);
    INSERT INTO inspection_query_codes (code_id, issued_at, issued_by, reissue)
      SELECT id, issued_at, issued_by, false FROM inspection_codes ORDER BY id;

    ALTER TABLE inspection_evaluations DROP CONSTRAINT IF EXISTS inspection_evaluations_code_id_key;
    ALTER TABLE inspection_evaluations ADD COLUMN department_id bigint REFERENCES departments(id);
    INSERT INTO inspection_evaluations
        (code_id, task_id, department_id, satisfaction, comments, complaint, complaint_text, submitted_at)
      SELECT e.code_id, e.task_id, d.department_id, e.satisfaction, e.comments, e.complaint, e.complaint_text,
        e.submitted_at
      FROM inspection_evaluations e
      JOIN (SELECT DISTINCT task_id, department_id FROM inspection_task_items) d ON d.task_id = e.task_id
      WHERE d.department_id <> (SELECT min(x.department_id) FROM inspection_task_items x WHERE x.task_id = e.task_id)
      ORDER BY e.id, d.department_id;
    UPDATE inspection_evaluations e
      SET department_id = (SELECT min(x.department_id) FROM inspection_task_items x WHERE x.task_id = e.task_id)
      WHERE e.department_id IS NULL;
    DELETE FROM inspection_evaluations WHERE department_id IS NULL;
    ALTER TABLE inspection_evaluations ALTER COLUMN department_id SET NOT NULL;
    CREATE UNIQUE INDEX inspection_evaluations_one_per_department ON inspection_evaluations (task_id, department_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX inspection_evaluations_one_per_department;
    DELETE FROM inspection_evaluations e
      WHERE EXISTS (SELECT 1 FROM inspection_evaluations o WHERE o.task_id = e.task_id AND o.id < e.id);
    ALTER TABLE inspection_evaluations DROP COLUMN department_id;
    ALTER TABLE inspection_evaluations ADD CONSTRAINT inspection_evaluations_code_id_key UNIQUE (code_id);
    DROP TABLE inspection_query_codes;
    ALTER TABLE inspection_codes DROP COLUMN department_id;
    DROP TABLE outbound_contact_messages;
    DELETE FROM outbound_messages WHERE notification_id IS NULL;
    ALTER TABLE outbound_messages ALTER COLUMN notification_id SET NOT NULL;
    ALTER TABLE subjects DROP COLUMN contact_phone, DROP COLUMN contact_email;
  `.execute(db);
}
