import { type Actor, departmentFilter, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, type FieldProblem, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { departmentById } from '../departments/department.service';
import { subjectById } from '../subjects/subject.service';
import { maskIdCard } from '../users/id-card';
import { userById } from '../users/user-account.service';
import {
  conflictsOf,
  conflictsWithSubject,
  findInspector,
  findInspectorByCertificate,
  findInspectorByUser,
  findInspectorView,
  insertInspector,
  searchInspectors,
  unknownSamplingItemCodes,
  updateInspector,
} from './inspector.repository';
import type {
  InspectorCreate,
  InspectorDetail,
  InspectorListQuery,
  InspectorPage,
  InspectorUpdate,
  InspectorView,
  SubjectInspectorConflict,
} from './inspector.schemas';
import type { InspectorRow } from './inspector.table';

const todayOf = (deps: AppDeps): string => chinaDate(deps.clock.now());

/** What the audit log keeps of an inspector: everything a user edits (the ID number only masked). */
const auditView = (r: InspectorRow) => ({
  name: r.name,
  idCardMasked: r.id_card_masked,
  phone: r.phone,
  departmentId: r.department_id,
  userId: r.user_id,
  certificateNo: r.certificate_no,
  certificateIssuedOn: r.certificate_issued_on,
  certificateValidUntil: r.certificate_valid_until,
  fields: r.fields,
  qualifiedSamplingItemCodes: r.qualified_sampling_item_codes,
  status: r.status,
  capacityPerMonth: r.capacity_per_month,
});

function fail(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), problems);
}

/** 抽查事项资格 may name only sampling items that exist (the draw matches inspectors to items by these codes). */
export const samplingQualificationProblem = (unknownCodes: readonly string[]): FieldProblem => ({
  field: 'qualifiedSamplingItemCodes',
  message: `抽查事项资格中的随机抽查事项编码 ${unknownCodes.join('、')} 不存在，请核对随机抽查事项清单`,
});

/**
 * Checks what the schema cannot: certificate dates, the department, the sampling-item qualifications, the linked account (same department,
 * not another inspector's) and the certificate number's uniqueness. `before` is the inspector being edited.
 */
async function assertInspectorInput(
  db: Db,
  input: InspectorUpdate,
  today: string,
  before?: InspectorRow,
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (input.certificateIssuedOn > today)
    problems.push({ field: 'certificateIssuedOn', message: '发证日期不能晚于今天' });
  if (input.certificateValidUntil < input.certificateIssuedOn)
    problems.push({ field: 'certificateValidUntil', message: '有效期至不能早于发证日期' });
  const department = await departmentById(db, input.departmentId);
  if (!department) problems.push({ field: 'departmentId', message: '部门不存在' });
  else if (department.status !== 'active' && input.departmentId !== before?.department_id)
    problems.push({ field: 'departmentId', message: '部门已停用' });
  if (input.userId !== null) {
    const user = await userById(db, input.userId);
    if (!user) problems.push({ field: 'userId', message: '平台账号不存在' });
    else if (user.department_id !== input.departmentId)
      problems.push({ field: 'userId', message: '平台账号不属于所选部门' });
  }
  const unknownCodes = await unknownSamplingItemCodes(db, input.qualifiedSamplingItemCodes);
  if (unknownCodes.length) problems.push(samplingQualificationProblem(unknownCodes));
  fail(problems);
  const certificateClash = await findInspectorByCertificate(db, input.certificateNo);
  if (certificateClash && certificateClash.id !== before?.id) {
    throw new AppError('CONFLICT', `执法证号 ${input.certificateNo} 已登记为“${certificateClash.name}”`, [
      { field: 'certificateNo', message: '与已登记的执法证号重复' },
    ]);
  }
  const userClash = input.userId === null ? undefined : await findInspectorByUser(db, input.userId);
  if (userClash && userClash.id !== before?.id) {
    throw new AppError('CONFLICT', `该平台账号已关联执法检查人员“${userClash.name}”`, [
      { field: 'userId', message: '账号已关联其他执法检查人员' },
    ]);
  }
}

