import { type Kysely, sql } from 'kysely';

/**
 * 双公示 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十九条至第四十一条): one publication per licence or
 * penalty decision with its 7-working-day deadline, the departments' publication setting, the pushes to the credit
 * information platform, and the outbox's data messages (a JSON document to an external data endpoint).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE publications (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('行政许可', '行政处罚')),
      record_id integer NOT NULL,
      department_id integer REFERENCES departments (id),
      counterpart_name text NOT NULL,
      uscc text,
      decided_on date NOT NULL,
      due_on date,
      publicity_until date,
      status text NOT NULL CHECK (status IN ('待公示', '已公示', '已更新', '已撤下')),
      record_version integer NOT NULL,
      published_version integer,
      public_fields jsonb,
      published_at timestamptz,
      published_by integer REFERENCES users (id),
      late boolean NOT NULL DEFAULT false,
      withdrawn_reason text,
      reminded_on date,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (kind, record_id)
    );
    CREATE INDEX publications_open ON publications (department_id, due_on) WHERE status = '待公示';
    CREATE INDEX publications_uscc ON publications (uscc);
    CREATE INDEX publications_name ON publications (counterpart_name);

    CREATE TABLE publicity_settings (
      department_id integer PRIMARY KEY REFERENCES departments (id),
      auto_publish boolean NOT NULL,
      updated_by integer REFERENCES users (id),
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE outbound_data_messages (
      message_id integer PRIMARY KEY REFERENCES outbound_messages (id),
      endpoint text NOT NULL CHECK (endpoint IN ('credit')),
      recipient_name text NOT NULL,
      title text NOT NULL,
      payload jsonb NOT NULL
    );

    CREATE TABLE publication_pushes (
      id serial PRIMARY KEY,
      publication_id integer NOT NULL REFERENCES publications (id),
      operation text NOT NULL CHECK (operation IN ('新增', '更新', '撤销')),
      version integer NOT NULL,
      message_id integer NOT NULL REFERENCES outbound_messages (id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX publication_pushes_publication ON publication_pushes (publication_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE publication_pushes;
    DROP TABLE outbound_data_messages;
    DROP TABLE publicity_settings;
    DROP TABLE publications;
  `.execute(db);
}
