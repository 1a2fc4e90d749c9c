import type { Actor } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import type { AuditEntityType } from './audit-labels';
import { auditSubjectOf, recordAudit } from './audit.service';

/** A read worth auditing: a download of data (export) or an answer carrying personal data. */
export interface DataAccess {
  kind: 'export' | 'personal_data';
  entityType: AuditEntityType;
  /** For personal data: the kind, and the record when one was read (inspector, inspector:57). */
  entityId: string | null;
  /** What was read, in Chinese (the route's summary). */
  what: string;
  /** Method and route pattern, e.g. GET /api/inspectors/:id. */
  route: string;
  /** The filters and path parameters the caller asked with. */
  query: Record<string, unknown>;
  /** Rows (records) handed out; null when the file has no rows to count (a PDF). */
  rows: number | null;
  fileName: string | null;
}

/** Records who read which personal data or downloaded which export, how many rows, and with which query. */
export async function recordDataAccess(deps: AppDeps, actor: Actor, access: DataAccess): Promise<void> {
  const counted = access.rows === null ? '' : `，${access.rows} ${access.kind === 'export' ? '行' : '条'}`;
  const summary =
    access.kind === 'export'
      ? `导出下载“${access.fileName ?? '文件'}”（${access.what}${counted}）`
      : `查阅个人信息：${access.what}${counted ? `（${counted.slice(1)}）` : ''}`;
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps.config.auditHash, deps.clock.now(), auditSubjectOf(actor), {
      action: access.kind === 'export' ? 'export.download' : 'personal_data.read',
      entityType: access.entityType,
      entityId: access.entityId,
      summary,
      after: { route: access.route, query: access.query, rows: access.rows, fileName: access.fileName },
    }),
  );
}
