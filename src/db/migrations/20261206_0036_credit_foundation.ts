import { type Kysely, sql } from 'kysely';

/**
 * Credit and risk (双评估): the credit records (信用记录) every source writes, the versioned evaluation model with
 * its immutable runs and per-subject results (公共信用综合评价), and key targets (重点抽查对象) with their reason
 * and expiry. The existing hand-set key targets become rows of key_targets ('人工列入'); subjects.key_target stays
 * as the register's derived flag the draw reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE credit_records (
      id serial PRIMARY KEY,
      record_no text NOT NULL UNIQUE,
      uscc text NOT NULL,
      subject_id integer REFERENCES subjects (id),
      subject_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN (
        '行政处罚', '许可撤销吊销', '检查发现问题', '违反告知承诺', '经营异常名录', '严重违法失信名单',
        '年报未报', '投诉举报属实', '表彰奖励')),
      severity text NOT NULL CHECK (severity IN ('轻微', '一般', '较重', '严重')),
      source text NOT NULL CHECK (source IN ('行政处罚', '行政许可', '检查结果', '双跟踪', '投诉举报', '外部报送')),
      source_ref text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('平台', '接口', '批量', '在线')),
      sender_department_id integer REFERENCES departments (id),
      department_name text NOT NULL,
      title text NOT NULL,
      detail text NOT NULL DEFAULT '',
      occurred_on date NOT NULL,
      counts_from date NOT NULL,
      counts_until date,
      status text NOT NULL DEFAULT '有效' CHECK (status IN ('有效', '已修复', '已撤销', '已移出')),
      status_reason text,
      status_changed_at timestamptz,
      payload_digest text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (source, source_ref)
    );
    CREATE INDEX credit_records_subject ON credit_records (subject_id, occurred_on);
    CREATE INDEX credit_records_uscc ON credit_records (uscc);
    CREATE INDEX credit_records_kind ON credit_records (kind, occurred_on);

    CREATE TABLE credit_models (
      id serial PRIMARY KEY,
      version integer NOT NULL UNIQUE,
      name text NOT NULL,
      status text NOT NULL CHECK (status IN ('草稿', '已发布', '已停用')),
      definition jsonb NOT NULL,
      note text NOT NULL DEFAULT '',
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      published_by integer REFERENCES users (id),
      published_at timestamptz
    );

    CREATE TABLE credit_runs (
      id serial PRIMARY KEY,
      run_no text NOT NULL UNIQUE,
      model_id integer NOT NULL REFERENCES credit_models (id),
      period text NOT NULL,
      as_of date NOT NULL,
      trigger text NOT NULL CHECK (trigger IN ('定时', '手动')),
      status text NOT NULL CHECK (status IN ('运行中', '待推送', '已推送', '失败')),
      inputs_digest text,
      results_digest text,
      subject_count integer NOT NULL DEFAULT 0,
      record_count integer NOT NULL DEFAULT 0,
      upgraded integer NOT NULL DEFAULT 0,
      downgraded integer NOT NULL DEFAULT 0,
      error text,
      started_by integer REFERENCES users (id),
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      pushed_by integer REFERENCES users (id),
      pushed_at timestamptz
    );
    CREATE INDEX credit_runs_pushed ON credit_runs (pushed_at DESC) WHERE status = '已推送';

    CREATE TABLE credit_run_results (
      run_id integer NOT NULL REFERENCES credit_runs (id),
      subject_id integer NOT NULL REFERENCES subjects (id),
      score numeric(7, 2) NOT NULL,
      credit_class text NOT NULL CHECK (credit_class IN ('A', 'B', 'C', 'D')),
      previous_class text CHECK (previous_class IN ('A', 'B', 'C', 'D')),
      veto text,
      contributions jsonb,
      PRIMARY KEY (run_id, subject_id)
    );
    CREATE INDEX credit_run_results_subject ON credit_run_results (subject_id, run_id);

    CREATE TABLE key_targets (
      id serial PRIMARY KEY,
      subject_id integer NOT NULL REFERENCES subjects (id),
      reason_kind text NOT NULL CHECK (reason_kind IN (
        '违反告知承诺', '检查发现违法', '年报未报', '跟踪检查结果', '信用评价D类', '联合惩戒', '人工列入')),
      reason text NOT NULL,
      source_ref text,
      department_id integer REFERENCES departments (id),
      listed_on date NOT NULL,
      expires_on date,
      lifted_at timestamptz,
      lifted_by integer REFERENCES users (id),
      lift_reason text,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX key_targets_subject ON key_targets (subject_id) WHERE lifted_at IS NULL;
    CREATE UNIQUE INDEX key_targets_source ON key_targets (subject_id, source_ref)
      WHERE source_ref IS NOT NULL AND lifted_at IS NULL;

    INSERT INTO key_targets (subject_id, reason_kind, reason, listed_on, created_at)
    SELECT id, '人工列入', coalesce(nullif(key_target_reason, ''), '原名录库中列为重点抽查对象'),
           (updated_at AT TIME ZONE 'Asia/Shanghai')::date, updated_at
      FROM subjects WHERE key_target;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE key_targets;
    DROP TABLE credit_run_results;
    DROP TABLE credit_runs;
    DROP TABLE credit_models;
    DROP TABLE credit_records;
  `.execute(db);
}
