import { type Kysely, sql } from 'kysely';

/**
 * The item lists (《朔州市平鲁区“互联网+监管”系统运行管理办法》第六条至第十二条, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十条): supervision item catalog with its version
 * history, check implementation list under each item, random-sampling items linked to check items,
 * and a key/value settings table (first key: the default sampling ratios per credit class).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by integer REFERENCES users(id)
    );
    CREATE TABLE supervision_items (
      id serial PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      department_id integer NOT NULL REFERENCES departments(id),
      legal_basis text NOT NULL,
      object_type text NOT NULL,
      measures text NOT NULL,
      process text NOT NULL,
      result_handling text NOT NULL,
      level text NOT NULL CHECK (level IN ('国家','省','市','县')),
      responsible_leader text NOT NULL,
      responsible_unit text NOT NULL,
      responsible_person text NOT NULL,
      licence_items text[] NOT NULL DEFAULT '{}',
      source text NOT NULL CHECK (source IN ('自有','认领')),
      claimed_from text,
      status text NOT NULL CHECK (status IN ('有效','停用')),
      version integer NOT NULL CHECK (version >= 1),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by integer REFERENCES users(id),
      CHECK ((source = '认领') = (claimed_from IS NOT NULL))
    );
    CREATE INDEX supervision_items_department ON supervision_items (department_id);
    CREATE TABLE check_items (
      id serial PRIMARY KEY,
      supervision_item_id integer NOT NULL REFERENCES supervision_items(id),
      code text NOT NULL,
      content text NOT NULL,
      method text NOT NULL CHECK (method IN ('现场检查','非现场检查','书面检查','其他')),
      basis text NOT NULL,
      sort_order integer NOT NULL,
      withdrawn_at timestamptz,
      UNIQUE (supervision_item_id, code)
    );
    CREATE TABLE supervision_item_versions (
      item_id integer NOT NULL REFERENCES supervision_items(id),
      version integer NOT NULL,
      snapshot jsonb NOT NULL,
      changed_by integer REFERENCES users(id),
      changed_by_name text NOT NULL,
      changed_at timestamptz NOT NULL,
      summary text NOT NULL,
      PRIMARY KEY (item_id, version)
    );
    CREATE TABLE sampling_items (
      id serial PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      department_id integer NOT NULL REFERENCES departments(id),
      basis text NOT NULL,
      scope jsonb NOT NULL,
      method text NOT NULL,
      ratios jsonb NOT NULL,
      frequency text NOT NULL CHECK (frequency IN ('每年一次','每半年一次','每季度一次','按需')),
      inspector_requirements jsonb NOT NULL CHECK ((inspector_requirements->>'minInspectors')::int >= 2),
      published boolean NOT NULL DEFAULT false,
      published_at timestamptz,
      status text NOT NULL CHECK (status IN ('有效','停用')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by integer REFERENCES users(id),
      CHECK (published = (published_at IS NOT NULL))
    );
    CREATE INDEX sampling_items_department ON sampling_items (department_id);
    CREATE INDEX sampling_items_published ON sampling_items (published_at DESC) WHERE published;
    CREATE TABLE sampling_item_check_items (
      sampling_item_id integer NOT NULL REFERENCES sampling_items(id) ON DELETE CASCADE,
      check_item_id integer NOT NULL REFERENCES check_items(id),
      PRIMARY KEY (sampling_item_id, check_item_id)
    );
    CREATE INDEX sampling_item_check_items_check ON sampling_item_check_items (check_item_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE sampling_item_check_items; DROP TABLE sampling_items; DROP TABLE supervision_item_versions;
    DROP TABLE check_items; DROP TABLE supervision_items; DROP TABLE IF EXISTS settings;
  `.execute(db);
}
