import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { industryCatalog, industryCodeProblem } from '../industries/industry-catalog';
import { AppError, type FieldProblem, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { checkUscc } from '../shared/uscc';
import { departmentList } from '../departments/department.service';
import { type OwnedValues, ownershipProblems, unsetOwnedValues } from './subject-field-ownership';
import { nameBigrams } from './name-bigrams';
import {
  findSubject,
  findSubjectByUscc,
  insertSubject,
  presentSubject,
  searchSubjects,
  updateSubject,
} from './subject.repository';
import type { SubjectInput, SubjectListQuery, SubjectView } from './subject.schemas';
import type { Insertable } from 'kysely';
import type { SubjectRow, SubjectTable } from './subject.table';

/** A code with every ancestor: '5211' → ['F', '52', '521', '5211']. */
export function industryScope(codes: string[]): string[] {
  const scope = new Set<string>();
  for (const code of codes) {
    const industry = industryCatalog().get(code);
    if (!industry) continue;
    scope.add(industry.section);
    for (let len = 2; len <= code.length; len += 1) scope.add(code.slice(0, len));
  }
  return [...scope].sort();
}

/**
 * Checks what the schema cannot: the USCC checksums (a flagged code is kept only when the user says so),
 * industry codes against GB/T 4754, and the whitelist / key-target rules. Returns the USCC problem to store.
 */
export function validateSubject(
  input: SubjectInput & { keyTarget?: boolean; keyTargetReason?: string | null },
): string | null {
  const problems: FieldProblem[] = [];
  const uscc = checkUscc(input.uscc);
  if (!uscc.valid && !input.keepFlaggedUscc) {
    problems.push({
      field: 'uscc',
      message: `统一社会信用代码未通过校验：${uscc.reason}；如确认代码与登记信息一致，可选择“保留有疑问的代码”`,
    });
  }
  for (const code of input.industryCodes) {
    const problem = industryCodeProblem(code);
    if (problem) problems.push({ field: 'industryCodes', message: problem });
  }
  if (input.keyTarget && !input.keyTargetReason)
    problems.push({ field: 'keyTargetReason', message: '列为重点抽查对象须说明原因' });
  if (input.keyTarget && input.whitelisted)
    problems.push({ field: 'whitelisted', message: '白名单对象不能同时列为重点抽查对象' });
  if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), problems);
  return uscc.valid ? null : uscc.reason;
}

export function subjectValues(
  input: SubjectInput,
  usccProblem: string | null,
  now: Date,
): Omit<Insertable<SubjectTable>, 'id' | 'created_at' | 'key_target' | 'key_target_reason'> {
  return {
    uscc: input.uscc,
    uscc_problem: usccProblem,
    uscc_kept: usccProblem !== null,
    legacy_reg_no: input.legacyRegNo,
    name: input.name,
    name_bigrams: nameBigrams(input.name),
    kind: input.kind,
    legal_representative: input.legalRepresentative,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
    division_code: input.divisionCode,
    registered_address: input.registeredAddress,
    business_address: input.businessAddress,
    business_scope: input.businessScope,
    industry_codes: input.industryCodes,
    industry_scope: industryScope(input.industryCodes),
    registration_date: input.registrationDate,
    status: input.status,
    credit_class: input.creditClass,
    industry_risk: JSON.stringify(input.industryRisk),
    whitelisted: input.whitelisted,
    updated_at: now,
  };
}

/** A new register entry is no key target: listings (src/key-targets) raise the flag. */
const notKeyTarget = { key_target: false, key_target_reason: null } as const;

/** What the audit log keeps of a subject: everything a user edits. */
export const auditView = (v: SubjectView) => {
  const { id: _id, updatedAt: _updated, industries, ...rest } = v;
  return { ...rest, industryCodes: industries.map((i) => i.code) };
};

export async function listSubjects(deps: AppDeps, actor: Actor, query: SubjectListQuery) {
  requirePermission(actor, 'registry:subject:read');
  return searchSubjects(deps.db, query);
}