const rowValues = (input: InspectorUpdate, now: Date) => ({
  name: input.name,
  phone: input.phone,
  department_id: input.departmentId,
  user_id: input.userId,
  certificate_no: input.certificateNo,
  certificate_issued_on: input.certificateIssuedOn,
  certificate_valid_until: input.certificateValidUntil,
  fields: input.fields,
  qualified_sampling_item_codes: input.qualifiedSamplingItemCodes,
  status: input.status,
  capacity_per_month: input.capacityPerMonth,
  updated_at: now,
});

async function viewOf(db: Db, id: number, today: string): Promise<InspectorView> {
  const view = await findInspectorView(db, id, today);
  if (!view) throw notFound('执法检查人员');
  return view;
}

export async function listInspectors(deps: AppDeps, actor: Actor, query: InspectorListQuery): Promise<InspectorPage> {
  requirePermission(actor, 'registry:inspector:read');
  return searchInspectors(deps.db, query, departmentFilter(actor, 'registry:inspector:read'), todayOf(deps));
}

export async function getInspector(deps: AppDeps, actor: Actor, id: number): Promise<InspectorDetail> {
  requirePermission(actor, 'registry:inspector:read');
  const view = await viewOf(deps.db, id, todayOf(deps));
  requireDepartmentScope(actor, 'registry:inspector:read', view.departmentId);
  return { ...view, conflicts: await conflictsOf(deps.db, id) };
}

export async function createInspector(deps: AppDeps, actor: Actor, input: InspectorCreate): Promise<InspectorView> {
  requirePermission(actor, 'registry:inspector:write');
  requireDepartmentScope(actor, 'registry:inspector:write', input.departmentId);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await assertInspectorInput(trx, input, chinaDate(now));
    const { id } = await insertInspector(trx, {
      ...rowValues(input, now),
      id_card_masked: maskIdCard(input.idCard),
      created_at: now,
    });
    const view = await viewOf(trx, id, chinaDate(now));
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspector.create',
      entityType: 'inspector',
      entityId: id,
      summary: `新增执法检查人员“${view.name}”（${view.departmentName}，执法证号 ${view.certificateNo}）`,
      after: auditView((await findInspector(trx, id))!),
    });
    return view;
  });
}

/** An inspector the actor may change: in write scope for its current department (and, on a move, the new one). */
export async function inspectorInScope(db: Db, actor: Actor, id: number): Promise<InspectorRow> {
  const row = await findInspector(db, id);
  if (!row) throw notFound('执法检查人员');
  requireDepartmentScope(actor, 'registry:inspector:write', row.department_id);
  return row;
}

export async function changeInspector(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: InspectorUpdate,
): Promise<InspectorView> {
  requirePermission(actor, 'registry:inspector:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await inspectorInScope(trx, actor, id);
    requireDepartmentScope(actor, 'registry:inspector:write', input.departmentId);
    const now = deps.clock.now();
    await assertInspectorInput(trx, input, chinaDate(now), before);
    await updateInspector(trx, id, {
      ...rowValues(input, now),
      ...(input.idCard ? { id_card_masked: maskIdCard(input.idCard) } : {}),
    });
    const view = await viewOf(trx, id, chinaDate(now));
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspector.update',
      entityType: 'inspector',
      entityId: id,
      summary: `修改执法检查人员“${view.name}”（${view.departmentName}，执法证号 ${view.certificateNo}）`,
      before: auditView(before),
      after: auditView((await findInspector(trx, id))!),
    });
    return view;
  });
}

/** Who declared a conflict with a subject: for the subject's page, so names and departments only. */
export async function subjectInspectorConflicts(
  deps: AppDeps,
  actor: Actor,
  subjectId: number,
): Promise<SubjectInspectorConflict[]> {
  requirePermission(actor, 'registry:subject:read');
  const subject = await subjectById(deps.db, subjectId);
  if (!subject) throw notFound('监管对象');
  return conflictsWithSubject(deps.db, subjectId);
}
