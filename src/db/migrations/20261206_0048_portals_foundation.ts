import { type Kysely, sql } from 'kysely';

/**
 * Data aggregation (数据汇聚): every batch a department's system sends (API, batch file, online entry) and every
 * anomaly found in it. Missing, wrong or inconsistent data (未报送、报送错误、报送不一致) is assigned to the
 * sending department, which must fix and resend it within 5 working days
 * (《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条); open and overdue anomalies feed the work portal's
 * to-dos and the departments' performance evaluation (第四十三条、第四十六条). The aggregation capability adds the
 * records themselves; the evaluation and the portal only read these two tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE aggregation_batches (
      id serial PRIMARY KEY,
      batch_no text NOT NULL UNIQUE,
      department_id integer NOT NULL REFERENCES departments (id),
      channel text NOT NULL CHECK (channel IN ('接口', '批量文件', '在线填报', '平台核查')),
      record_kind text NOT NULL,
      file_name text,
      record_count integer NOT NULL DEFAULT 0 CHECK (record_count >= 0),
      accepted_count integer NOT NULL DEFAULT 0 CHECK (accepted_count >= 0),
      anomaly_count integer NOT NULL DEFAULT 0 CHECK (anomaly_count >= 0),
      status text NOT NULL DEFAULT '已接收' CHECK (status IN ('已接收', '部分异常', '全部异常')),
      received_at timestamptz NOT NULL,
      created_by integer REFERENCES users (id),
      token_name text
    );
    CREATE INDEX aggregation_batches_department ON aggregation_batches (department_id, received_at);

    CREATE TABLE data_anomalies (
      id serial PRIMARY KEY,
      department_id integer NOT NULL REFERENCES departments (id),
      batch_id integer REFERENCES aggregation_batches (id),
      record_kind text NOT NULL,
      record_key text NOT NULL DEFAULT '',
      row_no integer,
      field text,
      field_label text,
      problem text NOT NULL CHECK (problem IN ('未报送', '报送错误', '报送不一致')),
      message text NOT NULL,
      detected_at timestamptz NOT NULL,
      due_on date,
      status text NOT NULL DEFAULT '待整改' CHECK (status IN ('待整改', '已整改', '已核销')),
      resolved_at timestamptz,
      resolved_batch_id integer REFERENCES aggregation_batches (id),
      resolution_note text NOT NULL DEFAULT ''
    );
    CREATE INDEX data_anomalies_department ON data_anomalies (department_id, status, due_on);
    CREATE INDEX data_anomalies_record ON data_anomalies (department_id, record_kind, record_key) WHERE status = '待整改';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE data_anomalies; DROP TABLE aggregation_batches;`.execute(db);
}
