import { type Kysely, sql } from 'kysely';

/**
 * Draw rounds and their records (docs/draw.md). A round is committed before its draw: parameters,
 * frame snapshot and Merkle root, inspector snapshot, declared entropy. A record is the sealed
 * draw; records are immutable and a redraw is a new record with a stated reason. The platform's
 * signing key lives in platform_keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE platform_keys (
      purpose text PRIMARY KEY,
      algorithm text NOT NULL,
      public_key text NOT NULL,
      private_key text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE draw_rounds (
      id bigserial PRIMARY KEY,
      round_no text NOT NULL UNIQUE,
      title text NOT NULL,
      year integer NOT NULL,
      round_index integer NOT NULL CHECK (round_index >= 1),
      rounds_in_year integer NOT NULL CHECK (rounds_in_year >= round_index),
      window_from date NOT NULL,
      window_to date NOT NULL CHECK (window_to >= window_from),
      sampling_item_ids bigint[] NOT NULL,
      design text NOT NULL CHECK (design IN ('poisson','fixed')),
      commitment jsonb NOT NULL,
      commitment_hash text NOT NULL,
      frame_snapshot bytea NOT NULL,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL
    );
    CREATE TABLE draw_records (
      id bigserial PRIMARY KEY,
      record_no text NOT NULL UNIQUE,
      round_id bigint NOT NULL REFERENCES draw_rounds(id),
      redraw_of bigint REFERENCES draw_records(id),
      redraw_reason text,
      seed text NOT NULL,
      record_digest text NOT NULL,
      measures jsonb NOT NULL,
      bundle bytea NOT NULL,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK ((redraw_of IS NULL) = (redraw_reason IS NULL))
    );
    CREATE INDEX draw_records_round ON draw_records (round_id);
    CREATE FUNCTION draw_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '抽取承诺和抽取记录不能修改或删除；重新抽取只能作为新记录并说明理由';
    END $$;
    CREATE TRIGGER draw_rounds_immutable BEFORE UPDATE OR DELETE ON draw_rounds FOR EACH ROW EXECUTE FUNCTION draw_immutable();
    CREATE TRIGGER draw_records_immutable BEFORE UPDATE OR DELETE ON draw_records FOR EACH ROW EXECUTE FUNCTION draw_immutable();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE draw_records; DROP TABLE draw_rounds; DROP FUNCTION draw_immutable(); DROP TABLE platform_keys;`.execute(db);
}
