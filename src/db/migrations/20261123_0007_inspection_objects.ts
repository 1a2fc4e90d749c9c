import { type Kysely, sql } from 'kysely';

/**
 * Inspection objects without a USCC (a site, a vehicle, a project, equipment): each is linked to the
 * market subject that bears legal responsibility for it, so results match back to that subject (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十三条).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inspection_objects (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('场所','车辆','项目','设备','其他')),
      name text NOT NULL,
      identifier text NOT NULL DEFAULT '',
      address text NOT NULL DEFAULT '',
      division_code char(6) NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      responsible_subject_id bigint NOT NULL REFERENCES subjects(id),
      department_id integer NOT NULL REFERENCES departments(id),
      note text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT '有效' CHECK (status IN ('有效','停用')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (kind, identifier, department_id)
    );
    CREATE INDEX inspection_objects_subject ON inspection_objects (responsible_subject_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE inspection_objects;`.execute(db);
}
