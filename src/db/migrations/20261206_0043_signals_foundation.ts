import { type Kysely, sql } from 'kysely';

/**
 * Signals that start supervision outside the plans (投诉举报, 风险预警, 线索移送, 协查): the matters a complaint is
 * filed under, with their working-day deadlines (受理、核查、答复) and the complaints themselves with their history.
 * The complainant's identity and contact are stored only as a cipher made with a key kept outside the database
 * (《朔州市平鲁区以加强和规范事中事后监管为抓手持续优化营商环境实施方案》（九）
 * 吹哨人保护). Warnings, transfers and assistance requests add their own tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE complaint_matters (
      code text PRIMARY KEY,
      name text NOT NULL UNIQUE,
      sort integer NOT NULL,
      ack_days integer NOT NULL CHECK (ack_days BETWEEN 1 AND 30),
      verify_days integer NOT NULL CHECK (verify_days BETWEEN 1 AND 90),
      reply_days integer NOT NULL CHECK (reply_days BETWEEN 1 AND 30),
      industry_codes text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      updated_at timestamptz
    );
    INSERT INTO complaint_matters (code, name, sort, ack_days, verify_days, reply_days, industry_codes) VALUES
      ('SPAQ', '食品安全', 1, 2, 15, 3, '{62,13,14,15}'),
      ('YPYL', '药品、医疗器械和化妆品', 2, 2, 15, 3, '{27,525,2682,5234}'),
      ('TZSB', '特种设备安全', 3, 1, 10, 3, '{}'),
      ('CPZL', '产品质量', 4, 2, 15, 3, '{}'),
      ('JGSF', '价格收费', 5, 2, 15, 3, '{}'),
      ('GGXC', '广告宣传', 6, 2, 15, 3, '{725}'),
      ('XFQY', '消费者权益', 7, 2, 15, 3, '{51,52}'),
      ('AQSC', '安全生产', 8, 1, 10, 3, '{B,E,G}'),
      ('XFAQ', '消防安全', 9, 1, 10, 3, '{}'),
      ('STHJ', '生态环境', 10, 2, 15, 3, '{}'),
      ('LDBZ', '劳动保障', 11, 2, 15, 3, '{}'),
      ('WHLY', '文化旅游', 12, 2, 15, 3, '{R}'),
      ('QT', '其他', 99, 2, 15, 3, '{}');

    CREATE TABLE complaints (
      id serial PRIMARY KEY,
      ticket_no text NOT NULL UNIQUE,
      lookup_code_hash text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('门户', '12345热线', '互联网+监管', '窗口录入', '检查码评价')),
      external_ticket text,
      kind text NOT NULL CHECK (kind IN ('投诉', '举报')),
      anonymous boolean NOT NULL DEFAULT false,
      complainant_cipher text,
      matter_code text NOT NULL REFERENCES complaint_matters (code),
      subject_id integer REFERENCES subjects (id),
      subject_name text NOT NULL,
      uscc text,
      address text NOT NULL DEFAULT '',
      division_code text,
      industry_code text,
      title text NOT NULL,
      content text NOT NULL,
      occurred_on date,
      evaluation_id integer,
      task_id bigint REFERENCES inspection_tasks (id),
      department_id integer REFERENCES departments (id),
      status text NOT NULL DEFAULT '待分派'
        CHECK (status IN ('待分派', '待受理', '核查中', '待答复', '已办结', '不予受理')),
      group_id integer REFERENCES complaints (id),
      received_at timestamptz NOT NULL,
      dispatched_at timestamptz,
      acknowledged_at timestamptz,
      verified_at timestamptz,
      replied_at timestamptz,
      closed_at timestamptz,
      ack_due date,
      verify_due date,
      reply_due date,
      verification_method text CHECK (verification_method IN ('现场核查', '非现场核查')),
      verification_result text CHECK (verification_result IN ('属实', '部分属实', '不属实')),
      verification_notes text NOT NULL DEFAULT '',
      reply text NOT NULL DEFAULT '',
      supervision_level smallint NOT NULL DEFAULT 0,
      supervised_at timestamptz,
      supervision_note text NOT NULL DEFAULT '',
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      rating_comment text NOT NULL DEFAULT '',
      rated_at timestamptz,
      reward_decision text CHECK (reward_decision IN ('予以奖励', '不予奖励')),
      reward_amount numeric(12, 2),
      reward_note text NOT NULL DEFAULT '',
      reward_decided_at timestamptz,
      created_by integer REFERENCES users (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (channel, external_ticket)
    );
    CREATE INDEX complaints_department ON complaints (department_id, status);
    CREATE INDEX complaints_subject ON complaints (subject_id, matter_code, received_at);
    CREATE INDEX complaints_status ON complaints (status, received_at);

    CREATE TABLE complaint_events (
      id serial PRIMARY KEY,
      complaint_id integer NOT NULL REFERENCES complaints (id),
      action text NOT NULL,
      from_status text,
      to_status text,
      department_id integer REFERENCES departments (id),
      actor_user_id integer REFERENCES users (id),
      actor_name text NOT NULL,
      note text NOT NULL DEFAULT '',
      at timestamptz NOT NULL
    );
    CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE complaint_events; DROP TABLE complaints; DROP TABLE complaint_matters;`.execute(db);
}
