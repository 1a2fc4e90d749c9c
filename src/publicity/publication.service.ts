import { type Actor, requireDepartmentScope } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import type { Db } from '../db/database';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { licenceFields, penaltyFields } from './credit-fields';
import { pushToCreditPlatform } from './credit-push';
import { onArrival, PUBLICITY_WORKING_DAYS } from './publication-flow';
import {
  autoPublishes,
  findLicence,
  findPenalty,
  insertPublication,
  lockPublication,
  lockPublicationOf,
  saveSetting,
  updatePublication,
} from './publication.repository';
import type { PublicationKind } from './publication.table';

/** A first delivery or a new version of the same record (as src/records/record-hooks.ts passes it). */
type RecordChange = 'new' | 'changed';

/** The platform itself, for publications made by the department's 自动公示 setting or by a received change. */
const PLATFORM: AuditSubject = { userId: null, name: '平台（双公示）', departmentId: null, ip: null };

interface Decision {
  kind: PublicationKind;
  recordId: number;
  version: number;
  departmentId: number | null;
  counterpartName: string;
  uscc: string | null;
  decidedOn: string;
  publicityUntil: string | null;
  status: Awaited<ReturnType<typeof findLicence>>['status'];
  fields: Record<string, string>;
}

async function loadDecision(trx: Db, kind: PublicationKind, recordId: number): Promise<Decision> {
  const licence = kind === '行政许可' ? await findLicence(trx, recordId) : null;
  const penalty = kind === '行政处罚' ? await findPenalty(trx, recordId) : null;
  const r = (licence ?? penalty)!;
  const fields = licence ? licenceFields(licence) : penaltyFields(penalty!);
  return {
    kind,
    recordId,
    version: r.version,
    departmentId: r.department_id ?? r.sender_department_id,
    counterpartName: r.counterpart_name,
    uscc: r.uscc,
    decidedOn: r.decided_on,
    publicityUntil: penalty?.publicity_until ?? null,
    status: r.status,
    fields,
  };
}

/** The last day of the 7 working days after the decision; null while that year's holidays are not loaded. */
export async function publicationDueOn(db: Db, decidedOn: string): Promise<string | null> {
  const calendar = await workCalendar(db);
  return unlessYearMissing(() => calendar.addWorkingDays(decidedOn, PUBLICITY_WORKING_DAYS));
}

export const licencePublicationHandler = (trx: Db, deps: AppDeps, id: number, change: RecordChange) =>
  decisionReceived(trx, deps, '行政许可', id, change);
export const penaltyPublicationHandler = (trx: Db, deps: AppDeps, id: number, change: RecordChange) =>
  decisionReceived(trx, deps, '行政处罚', id, change);

/**
 * 双公示 of a received licence or penalty decision (called from src/records/record-hooks.ts in the transaction that
 * stored it): the publication is created with its deadline, published at once when the department publishes
 * automatically, updated and pushed again when a published record changes, taken down when a penalty is revoked.
 */
export async function decisionReceived(
  trx: Db,
  deps: AppDeps,
  kind: PublicationKind,
  recordId: number,
  _change: RecordChange,
): Promise<void> {
  const now = deps.clock.now();
  const d = await loadDecision(trx, kind, recordId);
  const existing = await lockPublicationOf(trx, kind, recordId);
  const action = onArrival(kind, existing?.status ?? null, d.status, await autoPublishes(trx, d.departmentId));
  const base = {
    department_id: d.departmentId,
    counterpart_name: d.counterpartName,
    uscc: d.uscc,
    decided_on: d.decidedOn,
    due_on: await publicationDueOn(trx, d.decidedOn),
    publicity_until: d.publicityUntil,
    record_version: d.version,
    updated_at: now,
  };
  const id = existing
    ? (await updatePublication(trx, existing.id, base), existing.id)
    : await insertPublication(trx, { ...base, kind, record_id: recordId, status: '待公示', created_at: now });
  if (action === 'publish') await publish(trx, deps, id, d, PLATFORM, null);
  // The same version delivered again changes nothing on the portal and is not pushed twice.
  if (action === 'update' && existing?.published_version !== d.version) {
    await updatePublication(trx, id, {
      status: '已更新',
      published_version: d.version,
      public_fields: JSON.stringify(d.fields),
    });
    await pushToCreditPlatform(trx, now, {
      publicationId: id,
      kind,
      operation: '更新',
      version: d.version,
      fields: d.fields,
    });
    await recordAudit(trx, deps.config.auditHash, now, PLATFORM, {
      action: 'publication.update',
      entityType: 'publication',
      entityId: id,
      summary: `${kind}公示信息更新为第 ${d.version} 版（${d.counterpartName}，当前状态 ${d.status}），已重新推送信用平台`,
      before: { version: existing?.published_version ?? null },
      after: { version: d.version, status: d.status },
    });
  }
  if (action === 'withdraw') {
    const wasPublic = existing?.published_version != null;
    const reason = '行政处罚决定已被依法撤销';
    await updatePublication(trx, id, { status: '已撤下', withdrawn_reason: reason });
    if (wasPublic)
      await pushToCreditPlatform(trx, now, {
        publicationId: id,
        kind,
        operation: '撤销',
        version: d.version,
        fields: d.fields,
        reason,
      });
    await recordAudit(trx, deps.config.auditHash, now, PLATFORM, {
      action: 'publication.withdraw',
      entityType: 'publication',
      entityId: id,
      summary: `行政处罚 ${d.fields.CF_WSH ?? ''}（${d.counterpartName}）决定已撤销，${wasPublic ? '撤下公示信息并推送信用平台' : '不予公示'}`,
      after: { status: '已撤下', reason },
    });
  }
}

