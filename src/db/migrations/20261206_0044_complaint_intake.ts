import { type Kysely, sql } from 'kysely';

/**
 * Intake of complaints and tip-offs: the files a complainant attaches on the portal or staff attach at the counter
 * (photos and PDF, type checked by content), and a lookup of complaints by the 检查码 evaluation they came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE complaint_attachments (
      id serial PRIMARY KEY,
      complaint_id integer NOT NULL REFERENCES complaints (id),
      file_name text NOT NULL,
      content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
      size integer NOT NULL CHECK (size > 0),
      sha256 text NOT NULL,
      data bytea NOT NULL,
      uploaded_by integer REFERENCES users (id),
      uploaded_at timestamptz NOT NULL
    );
    CREATE INDEX complaint_attachments_complaint ON complaint_attachments (complaint_id);
    CREATE UNIQUE INDEX complaints_evaluation ON complaints (evaluation_id) WHERE evaluation_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX complaints_evaluation; DROP TABLE complaint_attachments;`.execute(db);
}
