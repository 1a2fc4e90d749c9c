import type { Generated, Selectable } from 'kysely';

/** A 检查码 issued with a task's notice; at most one current (not revoked) per task. */
export interface InspectionCodeTable {
  id: Generated<number>;
  task_id: number;
  /** The token's `jti`. */
  token_id: string;
  /** The compact JWS printed as the QR (not secret: it is on the notice). */
  token: string;
  /** SHA-256 of USCC and the one-time 查询码; the code itself is shown once. */
  query_code_hash: string;
  issued_at: Date;
  issued_by: number | null;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: number | null;
  revoke_reason: string | null;
}
export type InspectionCodeRow = Selectable<InspectionCodeTable>;

/** The subject's evaluation of an inspection (《黄浦区精准高效协同监管实施办法（试行）》第十七条): one per code. */
export interface InspectionEvaluationTable {
  id: Generated<number>;
  code_id: number;
  task_id: number;
  satisfaction: number;
  comments: string;
  complaint: boolean;
  complaint_text: string;
  submitted_at: Date;
}
