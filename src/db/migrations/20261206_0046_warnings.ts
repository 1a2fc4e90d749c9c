import { type Kysely, sql } from 'kysely';

/**
 * 风险预警 (《黄浦区精准高效协同监管实施办法（试行）》第二十二条, 《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十四条): the warning
 * rules (built-in queries over the platform's data, with a level, an owner department, parameters and a disposal
 * deadline), each run of a rule, the warnings the runs raise and each disposal step (核查、处置、反馈、误报).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE warning_rules (
      code text PRIMARY KEY,
      name text NOT NULL UNIQUE,
      description text NOT NULL,
      sort integer NOT NULL,
      level text NOT NULL CHECK (level IN ('红', '橙', '黄', '蓝')),
      owner_department_id integer REFERENCES departments (id),
      params jsonb NOT NULL,
      disposal_days integer NOT NULL CHECK (disposal_days BETWEEN 1 AND 60),
      enabled boolean NOT NULL DEFAULT true,
      last_run_on date,
      updated_by integer REFERENCES users (id),
      updated_at timestamptz
    );
    INSERT INTO warning_rules (code, name, description, sort, level, params, disposal_days) VALUES
      ('repeat_complaints', '重复投诉', '同一监管对象（同一事项）在一段时间内被投诉举报达到一定次数', 1, '橙',
        '{"minCount": 3, "windowDays": 30, "sameMatter": true}', 5),
      ('unfollowed_finding', '不符合未跟进', '检查发现不符合，超过期限仍无案件移送、后续检查或行政处罚', 2, '橙',
        '{"graceDays": 15, "lookbackDays": 365}', 5),
      ('licence_lapsed', '超期或无证经营', '许可证已过有效期且无新证而主体仍存续，或照后证前跟踪发现无证经营', 3, '红',
        '{"graceDays": 0, "lookbackDays": 365}', 3),
      ('key_not_inspected', '重点对象未检查', '信用风险分类为 D 类或重点抽查对象，到指定日期本年度仍未检查', 4, '黄',
        '{"byDate": "09-30", "includeKeyTargets": true}', 10),
      ('visits_above_cap', '日常检查超次数', '同一监管对象本年度日常检查次数超过上限（监管规则），发给安排超出次数那次检查的部门', 5, '蓝',
        '{}', 10),
      ('frequent_visits', '同一部门频繁检查', '同一部门在一段时间内对同一监管对象检查达到一定次数', 6, '蓝',
        '{"minVisits": 3, "windowDays": 90}', 10);

    CREATE TABLE warning_runs (
      id serial PRIMARY KEY,
      rule_code text NOT NULL REFERENCES warning_rules (code),
      trigger text NOT NULL CHECK (trigger IN ('定时', '手动')),
      params jsonb NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL,
      hits integer NOT NULL,
      created integer NOT NULL,
      run_by integer REFERENCES users (id)
    );
    CREATE INDEX warning_runs_rule ON warning_runs (rule_code, started_at DESC);

    CREATE TABLE warnings (
      id serial PRIMARY KEY,
      warning_no text NOT NULL UNIQUE,
      rule_code text NOT NULL REFERENCES warning_rules (code),
      run_id integer NOT NULL REFERENCES warning_runs (id),
      level text NOT NULL CHECK (level IN ('红', '橙', '黄', '蓝')),
      subject_id integer NOT NULL REFERENCES subjects (id),
      department_id integer NOT NULL REFERENCES departments (id),
      fact_key text NOT NULL,
      facts jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('待核查', '已核查', '处置中', '已关闭', '误报')),
      raised_on date NOT NULL,
      due_on date,
      disposal_method text CHECK (disposal_method IN ('现场核查', '非现场处置')),
      task_id bigint REFERENCES inspection_tasks (id),
      task_inspected_on date,
      check_note text NOT NULL DEFAULT '',
      measure text NOT NULL DEFAULT '',
      result text CHECK (result IN ('风险属实，已处置', '风险已消除', '移送案件查处')),
      feedback text NOT NULL DEFAULT '',
      false_reason text NOT NULL DEFAULT '',
      closed_at timestamptz,
      closed_late boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX warnings_open ON warnings (rule_code, subject_id, department_id)
      WHERE status NOT IN ('已关闭', '误报');
    CREATE INDEX warnings_facts ON warnings (rule_code, subject_id, department_id, fact_key);
    CREATE INDEX warnings_department ON warnings (department_id, status);
    CREATE INDEX warnings_task ON warnings (task_id) WHERE task_id IS NOT NULL;

    CREATE TABLE warning_events (
      id serial PRIMARY KEY,
      warning_id integer NOT NULL REFERENCES warnings (id),
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      note text NOT NULL DEFAULT '',
      actor_user_id integer REFERENCES users (id),
      actor_name text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX warning_events_warning ON warning_events (warning_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE warning_events; DROP TABLE warnings; DROP TABLE warning_runs; DROP TABLE warning_rules;`.execute(
    db,
  );
}
