import { type Kysely, sql } from 'kysely';

/**
 * 领导驾驶舱 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十七条): the register of a million subjects is counted once an
 * hour into a small table (存续 subjects by division, industry sections and industry risk levels), so that the dashboard
 * answers in well under a second; the other figures are counted live. The refresh time is shown with the figures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dashboard_subject_counts (
      division_code text NOT NULL,
      sections text[] NOT NULL,
      industry_risk jsonb NOT NULL,
      subjects integer NOT NULL CHECK (subjects > 0)
    );
    CREATE TABLE dashboard_snapshots (
      name text PRIMARY KEY,
      refreshed_at timestamptz NOT NULL
    );
    CREATE INDEX inspection_submissions_submitted ON inspection_submissions (submitted_at);
    CREATE INDEX complaints_received ON complaints (received_at);
    CREATE INDEX warnings_raised ON warnings (raised_on);
    CREATE INDEX credit_run_results_class ON credit_run_results (run_id, credit_class);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX credit_run_results_class; DROP INDEX warnings_raised; DROP INDEX complaints_received; DROP INDEX inspection_submissions_submitted;
    DROP TABLE dashboard_snapshots; DROP TABLE dashboard_subject_counts;
  `.execute(db);
}
