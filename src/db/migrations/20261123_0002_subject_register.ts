import { type Kysely, sql } from 'kysely';

/**
 * The subject register (监管对象名录库) keyed by USCC, and the GB/T 4754 industry table it refers to.
 * Chinese name search: pg_trgm for 3+ characters, a bigram array for 2-character queries.
 * industry_scope holds each industry code with all its ancestors (section letter, division, group),
 * so a filter on a division or section is one GIN containment test.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    -- Permissions the platform has already introduced: a permission new to this table is granted to
    -- the built-in roles that have it by default; one an administrator removed later stays removed.
    CREATE TABLE known_permissions (code text PRIMARY KEY);
    INSERT INTO known_permissions SELECT DISTINCT unnest(permissions) FROM roles;
    CREATE TABLE industries (
      code text PRIMARY KEY,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
      section char(1) NOT NULL,
      name text NOT NULL
    );
    CREATE TABLE subjects (
      id bigserial PRIMARY KEY,
      uscc text NOT NULL UNIQUE,
      uscc_problem text,
      uscc_kept boolean NOT NULL DEFAULT false,
      legacy_reg_no text,
      name text NOT NULL,
      name_bigrams text[] NOT NULL,
      kind text NOT NULL CHECK (kind IN ('企业','个体工商户','农民专业合作社','社会组织','事业单位','其他')),
      legal_representative text NOT NULL DEFAULT '',
      division_code char(6) NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      registered_address text NOT NULL DEFAULT '',
      business_address text NOT NULL DEFAULT '',
      business_scope text NOT NULL DEFAULT '',
      industry_codes text[] NOT NULL DEFAULT '{}',
      industry_scope text[] NOT NULL DEFAULT '{}',
      registration_date date,
      status text NOT NULL DEFAULT '存续' CHECK (status IN ('存续','注销','吊销','迁出')),
      credit_class char(1) CHECK (credit_class IN ('A','B','C','D')),
      industry_risk jsonb NOT NULL DEFAULT '{}',
      whitelisted boolean NOT NULL DEFAULT false,
      key_target boolean NOT NULL DEFAULT false,
      key_target_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (NOT key_target OR key_target_reason IS NOT NULL),
      CHECK (uscc_problem IS NULL OR uscc_kept)
    );
    CREATE INDEX subjects_name_trgm ON subjects USING gin (name gin_trgm_ops);
    CREATE INDEX subjects_name_bigrams ON subjects USING gin (name_bigrams);
    CREATE INDEX subjects_industry_scope ON subjects USING gin (industry_scope);
    CREATE INDEX subjects_division ON subjects (division_code, id);
    CREATE INDEX subjects_credit_class ON subjects (credit_class, id);
    CREATE INDEX subjects_flagged ON subjects (id) WHERE uscc_problem IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE subjects; DROP TABLE industries; DROP TABLE known_permissions;`.execute(db);
}