export async function getSubject(deps: AppDeps, actor: Actor, id: number): Promise<SubjectView> {
  requirePermission(actor, 'registry:subject:read');
  const row = await findSubject(deps.db, id);
  if (!row) throw notFound('监管对象');
  return presentSubject(row);
}

/** Names of the platform's active departments (the only valid keys of an industry risk level). */
export async function activeDepartmentNames(db: Db): Promise<Set<string>> {
  return new Set((await departmentList(db)).filter((d) => d.status === 'active').map((d) => d.name));
}

export const ownedValuesOf = (
  row: Pick<SubjectRow, 'credit_class' | 'whitelisted' | 'industry_risk'>,
): OwnedValues => ({
  creditClass: row.credit_class,
  whitelisted: row.whitelisted,
  industryRisk: row.industry_risk,
});

/**
 * 403 naming every field the actor changed but does not maintain (src/subjects/subject-field-ownership.ts);
 * 400 for a risk level of a department that does not exist.
 */
export async function assertOwnedChanges(db: Db, actor: Actor, before: OwnedValues, after: OwnedValues) {
  const problems = ownershipProblems(actor, before, after, await activeDepartmentNames(db));
  if (problems.length === 0) return;
  const code = problems.some((p) => p.forbidden) ? 'FORBIDDEN' : 'VALIDATION';
  throw new AppError(
    code,
    problems.map((p) => p.message).join('；'),
    problems.map(({ field, message }) => ({ field, message })),
  );
}

async function assertUsccFree(db: Db, uscc: string, exceptId?: number): Promise<void> {
  const clash = await findSubjectByUscc(db, uscc);
  if (clash && Number(clash.id) !== exceptId) {
    throw new AppError('CONFLICT', `统一社会信用代码 ${uscc} 已登记为“${clash.name}”`, [
      { field: 'uscc', message: '与已有监管对象重复' },
    ]);
  }
}

export async function createSubject(deps: AppDeps, actor: Actor, input: SubjectInput): Promise<SubjectView> {
  requirePermission(actor, 'registry:subject:write');
  const usccProblem = validateSubject(input);
  return deps.db.transaction().execute(async (trx) => {
    await assertOwnedChanges(trx, actor, unsetOwnedValues, input);
    await assertUsccFree(trx, input.uscc);
    const now = deps.clock.now();
    const view = presentSubject(
      await insertSubject(trx, { ...subjectValues(input, usccProblem, now), ...notKeyTarget, created_at: now }),
    );
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'subject.create',
      entityType: 'subject',
      entityId: view.id,
      summary: `新增监管对象“${view.name}”（${view.uscc}）${usccProblem ? '，代码有疑问但确认保留' : ''}`,
      after: auditView(view),
    });
    return view;
  });
}

export async function changeSubject(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: SubjectInput,
): Promise<SubjectView> {
  requirePermission(actor, 'registry:subject:write');
  const usccProblem = validateSubject(input);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findSubject(trx, id);
    if (!before) throw notFound('监管对象');
    await assertOwnedChanges(trx, actor, ownedValuesOf(before), input);
    if (input.whitelisted && !before.whitelisted && before.key_target)
      throw new AppError('VALIDATION', '白名单对象不能同时列为重点抽查对象，请先在“重点抽查对象”页面解除', [
        { field: 'whitelisted', message: '该对象是重点抽查对象' },
      ]);
    await assertUsccFree(trx, input.uscc, id);
    const now = deps.clock.now();
    const view = presentSubject(await updateSubject(trx, id, subjectValues(input, usccProblem, now)));
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'subject.update',
      entityType: 'subject',
      entityId: id,
      summary: `修改监管对象“${view.name}”（${view.uscc}）`,
      before: auditView(presentSubject(before)),
      after: auditView(view),
    });
    return view;
  });
}

/** One register entry by id, for other capabilities (no permission check: the caller has made its own). */
export const subjectById = (db: Db, id: number): Promise<SubjectRow | undefined> => findSubject(db, id);

/** One register entry by USCC, for other capabilities. */
export const subjectByUscc = (db: Db, uscc: string): Promise<SubjectRow | undefined> => findSubjectByUscc(db, uscc);
