import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { certificateHolders, inspectorsMatchingAfter, upsertInspectorsByCertificate } from './inspector.repository';
import type { InspectorListQuery } from './inspector.schemas';
import type { InspectorTable } from './inspector.table';

// What the import and export of the register (src/imports) need from the inspectors capability; the import
// engine owns the transaction.

/** Writes a batch keyed by certificate number: new inspectors inserted, changed ones updated (the `changed` columns). */
export const upsertInspectorBatch = (trx: Db, rows: Insertable<InspectorTable>[], changed: (keyof InspectorTable)[]) =>
  upsertInspectorsByCertificate(trx, rows, changed);

/** Export pages: the list page's filters within the scope (null = all departments), by increasing id. */
export const exportInspectorsAfter = (
  db: Db,
  query: Omit<InspectorListQuery, 'page' | 'pageSize'>,
  scopeDepartmentId: number | null,
  today: string,
  afterId: number,
  limit = 1000,
) => inspectorsMatchingAfter(db, query, scopeDepartmentId, today, afterId, limit);

/** Which department holds each registered certificate number. */
export async function certificateDepartments(db: Db): Promise<Map<string, number>> {
  return new Map((await certificateHolders(db)).map((e) => [e.certificate_no, e.department_id]));
}
