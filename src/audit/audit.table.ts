import type { Selectable } from 'kysely';

export type HashAlgorithm = 'sha256' | 'sm3';

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_user_id: number | null;
  actor_name: string;
  actor_department_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
  before_digest: string | null;
  after_digest: string | null;
  /** Changed fields as { field: [before, after] }; secrets never appear here. */
  changes: Record<string, [unknown, unknown]> | null;
  ip: string | null;
  algorithm: HashAlgorithm;
  prev_hash: string;
  hash: string;
}
export type AuditLogRow = Selectable<AuditLogTable>;
