import { type Kysely, sql } from 'kysely';

/**
 * 检查码 (inspection codes) issued with a task's 检查告知书, and the subjects' evaluations of the
 * inspection (《黄浦区精准高效协同监管实施办法（试行）》第十一条和第十七条). The signed token itself is on the notice; the row records
 * issue and revocation. The enterprise's one-time 查询码 is kept only as a hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inspection_codes (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      token_id text NOT NULL UNIQUE,
      token text NOT NULL,
      query_code_hash text NOT NULL,
      issued_at timestamptz NOT NULL,
      issued_by bigint REFERENCES users(id),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by bigint REFERENCES users(id),
      revoke_reason text
    );
    CREATE UNIQUE INDEX inspection_codes_one_current ON inspection_codes (task_id) WHERE revoked_at IS NULL;
    CREATE INDEX inspection_codes_task ON inspection_codes (task_id, id);
    CREATE TABLE inspection_evaluations (
      id bigserial PRIMARY KEY,
      code_id bigint NOT NULL UNIQUE REFERENCES inspection_codes(id),
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      satisfaction smallint NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
      comments text NOT NULL DEFAULT '',
      complaint boolean NOT NULL DEFAULT false,
      complaint_text text NOT NULL DEFAULT '',
      submitted_at timestamptz NOT NULL
    );
    CREATE INDEX inspection_evaluations_task ON inspection_evaluations (task_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE inspection_evaluations; DROP TABLE inspection_codes;`.execute(db);
}
