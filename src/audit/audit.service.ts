import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { digest, entryHash, GENESIS_HASH } from './audit-chain';
import type { AuditAction, AuditEntityType } from './audit-labels';
import { insertAuditEntry, lockChainTail } from './audit.repository';
import type { HashAlgorithm } from './audit.table';

export interface AuditEvent {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | number | null;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Who an audit entry names: a signed-in actor, or a login attempt's claimed user. */
export interface AuditSubject {
  userId: number | null;
  name: string;
  departmentId: number | null;
  ip: string | null;
}

export const auditSubjectOf = (actor: Actor): AuditSubject => ({
  userId: actor.userId,
  name: actor.name,
  departmentId: actor.departmentId,
  ip: actor.ip,
});

function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before && !after) return null;
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = [b, a];
  }
  return changes;
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction of the write it records,
 * so the write and its record commit together. Appends are serialised by an advisory lock.
 */
export async function recordAudit(
  trx: Db,
  algorithm: HashAlgorithm,
  at: Date,
  subject: AuditSubject,
  event: AuditEvent,
): Promise<void> {
  const tail = await lockChainTail(trx);
  const before = event.before ?? null;
  const after = event.after ?? null;
  const fields = {
    seq: tail.seq,
    at,
    actorUserId: subject.userId,
    actorName: subject.name,
    actorDepartmentId: subject.departmentId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId == null ? null : String(event.entityId),
    summary: event.summary,
    beforeDigest: before ? digest(algorithm, before) : null,
    afterDigest: after ? digest(algorithm, after) : null,
    changes: changedFields(before, after),
    ip: subject.ip,
    algorithm,
    prevHash: tail.lastHash ?? GENESIS_HASH,
  };
  await insertAuditEntry(trx, {
    seq: fields.seq,
    at: fields.at,
    actor_user_id: fields.actorUserId,
    actor_name: fields.actorName,
    actor_department_id: fields.actorDepartmentId,
    action: fields.action,
    entity_type: fields.entityType,
    entity_id: fields.entityId,
    summary: fields.summary,
    before_digest: fields.beforeDigest,
    after_digest: fields.afterDigest,
    changes: fields.changes,
    ip: fields.ip,
    algorithm,
    prev_hash: fields.prevHash,
    hash: entryHash(fields),
  });
}
