import type { Generated, Selectable } from 'kysely';

/** A 检查码 issued with a task's notice; at most one current (not revoked) per task. */
export interface InspectionCodeTable {
  id: Generated<number>;
  task_id: number;
  /** The token's `jti`. */
  token_id: string;
  /** The compact JWS printed as the QR (not secret: it is on the notice). */
  token: string;
  /** SHA-256 of USCC and the current 查询码 (replaced when it is issued again); the code itself is shown once. */
  query_code_hash: string;
  issued_at: Date;
  issued_by: number | null;
  /** The department that issued the notice: only it gives the 查询码 again. */
  department_id: number | null;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: number | null;
  revoke_reason: string | null;
}
export type InspectionCodeRow = Selectable<InspectionCodeTable>;

/** Each 企业查询码 given with a 检查码 (the first and every one issued again) and where it was sent; never the code. */
export interface InspectionQueryCodeTable {
  id: Generated<number>;
  code_id: number;
  issued_at: Date;
  issued_by: number | null;
  reissue: boolean;
  /** How it was sent to the subject's registered contact; null when no contact could receive it. */
  channel: '短信' | '电子邮件' | null;
  contact_masked: string | null;
  outbound_message_id: number | null;
  /** When a newer 查询码 replaced it. */
  superseded_at: Date | null;
}

/**
 * The subject's evaluation of one department's part of an inspection (《黄浦区精准高效协同监管实施办法（试行）》第十七条):
 * one per task and department, through the code it was made with.
 */
export interface InspectionEvaluationTable {
  id: Generated<number>;
  code_id: number;
  task_id: number;
  department_id: number;
  satisfaction: number;
  comments: string;
  complaint: boolean;
  complaint_text: string;
  submitted_at: Date;
}
