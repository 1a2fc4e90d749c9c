import type { ColumnType } from 'kysely';

export interface SessionTable {
  /** SHA-256 of the bearer secret; the secret itself is never stored. */
  id: string;
  user_id: number;
  kind: 'browser' | 'api';
  /** For integration tokens: what system uses it. */
  name: string | null;
  created_at: ColumnType<Date, Date, never>;
  last_seen_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  ip: string | null;
  /** The browser's User-Agent at login (shortened), for the online-sessions page. */
  user_agent: ColumnType<string | null, string | null | undefined, never>;
}
