import { type Kysely, sql } from 'kysely';

/**
 * Data aggregation (《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条至第十八条、第三十二条): every record a
 * department sends, keyed by sender and its own key (主键), with its content digest for idempotent re-delivery; the
 * kinds no other register holds (监管计划, 行政检查, 行政强制, 其他监管行为) are the 监管行为信息库 read from here.
 * An anomaly keeps the refused record (personal data masked) so the department can correct it online and resend.
 * The completeness checks run (未报送, once a day). The reminders sent per anomaly (临期, 超期: once each); the mapping of the platform's item codes to the national
 * 14-digit catalog code and implementation-list code; the provincial exchange exports and, per exported record,
 * what was sent last so the next export sends u or d rather than everything as i again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE aggregation_batches ADD COLUMN sender_batch_no text;
    ALTER TABLE data_anomalies ADD COLUMN record_payload jsonb;

    CREATE TABLE aggregation_records (
      id serial PRIMARY KEY,
      department_id integer NOT NULL REFERENCES departments (id),
      record_kind text NOT NULL,
      sender_key text NOT NULL,
      payload jsonb NOT NULL,
      content_digest text NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      batch_id integer NOT NULL REFERENCES aggregation_batches (id),
      row_no integer,
      home text NOT NULL,
      home_ref text,
      received_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (department_id, record_kind, sender_key)
    );
    CREATE INDEX aggregation_records_batch ON aggregation_records (batch_id);
    CREATE INDEX aggregation_records_kind ON aggregation_records (record_kind, updated_at);

    CREATE TABLE anomaly_reminders (
      anomaly_id integer NOT NULL REFERENCES data_anomalies (id),
      phase text NOT NULL CHECK (phase IN ('due_soon', 'overdue')),
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (anomaly_id, phase)
    );

    CREATE TABLE aggregation_checks (
      checked_on date PRIMARY KEY,
      period text NOT NULL,
      raised integer NOT NULL,
      checked_at timestamptz NOT NULL
    );

    CREATE TABLE exchange_code_mappings (
      item_code text PRIMARY KEY,
      catalog_code text NOT NULL CHECK (catalog_code ~ '^[0-9]{14}$'),
      list_code text NOT NULL,
      updated_by integer REFERENCES users (id),
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE exchange_exports (
      id serial PRIMARY KEY,
      batch_no text NOT NULL UNIQUE,
      record_kind text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      inserted integer NOT NULL,
      updated integer NOT NULL,
      deleted integer NOT NULL,
      refused integer NOT NULL,
      refusals jsonb NOT NULL,
      rows jsonb NOT NULL,
      exported_by integer REFERENCES users (id),
      exported_at timestamptz NOT NULL
    );

    CREATE TABLE exchange_exported_records (
      record_kind text NOT NULL,
      sender_key text NOT NULL,
      record_id text NOT NULL,
      content_digest text NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      last_export_id integer NOT NULL REFERENCES exchange_exports (id),
      PRIMARY KEY (record_kind, sender_key)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE exchange_exported_records; DROP TABLE exchange_exports; DROP TABLE exchange_code_mappings;
    DROP TABLE anomaly_reminders; DROP TABLE aggregation_checks; DROP TABLE aggregation_records;
    ALTER TABLE aggregation_batches DROP COLUMN sender_batch_no;
    ALTER TABLE data_anomalies DROP COLUMN record_payload;
  `.execute(db);
}
