import { sql } from 'kysely';
import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import { type Page, likeContains, likePrefix, offsetOf } from '../shared/paging';
import type { AuditEntryView, AuditListQuery } from './audit.schemas';
import { type ChainReport, verifyAuditChain } from './audit-verify.service';

/** Dates in filters are days in China Standard Time. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

export async function searchAudit(deps: AppDeps, actor: Actor, query: AuditListQuery): Promise<Page<AuditEntryView>> {
  requirePermission(actor, 'audit:log:read');
  let base = deps.db.selectFrom('audit_log as a');
  if (query.from) base = base.where('a.at', '>=', dayStart(query.from));
  if (query.to) base = base.where('a.at', '<', new Date(dayStart(query.to).getTime() + 86_400_000));
  if (query.action) base = base.where('a.action', 'like', likePrefix(query.action));
  if (query.entityType) base = base.where('a.entity_type', '=', query.entityType);
  if (query.entityId) base = base.where('a.entity_id', '=', query.entityId);
  if (query.actor) base = base.where('a.actor_name', 'like', likeContains(query.actor));
  const scope = departmentFilter(actor, 'audit:log:read');
  if (scope !== null) base = base.where('a.actor_department_id', '=', scope);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('departments as d', 'd.id', 'a.actor_department_id')
    .selectAll('a')
    .select('d.name as department_name')
    .orderBy('a.seq', 'desc')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      actorDepartmentName: r.department_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      summary: r.summary,
      changes: r.changes,
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
  return verifyAuditChain(deps.db);
}

/** Distinct actions recorded so far, for the filter's drop-down. */
export async function auditActions(deps: AppDeps, actor: Actor): Promise<string[]> {
  requirePermission(actor, 'audit:log:read');
  const { rows } = await sql<{ action: string }>`SELECT DISTINCT action FROM audit_log ORDER BY action`.execute(
    deps.db,
  );
  return rows.map((r) => r.action);
}
