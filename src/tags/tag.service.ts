import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { industryCatalog } from '../industries/industry-catalog';
import { AppError, type FieldProblem, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  applyTagRule,
  countTaggedSubjects,
  deleteSubjectTag,
  findTagIdByCode,
  existingTagCodes,
  insertListTags,
  insertTag,
  listTags,
  presentTag,
  subjectsByUscc,
  tagsOfSubject,
  tagsWithDepartment,
  updateTag,
} from './tag.repository';
import type { TagInput, TagView } from './tag.schemas';
import type { TagRow } from './tag.table';

function assertRule(input: TagInput): void {
  const problems: FieldProblem[] = input.ruleIndustries
    .filter((code) => !industryCatalog().has(code))
    .map((code) => ({ field: 'ruleIndustries', message: `行业代码 ${code} 不在 GB/T 4754-2017 中` }));
  if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), problems);
}

async function loadTag(db: Db, id: number): Promise<TagRow & { department_name: string }> {
  const tag = await tagsWithDepartment(db).where('t.id', '=', id).executeTakeFirst();
  if (!tag) throw notFound('标签');
  return tag;
}

async function viewOf(db: Db, id: number, today: string): Promise<TagView> {
  const tag = await loadTag(db, id);
  return presentTag(tag, await countTaggedSubjects(db, id), today);
}

const auditView = (t: TagInput) => ({ ...t });

const tagValues = (input: TagInput, now: Date) => ({
  code: input.code,
  name: input.name,
  department_id: input.departmentId,
  meaning: input.meaning,
  valid_from: input.validFrom,
  valid_to: input.validTo,
  rule_industries: input.ruleIndustries,
  rule_keywords: input.ruleKeywords,
  updated_at: now,
});

/** Tags are shared across departments (joint matching reads them all); each department edits its own. */
export async function searchTags(deps: AppDeps, actor: Actor, departmentId: number | null): Promise<TagView[]> {
  requirePermission(actor, 'registry:tag:read');
  return listTags(deps.db, departmentId, chinaDate(deps.clock.now()));
}

async function assertCodeFree(db: Db, code: string, exceptId?: number): Promise<void> {
  const clash = await findTagIdByCode(db, code);
  if (clash && clash.id !== exceptId)
    throw new AppError('CONFLICT', `标签编码 ${code} 已存在`, [{ field: 'code', message: '重复' }]);
}

export async function createTag(deps: AppDeps, actor: Actor, input: TagInput): Promise<TagView> {
  requirePermission(actor, 'registry:tag:write');
  requireDepartmentScope(actor, 'registry:tag:write', input.departmentId);
  assertRule(input);
  return deps.db.transaction().execute(async (trx) => {
    await assertCodeFree(trx, input.code);
    const now = deps.clock.now();
    const tagId = await insertTag(trx, { ...tagValues(input, now), created_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'tag.create',
      entityType: 'tag',
      entityId: tagId,
      summary: `新增标签“${input.name}”`,
      after: auditView(input),
    });
    return viewOf(trx, tagId, chinaDate(now));
  });
}

export async function changeTag(deps: AppDeps, actor: Actor, id: number, input: TagInput): Promise<TagView> {
  requirePermission(actor, 'registry:tag:write');
  assertRule(input);
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadTag(trx, id);
    requireDepartmentScope(actor, 'registry:tag:write', before.department_id);
    requireDepartmentScope(actor, 'registry:tag:write', input.departmentId);
    await assertCodeFree(trx, input.code, id);
    const now = deps.clock.now();
    await updateTag(trx, id, tagValues(input, now));
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'tag.update',
      entityType: 'tag',
      entityId: id,
      summary: `修改标签“${input.name}”`,
      before: {
        code: before.code,
        name: before.name,
        departmentId: before.department_id,
        meaning: before.meaning,
        validFrom: before.valid_from,
        validTo: before.valid_to,
        ruleIndustries: before.rule_industries,
        ruleKeywords: before.rule_keywords,
      },
      after: auditView(input),
    });
    return viewOf(trx, id, chinaDate(now));
  });
}

/** Applies the tag's rule to the register now (only subjects in business, 存续, are tagged by rule). */
export async function applyRule(deps: AppDeps, actor: Actor, id: number) {
  requirePermission(actor, 'registry:tag:write');
  return deps.db.transaction().execute(async (trx) => {
    const tag = await loadTag(trx, id);
    requireDepartmentScope(actor, 'registry:tag:write', tag.department_id);
    if (tag.rule_industries.length === 0 && tag.rule_keywords.length === 0)
      throw new AppError('VALIDATION', '该标签没有设置规则（行业代码或经营范围关键词），请按名单赋予');
    const now = deps.clock.now();
    const { added, removed } = await applyTagRule(trx, tag, now);
    const n = await countTaggedSubjects(trx, id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'tag.apply_rule',
      entityType: 'tag',
      entityId: id,
      summary: `按规则赋予标签“${tag.name}”：新增 ${added} 个、移除 ${removed} 个，共 ${n} 个对象`,
    });
    return { added, removed, total: n };
  });
}

/** Tags the listed subjects (by USCC); codes not in the register are reported, not silently dropped. */
export async function assignByList(deps: AppDeps, actor: Actor, id: number, usccs: string[]) {
  requirePermission(actor, 'registry:tag:write');
  return deps.db.transaction().execute(async (trx) => {
    const tag = await loadTag(trx, id);
    requireDepartmentScope(actor, 'registry:tag:write', tag.department_id);
    const unique = [...new Set(usccs)];
    const found = await subjectsByUscc(trx, unique);
    const now = deps.clock.now();
    const added = await insertListTags(
      trx,
      id,
      found.map((s) => Number(s.id)),
      now,
    );
    const foundCodes = new Set(found.map((s) => s.uscc));
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'tag.assign_list',
      entityType: 'tag',
      entityId: id,
      summary: `按名单赋予标签“${tag.name}”：新增 ${added} 个对象${foundCodes.size < unique.length ? `，${unique.length - foundCodes.size} 个代码未在名录库中找到` : ''}`,
    });
    return { added, alreadyTagged: found.length - added, notFound: unique.filter((c) => !foundCodes.has(c)) };
  });
}

export async function removeFromSubject(deps: AppDeps, actor: Actor, id: number, subjectId: number): Promise<void> {
  requirePermission(actor, 'registry:tag:write');
  await deps.db.transaction().execute(async (trx) => {
    const tag = await loadTag(trx, id);
    requireDepartmentScope(actor, 'registry:tag:write', tag.department_id);
    if (!(await deleteSubjectTag(trx, id, subjectId))) throw notFound('该对象的此标签');
    await recordAudit(trx, deps.config.auditHash, deps.clock.now(), auditSubjectOf(actor), {
      action: 'tag.remove',
      entityType: 'tag',
      entityId: id,
      summary: `移除对象 ${subjectId} 的标签“${tag.name}”`,
    });
  });
}

export async function subjectTags(deps: AppDeps, actor: Actor, subjectId: number) {
  requirePermission(actor, 'registry:subject:read');
  const today = chinaDate(deps.clock.now());
  const rows = await tagsOfSubject(deps.db, subjectId);
  return rows.map((r) => {
    const { subjectCount: _count, ...tag } = presentTag(r, 0, today);
    return { ...tag, source: r.source, assignedAt: r.assigned_at.toISOString() };
  });
}

/** Which of these tag codes exist in the tag register, for other capabilities' checks. */
export const knownTagCodes = (db: Db, codes: string[]): Promise<string[]> => existingTagCodes(db, codes);
