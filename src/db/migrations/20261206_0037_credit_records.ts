import { type Kysely, sql } from 'kysely';

/**
 * Credit records (信用记录): the history of each record (every version and status change, append-only: who, when,
 * through which channel, why) and the date a status change took effect (移出日期 of a list, date of a 撤销).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE credit_records ADD COLUMN status_on date;
    ALTER TABLE credit_records ADD COLUMN basis_doc_no text NOT NULL DEFAULT '';
    CREATE TABLE credit_record_history (
      id serial PRIMARY KEY,
      record_id integer NOT NULL REFERENCES credit_records (id),
      version integer NOT NULL,
      event text NOT NULL CHECK (event IN ('新增', '更新', '更正', '撤销', '移出', '修复')),
      status text NOT NULL,
      channel text NOT NULL,
      fields jsonb NOT NULL,
      reason text,
      changed_by integer REFERENCES users (id),
      changed_by_name text NOT NULL,
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX credit_record_history_record ON credit_record_history (record_id, id);
    CREATE INDEX credit_records_counting ON credit_records (counts_from) WHERE status = '有效';
  `.execute(db);
}
