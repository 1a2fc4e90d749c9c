import { type Actor, departmentFilter, requireDepartmentScope, requirePermission } from '../auth/actor';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { findCreditRecordView, listCreditRecords } from './credit-record-query.repository';
import { recordHistory } from './credit-record.repository';
import type { CreditListQuery } from './credit-record.schemas';

// Departments see the records their department found or sent; the credit office and the joint office (data scope
// all) see every record. The public never sees credit records (no public route reads them).

export async function creditRecordList(deps: AppDeps, actor: Actor, query: CreditListQuery) {
  requirePermission(actor, 'credit:record:read');
  return listCreditRecords(deps.db, query, departmentFilter(actor, 'credit:record:read'));
}

export async function creditRecordDetail(deps: AppDeps, actor: Actor, id: number) {
  requirePermission(actor, 'credit:record:read');
  const record = await findCreditRecordView(deps.db, id);
  if (!record) throw notFound('信用记录');
  if (departmentFilter(actor, 'credit:record:read') !== null)
    requireDepartmentScope(actor, 'credit:record:read', record.senderDepartmentId ?? -1);
  const history = await recordHistory(deps.db, id);
  return {
    ...record,
    history: history.map((h) => ({
      version: h.version,
      event: h.event,
      status: h.status,
      channel: h.channel,
      fields: h.fields,
      reason: h.reason,
      changedByName: h.changed_by_name,
      changedAt: h.changed_at.toISOString(),
    })),
  };
}
