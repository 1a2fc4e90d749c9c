import { type Kysely, sql } from 'kysely';

/**
 * Account security (等保): failed logins are counted per user name and client address, with back-off,
 * and per user name over all addresses, with a ceiling that locks until an administrator unlocks. Both
 * are keyed by the user name as typed, so a name that does not exist is treated exactly like one that
 * does. The per-user counters on users go. A password set by someone else (creation, reset, the
 * bootstrap administrator, the demo accounts) must be changed at the next login; accounts whose
 * password was never changed since they were created are flagged too. Sessions keep the browser's user agent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_throttles (
      username text NOT NULL,
      address text NOT NULL,
      failures integer NOT NULL,
      blocked_until timestamptz,
      last_failed_at timestamptz NOT NULL,
      PRIMARY KEY (username, address)
    );
    CREATE INDEX login_throttles_last_failed_idx ON login_throttles (last_failed_at);
    CREATE TABLE login_lockouts (
      username text PRIMARY KEY,
      window_started_at timestamptz NOT NULL,
      failures integer NOT NULL,
      locked_at timestamptz
    );
    ALTER TABLE users DROP COLUMN failed_attempts, DROP COLUMN locked_until;
    ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
    UPDATE users SET must_change_password = true
      WHERE password_changed_at IS NULL OR password_changed_at <= created_at;
    ALTER TABLE users ALTER COLUMN must_change_password SET DEFAULT true;
    ALTER TABLE sessions ADD COLUMN user_agent text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sessions DROP COLUMN user_agent;
    ALTER TABLE users DROP COLUMN must_change_password;
    ALTER TABLE users ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz;
    DROP TABLE login_lockouts;
    DROP TABLE login_throttles;
  `.execute(db);
}
