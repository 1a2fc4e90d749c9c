import { type Kysely, sql } from 'kysely';

/** Departments, roles, users, sessions, the hash-chained audit log and admin-loaded calendar years. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE departments (
      id serial PRIMARY KEY,
      name text NOT NULL UNIQUE,
      code text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('登记注册','许可审批','行业主管','综合执法','督查','信用主管','联席会议办公室','平台管理')),
      division_code char(6) NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      parent_id integer REFERENCES departments(id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE roles (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name text NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      data_scope text NOT NULL CHECK (data_scope IN ('own_department','all')),
      permissions text[] NOT NULL DEFAULT '{}',
      builtin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE users (
      id serial PRIMARY KEY,
      username text NOT NULL UNIQUE,
      name text NOT NULL,
      id_card_masked text NOT NULL,
      phone text NOT NULL,
      department_id integer NOT NULL REFERENCES departments(id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      password_hash text NOT NULL,
      failed_attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX users_department_idx ON users(department_id);
    CREATE TABLE user_roles (
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role_code text NOT NULL REFERENCES roles(code) ON UPDATE CASCADE,
      PRIMARY KEY (user_id, role_code)
    );
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id),
      kind text NOT NULL CHECK (kind IN ('browser','api')),
      name text,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz,
      revoked_at timestamptz,
      ip text
    );
    CREATE INDEX sessions_user_idx ON sessions(user_id);
    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_user_id integer,
      actor_name text NOT NULL,
      actor_department_id integer,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      summary text NOT NULL,
      before_digest text,
      after_digest text,
      changes jsonb,
      ip text,
      algorithm text NOT NULL CHECK (algorithm IN ('sha256','sm3')),
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    );
    CREATE SEQUENCE audit_log_seq;
    CREATE INDEX audit_log_at_idx ON audit_log(at);
    CREATE INDEX audit_log_entity_idx ON audit_log(entity_type, entity_id);
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    CREATE TABLE calendar_years (
      year integer PRIMARY KEY CHECK (year BETWEEN 2027 AND 2200),
      file_name text NOT NULL,
      holidays integer NOT NULL,
      workdays integer NOT NULL,
      loaded_by integer REFERENCES users(id),
      loaded_at timestamptz NOT NULL
    );
    CREATE TABLE calendar_days (
      date date PRIMARY KEY,
      year integer NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('holiday','workday')),
      name text NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE calendar_days; DROP TABLE calendar_years;
    DROP TABLE audit_log; DROP SEQUENCE audit_log_seq; DROP FUNCTION audit_log_append_only();
    DROP TABLE sessions; DROP TABLE user_roles; DROP TABLE users; DROP TABLE roles; DROP TABLE departments;
  `.execute(db);
}
