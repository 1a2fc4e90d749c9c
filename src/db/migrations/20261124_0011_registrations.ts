import { type Kysely, sql } from 'kysely';

/**
 * Advance registration and automatic matching (提前登记、自动匹配、联合入企; 《关于深入推进跨部门综合监管的实施意见》（十一）).
 * A registration is one department's planned visit to one subject in a window, with its items;
 * it is withdrawn with a reason (kept) or merged into a joint task. A merge proposal groups
 * registrations and draw tasks that hit the same subject in overlapping windows (or invites the
 * departments whose tags the subject carries); each department answers, and when all have
 * accepted one merged task replaces the sources.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inspection_registrations (
      id bigserial PRIMARY KEY,
      registration_no text NOT NULL UNIQUE,
      department_id bigint NOT NULL REFERENCES departments(id),
      subject_id bigint NOT NULL REFERENCES subjects(id),
      uscc text NOT NULL,
      kind text NOT NULL,
      year integer NOT NULL,
      window_from date NOT NULL,
      window_to date NOT NULL CHECK (window_to >= window_from),
      items jsonb NOT NULL,
      inspector_ids bigint[] NOT NULL DEFAULT '{}',
      note text NOT NULL DEFAULT '',
      status text NOT NULL,
      withdraw_reason text,
      merged_task_id bigint REFERENCES inspection_tasks(id),
      created_by bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX inspection_registrations_subject ON inspection_registrations (subject_id, year);
    CREATE INDEX inspection_registrations_department ON inspection_registrations (department_id, year);
    CREATE TABLE merge_proposals (
      id bigserial PRIMARY KEY,
      proposal_no text NOT NULL UNIQUE,
      kind text NOT NULL,
      match_key text NOT NULL UNIQUE,
      subject_id bigint NOT NULL REFERENCES subjects(id),
      uscc text NOT NULL,
      year integer NOT NULL,
      window_from date NOT NULL,
      window_to date NOT NULL CHECK (window_to >= window_from),
      status text NOT NULL,
      outcome text,
      merged_task_id bigint REFERENCES inspection_tasks(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX merge_proposals_subject ON merge_proposals (subject_id, year);
    CREATE TABLE merge_proposal_sources (
      proposal_id bigint NOT NULL REFERENCES merge_proposals(id) ON DELETE CASCADE,
      registration_id bigint REFERENCES inspection_registrations(id),
      task_id bigint REFERENCES inspection_tasks(id),
      CHECK ((registration_id IS NULL) <> (task_id IS NULL))
    );
    CREATE INDEX merge_proposal_sources_proposal ON merge_proposal_sources (proposal_id);
    CREATE INDEX merge_proposal_sources_registration ON merge_proposal_sources (registration_id);
    CREATE INDEX merge_proposal_sources_task ON merge_proposal_sources (task_id);
    CREATE TABLE merge_proposal_parties (
      proposal_id bigint NOT NULL REFERENCES merge_proposals(id) ON DELETE CASCADE,
      department_id bigint NOT NULL REFERENCES departments(id),
      role text NOT NULL,
      answer text,
      reason text,
      items jsonb NOT NULL DEFAULT '[]',
      answered_by bigint REFERENCES users(id),
      answered_at timestamptz,
      PRIMARY KEY (proposal_id, department_id)
    );
    CREATE INDEX merge_proposal_parties_department ON merge_proposal_parties (department_id, proposal_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE merge_proposal_parties; DROP TABLE merge_proposal_sources; DROP TABLE merge_proposals; DROP TABLE inspection_registrations;`.execute(db);
}
