import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, likePrefix, offsetOf } from '../shared/paging';
import type { AuditListQuery } from './audit.schemas';
import type { AuditLogRow, AuditLogTable } from './audit.table';
import type { Insertable } from 'kysely';

const AUDIT_LOCK_KEY = 7_272_001;

/** Dates in filters are days in China Standard Time. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** One page of audit entries matching the filter, newest first; `scopeDepartmentId` null = all departments. */
export async function searchAuditEntries(db: Db, query: AuditListQuery, scopeDepartmentId: number | null) {
  let base = db.selectFrom('audit_log as a');
  if (query.from) base = base.where('a.at', '>=', dayStart(query.from));
  if (query.to) base = base.where('a.at', '<', new Date(dayStart(query.to).getTime() + 86_400_000));
  if (query.action) base = base.where('a.action', 'like', likePrefix(query.action));
  if (query.entityType) base = base.where('a.entity_type', '=', query.entityType);
  if (query.entityId) base = base.where('a.entity_id', '=', query.entityId);
  if (query.actor) base = base.where('a.actor_name', 'like', likeContains(query.actor));
  if (scopeDepartmentId !== null) base = base.where('a.actor_department_id', '=', scopeDepartmentId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('departments as d', 'd.id', 'a.actor_department_id')
    .selectAll('a')
    .select('d.name as department_name')
    .orderBy('a.seq', 'desc')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  return { total: Number(total), rows };
}

export async function listAuditActions(db: Db): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`SELECT DISTINCT action FROM audit_log ORDER BY action`.execute(db);
  return rows.map((r) => r.action);
}

export const auditEntriesAfter = (db: Db, afterSeq: number, limit: number): Promise<AuditLogRow[]> =>
  db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();

/**
 * Serialises appends for the rest of the transaction, then returns the last entry's hash and the next sequence number.
 */
export async function lockChainTail(trx: Db): Promise<{ lastHash: string | undefined; seq: number }> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const { rows } = await sql<{ seq: number }>`SELECT nextval('audit_log_seq') AS seq`.execute(trx);
  return { lastHash: last?.hash, seq: Number(rows[0]!.seq) };
}

export async function insertAuditEntry(trx: Db, values: Insertable<AuditLogTable>): Promise<void> {
  await trx.insertInto('audit_log').values(values).execute();
}

/** The newest entry and the number of entries up to it, read in one statement (one snapshot). */
export async function findChainHead(db: Db): Promise<{ seq: number; hash: string; count: number } | undefined> {
  const { rows } = await sql<{ seq: string | number; hash: string; count: string | number }>`
    SELECT h.seq, h.hash, (SELECT count(*) FROM audit_log WHERE seq <= h.seq) AS count
    FROM (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) h`.execute(db);
  const row = rows[0];
  return row && { seq: Number(row.seq), hash: row.hash, count: Number(row.count) };
}

/** Department, role and tag names, for the audit details (a handful of rows each). */
export async function namesForDetails(db: Db) {
  const [departments, roles, tags] = await Promise.all([
    db.selectFrom('departments').select(['id', 'name']).execute(),
    db.selectFrom('roles').select(['code', 'name']).execute(),
    db.selectFrom('tags').select(['code', 'name']).execute(),
  ]);
  return {
    departments: new Map(departments.map((d) => [d.id, d.name])),
    roles: new Map(roles.map((r) => [r.code, r.name])),
    tags: new Map(tags.map((t) => [t.code, t.name])),
  };
}
