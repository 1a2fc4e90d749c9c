import { type Kysely, sql } from 'kysely';

/**
 * 行业安全风险评估 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十二条至第三十八条): a department's assessment
 * with its reason (第三十三条), rules (第三十四条: assessing body, scope, method and indicator system, level rule,
 * measures), its per-subject results, and the written report (第三十五条) kept as issued. An issued assessment is
 * immutable; its levels become the department's levels in the register (subjects.industry_risk).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE risk_assessments (
      id serial PRIMARY KEY,
      assessment_no text NOT NULL UNIQUE,
      department_id integer NOT NULL REFERENCES departments (id),
      name text NOT NULL,
      reason_kind text NOT NULL CHECK (reason_kind IN ('确定监管重点', '发现安全隐患', '新兴业态', '上级部门要求')),
      reason text NOT NULL,
      assessor_kind text NOT NULL CHECK (assessor_kind IN ('自行评估', '委托第三方')),
      assessor_name text,
      method text NOT NULL CHECK (method IN ('规则计算', '第三方结果导入')),
      method_note text NOT NULL DEFAULT '',
      scope jsonb NOT NULL,
      indicators jsonb NOT NULL,
      industry_base jsonb NOT NULL DEFAULT '[]',
      window_years integer NOT NULL DEFAULT 3 CHECK (window_years BETWEEN 1 AND 10),
      cutoffs jsonb NOT NULL,
      measures jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('草稿', '评估中', '已完成', '已发布')),
      subject_count integer NOT NULL DEFAULT 0,
      process_log jsonb NOT NULL DEFAULT '[]',
      report_pdf bytea,
      report_digest text,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      completed_at timestamptz,
      issued_by integer REFERENCES users (id),
      issued_at timestamptz
    );
    CREATE INDEX risk_assessments_department ON risk_assessments (department_id, status);

    CREATE TABLE risk_assessment_results (
      assessment_id integer NOT NULL REFERENCES risk_assessments (id) ON DELETE CASCADE,
      subject_id integer NOT NULL REFERENCES subjects (id),
      uscc text NOT NULL,
      subject_name text NOT NULL,
      score double precision,
      level text NOT NULL CHECK (level IN ('低', '一般', '较高', '高')),
      points jsonb,
      note text NOT NULL DEFAULT '',
      PRIMARY KEY (assessment_id, subject_id)
    );
    CREATE INDEX risk_assessment_results_subject ON risk_assessment_results (subject_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE risk_assessment_results;
    DROP TABLE risk_assessments;
  `.execute(db);
}
