import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { subjectByUscc } from '../subjects/subject.service';
import {
  findLinkedObject,
  findObjectByIdentifier,
  insertInspectionObject,
  type LinkedInspectionObject,
  linkedObjectsOfSubject,
  updateInspectionObject,
} from './inspection-object.repository';
import type { InspectionObjectInput, InspectionObjectView } from './inspection-object.schemas';

const present = (r: LinkedInspectionObject): InspectionObjectView => ({
  id: Number(r.id),
  kind: r.kind,
  name: r.name,
  identifier: r.identifier,
  address: r.address,
  divisionCode: r.division_code,
  responsibleSubject: { id: Number(r.responsible_subject_id), uscc: r.subject_uscc, name: r.subject_name },
  departmentId: r.department_id,
  departmentName: r.department_name,
  note: r.note,
  status: r.status,
});

async function responsibleSubjectId(db: Db, uscc: string): Promise<number> {
  const subject = await subjectByUscc(db, uscc);
  if (!subject)
    throw new AppError('VALIDATION', `名录库中没有统一社会信用代码为 ${uscc} 的市场主体，请先登记该主体`, [
      { field: 'responsibleUscc', message: '主体不存在' },
    ]);
  return Number(subject.id);
}

async function assertIdentifierFree(db: Db, input: InspectionObjectInput, exceptId?: number): Promise<void> {
  if (!input.identifier) return;
  const clash = await findObjectByIdentifier(db, input.kind, input.identifier, input.departmentId);
  if (clash && Number(clash.id) !== exceptId)
    throw new AppError('CONFLICT', `${input.kind}标识 ${input.identifier} 已登记为“${clash.name}”`, [
      { field: 'identifier', message: '重复' },
    ]);
}

const values = (input: InspectionObjectInput, subjectId: number, now: Date) => ({
  kind: input.kind,
  name: input.name,
  identifier: input.identifier,
  address: input.address,
  division_code: input.divisionCode,
  responsible_subject_id: subjectId,
  department_id: input.departmentId,
  note: input.note,
  status: input.status,
  updated_at: now,
});

/** Objects linked to a subject: what an inspection of the subject may also cover, and where results of theirs belong. */
export async function objectsOfSubject(
  deps: AppDeps,
  actor: Actor,
  subjectId: number,
): Promise<InspectionObjectView[]> {
  requirePermission(actor, 'registry:subject:read');
  const rows = await linkedObjectsOfSubject(deps.db, subjectId);
  return rows.map(present);
}

export async function createInspectionObject(
  deps: AppDeps,
  actor: Actor,
  input: InspectionObjectInput,
): Promise<InspectionObjectView> {
  requirePermission(actor, 'registry:subject:write');
  requireDepartmentScope(actor, 'registry:subject:write', input.departmentId);
  return deps.db.transaction().execute(async (trx) => {
    const subjectId = await responsibleSubjectId(trx, input.responsibleUscc);
    await assertIdentifierFree(trx, input);
    const now = deps.clock.now();
    const id = await insertInspectionObject(trx, { ...values(input, subjectId, now), created_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection_object.create',
      entityType: 'inspection_object',
      entityId: id,
      summary: `登记${input.kind}“${input.name}”，责任主体 ${input.responsibleUscc}`,
      after: { ...input },
    });
    return present((await findLinkedObject(trx, id))!);
  });
}

export async function changeInspectionObject(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: InspectionObjectInput,
): Promise<InspectionObjectView> {
  requirePermission(actor, 'registry:subject:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await findLinkedObject(trx, id);
    if (!before) throw notFound('检查对象');
    requireDepartmentScope(actor, 'registry:subject:write', before.department_id);
    requireDepartmentScope(actor, 'registry:subject:write', input.departmentId);
    const subjectId = await responsibleSubjectId(trx, input.responsibleUscc);
    await assertIdentifierFree(trx, input, id);
    const now = deps.clock.now();
    await updateInspectionObject(trx, id, values(input, subjectId, now));
    const view = present((await findLinkedObject(trx, id))!);
    const old = present(before);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspection_object.update',
      entityType: 'inspection_object',
      entityId: id,
      summary: `修改${input.kind}“${input.name}”`,
      before: { ...old, responsibleSubject: old.responsibleSubject.uscc },
      after: { ...view, responsibleSubject: view.responsibleSubject.uscc },
    });
    return view;
  });
}
