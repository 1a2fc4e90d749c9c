import { type Kysely, sql } from 'kysely';

/**
 * 服务门户 content (《朔州市平鲁区“互联网+监管”系统运行管理办法》第二十一条、第三十六条、第三十八条):
 * - 曝光台 typical cases departments publish, update and withdraw (《金华市婺城区…加强和规范行政执法事中事后监管…》（二）2),
 *   each step kept with a snapshot in exposure_case_events (append-only);
 * - 监管动态 news items;
 * - 知识库 entries (laws, regulations, normative documents, cases) with normalised text for search;
 * - 一业一册 compliance guides (《日照市人民政府办公室关于深入推进跨部门综合监管的实施意见》（十七）): the lead
 *   department of each industry (assigned by the joint office) and its guide's versions; a published version is frozen
 *   (text and the assembled items alike) by a trigger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE exposure_cases (
      id serial PRIMARY KEY,
      case_no text NOT NULL UNIQUE,
      department_id integer NOT NULL REFERENCES departments (id),
      title text NOT NULL,
      subject_category text NOT NULL CHECK (subject_category IN ('法人及非法人组织', '个体工商户', '自然人')),
      subject_name text NOT NULL,
      uscc text,
      violation text NOT NULL,
      handling text NOT NULL,
      legal_basis text NOT NULL,
      penalty_record_id integer REFERENCES penalty_records (id),
      decided_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('已发布', '已撤回')),
      version integer NOT NULL,
      published_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      withdrawn_at timestamptz,
      withdraw_reason text NOT NULL DEFAULT '',
      created_by integer REFERENCES users (id),
      updated_by integer REFERENCES users (id)
    );
    CREATE INDEX exposure_cases_public ON exposure_cases (status, decided_on DESC);
    CREATE INDEX exposure_cases_department ON exposure_cases (department_id, published_at);

    CREATE TABLE exposure_case_events (
      id serial PRIMARY KEY,
      case_id integer NOT NULL REFERENCES exposure_cases (id),
      version integer NOT NULL,
      action text NOT NULL CHECK (action IN ('发布', '更新', '撤回')),
      snapshot jsonb NOT NULL,
      note text NOT NULL DEFAULT '',
      actor_user_id integer REFERENCES users (id),
      actor_name text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX exposure_case_events_case ON exposure_case_events (case_id, id);
    CREATE FUNCTION exposure_case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '曝光台案例的发布记录不能修改或删除';
    END $$;
    CREATE TRIGGER exposure_case_events_frozen BEFORE UPDATE OR DELETE ON exposure_case_events
      FOR EACH ROW EXECUTE FUNCTION exposure_case_events_append_only();

    CREATE TABLE portal_news (
      id serial PRIMARY KEY,
      department_id integer NOT NULL REFERENCES departments (id),
      title text NOT NULL,
      body text NOT NULL,
      published_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('已发布', '已撤回')),
      withdraw_reason text NOT NULL DEFAULT '',
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_by integer REFERENCES users (id),
      updated_at timestamptz NOT NULL,
      withdrawn_at timestamptz
    );
    CREATE INDEX portal_news_public ON portal_news (status, published_on DESC);
    CREATE INDEX portal_news_department ON portal_news (department_id, published_on);

    CREATE TABLE knowledge_entries (
      id serial PRIMARY KEY,
      category text NOT NULL CHECK (category IN ('法律', '行政法规', '地方性法规', '部门规章', '规范性文件', '典型案例')),
      title text NOT NULL,
      issuer text NOT NULL,
      doc_no text NOT NULL DEFAULT '',
      issued_on date,
      effective_on date,
      validity text NOT NULL CHECK (validity IN ('现行有效', '已修订', '已废止', '尚未施行')),
      repealed_on date,
      body text NOT NULL,
      related_item_codes text[] NOT NULL DEFAULT '{}',
      department_id integer NOT NULL REFERENCES departments (id),
      search_title text NOT NULL,
      search_doc_no text NOT NULL,
      search_body text NOT NULL,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_by integer REFERENCES users (id),
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX knowledge_entries_category ON knowledge_entries (category, issued_on DESC);

    CREATE TABLE industry_guide_leads (
      industry_code text PRIMARY KEY,
      department_id integer NOT NULL REFERENCES departments (id),
      assigned_by integer REFERENCES users (id),
      assigned_at timestamptz NOT NULL
    );

    CREATE TABLE industry_guides (
      id serial PRIMARY KEY,
      industry_code text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      status text NOT NULL CHECK (status IN ('草稿', '已发布')),
      department_id integer NOT NULL REFERENCES departments (id),
      introduction text NOT NULL DEFAULT '',
      key_obligations text NOT NULL DEFAULT '',
      common_violations text NOT NULL DEFAULT '',
      tips text NOT NULL DEFAULT '',
      items jsonb,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_by integer REFERENCES users (id),
      updated_at timestamptz NOT NULL,
      published_by integer REFERENCES users (id),
      published_at timestamptz,
      UNIQUE (industry_code, version)
    );
    CREATE UNIQUE INDEX industry_guides_one_draft ON industry_guides (industry_code) WHERE status = '草稿';
    CREATE FUNCTION industry_guide_published() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = '已发布' THEN
        RAISE EXCEPTION '已发布的“一业一册”版本不能修改或删除';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER industry_guides_published BEFORE UPDATE OR DELETE ON industry_guides
      FOR EACH ROW EXECUTE FUNCTION industry_guide_published();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE industry_guides; DROP FUNCTION industry_guide_published();
    DROP TABLE industry_guide_leads; DROP TABLE knowledge_entries; DROP TABLE portal_news;
    DROP TABLE exposure_case_events; DROP FUNCTION exposure_case_events_append_only();
    DROP TABLE exposure_cases;
  `.execute(db);
}
