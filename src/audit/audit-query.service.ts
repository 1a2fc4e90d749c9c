import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { auditDetails, entityText } from './audit-details';
import { listAuditActions, namesForDetails, searchAuditEntries } from './audit.repository';
import type { AuditEntryView, AuditListQuery } from './audit.schemas';
import { type ChainReport, verifyAuditLog } from './audit-verify.service';

export async function searchAudit(deps: AppDeps, actor: Actor, query: AuditListQuery): Promise<Page<AuditEntryView>> {
  requirePermission(actor, 'audit:log:read');
  const { total, rows } = await searchAuditEntries(deps.db, query, departmentFilter(actor, 'audit:log:read'));
  const names = await namesForDetails(deps.db);
  return {
    total,
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      actorDepartmentName: r.department_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      entityText: entityText(r.entity_type, r.entity_id, names),
      summary: r.summary,
      changes: r.changes,
      details: auditDetails(r.changes, names),
      beforeDigest: r.before_digest,
      afterDigest: r.after_digest,
      ip: r.ip,
      algorithm: r.algorithm,
      prevHash: r.prev_hash,
      hash: r.hash,
    })),
  };
}

export async function verifyChainAs(deps: AppDeps, actor: Actor): Promise<ChainReport> {
  requirePermission(actor, 'audit:log:verify');
  return verifyAuditLog(deps);
}

/** Distinct actions recorded so far, for the filter's drop-down. */
export async function auditActions(deps: AppDeps, actor: Actor): Promise<string[]> {
  requirePermission(actor, 'audit:log:read');
  return listAuditActions(deps.db);
}