/**
 * Publishes the newest version (审核公示 by staff, or 自动公示): on the portal from now, late when after the deadline,
 * pushed to the credit information platform as 新增.
 */
export async function publish(
  trx: Db,
  deps: AppDeps,
  publicationId: number,
  d: Decision,
  subject: AuditSubject,
  userId: number | null,
): Promise<void> {
  const now = deps.clock.now();
  const pub = (await lockPublicationOf(trx, d.kind, d.recordId))!;
  const late = pub.due_on !== null && chinaDate(now) > pub.due_on;
  await updatePublication(trx, publicationId, {
    status: '已公示',
    published_version: d.version,
    public_fields: JSON.stringify(d.fields),
    published_at: now,
    published_by: userId,
    late,
    updated_at: now,
  });
  await pushToCreditPlatform(trx, now, {
    publicationId,
    kind: d.kind,
    operation: '新增',
    version: d.version,
    fields: d.fields,
  });
  await recordAudit(trx, deps.config.auditHash, now, subject, {
    action: 'publication.publish',
    entityType: 'publication',
    entityId: publicationId,
    summary: `${d.kind}（${d.counterpartName}，决定日期 ${d.decidedOn}）公示${late ? `，超过 ${pub.due_on} 的公示期限` : ''}`,
    after: { status: '已公示', version: d.version, late },
  });
}

/** Staff review (审核公示): the department publishes one of its records awaiting publication. */
export async function reviewAndPublish(deps: AppDeps, actor: Actor, publicationId: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const pub = await lockPublication(trx, publicationId);
    if (!pub) throw notFound('公示记录');
    if (pub.department_id === null) throw forbidden('该记录不属于本平台的部门');
    requireDepartmentScope(actor, 'publicity:record:write', pub.department_id);
    if (pub.status !== '待公示') throw new AppError('CONFLICT', '该记录已公示或已撤下，不能重复公示');
    const d = await loadDecision(trx, pub.kind, pub.record_id);
    await publish(trx, deps, pub.id, d, auditSubjectOf(actor), actor.userId);
  });
}

/** A department's choice: 自动公示 (records published on arrival) or 审核公示 (after staff review, the default). */
export async function setPublicityMode(deps: AppDeps, actor: Actor, autoPublish: boolean): Promise<void> {
  requireDepartmentScope(actor, 'publicity:record:write', actor.departmentId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await autoPublishes(trx, actor.departmentId);
    await saveSetting(trx, actor.departmentId, autoPublish, actor.userId, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'publication.setting',
      entityType: 'department',
      entityId: actor.departmentId,
      summary: `${actor.departmentName}的双公示方式改为${autoPublish ? '自动公示' : '审核公示'}`,
      before: { autoPublish: before },
      after: { autoPublish },
    });
  });
}

export async function publicityMode(deps: AppDeps, actor: Actor): Promise<{ autoPublish: boolean }> {
  return { autoPublish: await autoPublishes(deps.db, actor.departmentId) };
}
