import { type Kysely, sql } from 'kysely';

/**
 * Task announcements (任务公告): the publication of one draw record's inspection tasks. One per
 * record, written once and never changed (《黄浦区精准高效协同监管实施办法（试行）》第十条; docs/draw.md: no silent changes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE task_announcements (
      id bigserial PRIMARY KEY,
      draw_record_id bigint NOT NULL UNIQUE REFERENCES draw_records(id),
      title text NOT NULL,
      task_count integer NOT NULL,
      published_at timestamptz NOT NULL,
      published_by bigint REFERENCES users(id)
    );
    CREATE INDEX task_announcements_published ON task_announcements (published_at DESC, id DESC);
    CREATE FUNCTION task_announcement_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '已发布的任务公告不能修改或删除';
    END $$;
    CREATE TRIGGER task_announcements_immutable BEFORE UPDATE OR DELETE ON task_announcements FOR EACH ROW EXECUTE FUNCTION task_announcement_immutable();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE task_announcements; DROP FUNCTION task_announcement_immutable();`.execute(db);
}
