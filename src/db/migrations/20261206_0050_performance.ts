import { type Kysely, sql } from 'kysely';

/**
 * Department performance evaluation (监管履职评价, 《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十二条至第四十六条):
 * the indicator system in versions (a published version never changes: an edit is a new draft, published
 * explicitly), the daily and annual evaluations with each department's score, rank and evidence per indicator (a
 * finished evaluation is frozen by the triggers below), and the 限期整改 notices to departments that fall behind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE performance_indicator_versions (
      id serial PRIMARY KEY,
      version integer NOT NULL UNIQUE,
      status text NOT NULL DEFAULT '草稿' CHECK (status IN ('草稿', '已发布')),
      definition jsonb NOT NULL,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      created_by integer REFERENCES users (id),
      updated_at timestamptz NOT NULL,
      published_at timestamptz,
      published_by integer REFERENCES users (id)
    );
    CREATE UNIQUE INDEX performance_one_draft ON performance_indicator_versions (status) WHERE status = '草稿';

    CREATE TABLE performance_evaluations (
      id serial PRIMARY KEY,
      evaluation_no text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('日常', '年度')),
      year integer NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      version_id integer NOT NULL REFERENCES performance_indicator_versions (id),
      pass_score double precision NOT NULL,
      status text NOT NULL DEFAULT '已计算' CHECK (status IN ('已计算', '已完成')),
      department_count integer NOT NULL DEFAULT 0,
      computed_at timestamptz NOT NULL,
      computed_by integer REFERENCES users (id),
      finished_at timestamptz,
      finished_by integer REFERENCES users (id),
      report_pdf bytea,
      report_digest text
    );
    CREATE UNIQUE INDEX performance_one_daily ON performance_evaluations (period_to) WHERE kind = '日常';
    CREATE UNIQUE INDEX performance_one_annual ON performance_evaluations (year) WHERE kind = '年度';

    CREATE TABLE performance_scores (
      evaluation_id integer NOT NULL REFERENCES performance_evaluations (id),
      department_id integer NOT NULL REFERENCES departments (id),
      department_name text NOT NULL,
      total double precision NOT NULL,
      rank integer NOT NULL,
      behind boolean NOT NULL,
      dimensions jsonb NOT NULL,
      PRIMARY KEY (evaluation_id, department_id)
    );

    CREATE TABLE performance_indicator_results (
      evaluation_id integer NOT NULL REFERENCES performance_evaluations (id),
      department_id integer NOT NULL REFERENCES departments (id),
      indicator_code text NOT NULL,
      name text NOT NULL,
      dimension text NOT NULL,
      points double precision NOT NULL,
      numerator double precision NOT NULL,
      denominator double precision NOT NULL,
      applicable boolean NOT NULL,
      score double precision NOT NULL,
      evidence jsonb NOT NULL,
      evidence_total integer NOT NULL,
      PRIMARY KEY (evaluation_id, department_id, indicator_code)
    );

    CREATE TABLE performance_notices (
      id serial PRIMARY KEY,
      notice_no text NOT NULL UNIQUE,
      department_id integer NOT NULL REFERENCES departments (id),
      evaluation_id integer REFERENCES performance_evaluations (id),
      reasons jsonb NOT NULL,
      requirement text NOT NULL,
      deadline_days integer NOT NULL CHECK (deadline_days > 0),
      due_on date,
      status text NOT NULL DEFAULT '待整改' CHECK (status IN ('待整改', '已整改', '已通报')),
      issued_at timestamptz NOT NULL,
      issued_by integer REFERENCES users (id),
      issued_by_name text NOT NULL,
      answered_at timestamptz,
      answered_by_name text,
      answer_note text NOT NULL DEFAULT '',
      answered_late boolean NOT NULL DEFAULT false,
      escalated_at timestamptz,
      escalated_by_name text,
      escalation_note text NOT NULL DEFAULT ''
    );
    CREATE INDEX performance_notices_department ON performance_notices (department_id, status);

    CREATE FUNCTION performance_version_published() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = '已发布' THEN
        RAISE EXCEPTION '已发布的履职评价指标体系不能修改或删除，请起草新版本';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER performance_versions_published BEFORE UPDATE OR DELETE ON performance_indicator_versions
      FOR EACH ROW EXECUTE FUNCTION performance_version_published();

    CREATE FUNCTION performance_evaluation_finished() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = '已完成' THEN
        RAISE EXCEPTION '履职评价已完成，评价结果不能修改或删除';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER performance_evaluations_finished BEFORE UPDATE OR DELETE ON performance_evaluations
      FOR EACH ROW EXECUTE FUNCTION performance_evaluation_finished();

    CREATE FUNCTION performance_result_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM performance_evaluations
                 WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.evaluation_id ELSE OLD.evaluation_id END
                   AND status = '已完成') THEN
        RAISE EXCEPTION '履职评价已完成，得分和依据不能修改或删除';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER performance_scores_frozen BEFORE INSERT OR UPDATE OR DELETE ON performance_scores
      FOR EACH ROW EXECUTE FUNCTION performance_result_frozen();
    CREATE TRIGGER performance_indicator_results_frozen BEFORE INSERT OR UPDATE OR DELETE ON performance_indicator_results
      FOR EACH ROW EXECUTE FUNCTION performance_result_frozen();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE performance_notices;
    DROP TABLE performance_indicator_results;
    DROP TABLE performance_scores;
    DROP TABLE performance_evaluations;
    DROP TABLE performance_indicator_versions;
    DROP FUNCTION performance_result_frozen();
    DROP FUNCTION performance_evaluation_finished();
    DROP FUNCTION performance_version_published();
  `.execute(db);
}
