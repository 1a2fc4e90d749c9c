import { type Kysely, sql } from 'kysely';

/**
 * Import jobs (CSV / XLSX into a register): one row per uploaded file, with progress while it runs
 * and the result afterwards. Problems are kept (capped) so the error report can be downloaded later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE import_jobs (
      id text PRIMARY KEY,
      kind text NOT NULL,
      file_name text NOT NULL,
      file_sha256 char(64) NOT NULL,
      file_size bigint NOT NULL,
      mode text NOT NULL CHECK (mode IN ('dry-run', 'all-or-nothing', 'valid-only')),
      status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      total_rows integer,
      processed_rows integer NOT NULL DEFAULT 0,
      inserted integer NOT NULL DEFAULT 0,
      updated integer NOT NULL DEFAULT 0,
      unchanged integer NOT NULL DEFAULT 0,
      rejected integer NOT NULL DEFAULT 0,
      -- Whether the rows were written: false for a dry run and for an all-or-nothing file with bad rows.
      committed boolean NOT NULL DEFAULT false,
      problems jsonb NOT NULL DEFAULT '[]',
      -- Problems beyond the stored cap (counted, not kept).
      problems_omitted integer NOT NULL DEFAULT 0,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      -- Wall-clock running time, for rows per second.
      elapsed_ms integer,
      error text
    );
    CREATE INDEX import_jobs_created_by ON import_jobs (created_by, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE import_jobs`.execute(db);
}
