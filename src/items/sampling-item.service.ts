import type { Insertable } from 'kysely';
import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { departmentById } from '../departments/department.service';
import { industryCatalog } from '../industries/industry-catalog';
import { knownTagCodes } from '../tags/tag.service';
import { AppError, type FieldProblem, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { defaultRatios } from './sampling-defaults.service';
import {
  allSamplingCodes,
  findSamplingByCode,
  insertSampling,
  loadSamplingView,
  publicSampling,
  searchSampling,
  setLinks,
  updateSampling,
} from './sampling-item.repository';
import type {
  PublicSamplingQuery,
  SamplingItemInput,
  SamplingItemListQuery,
  SamplingItemView,
} from './sampling-item.schemas';
import type { ClassRatios, SamplingItemTable } from './sampling-item.table';
import { checkItemOptions } from './supervision-item.repository';
import { assertDepartment } from './supervision-item.service';

/**
 * What the schema cannot check: industry codes against GB/T 4754 (sections and divisions allowed: a scope
 * may cover a whole sector), tag codes against the tag register, and that every linked check item is an
 * active sub-item of an active supervision item of the sampling item's own department.
 */
export async function samplingProblems(db: Db, input: SamplingItemInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const code of input.scope.industries) {
    if (!industryCatalog().has(code))
      problems.push({ field: 'scope.industries', message: `行业代码 ${code} 不在 GB/T 4754-2017 中` });
  }
  if (input.scope.tags.length) {
    const known = new Set(await knownTagCodes(db, input.scope.tags));
    for (const code of input.scope.tags.filter((c) => !known.has(c)))
      problems.push({ field: 'scope.tags', message: `标签 ${code} 不存在` });
  }
  const department = await departmentById(db, input.departmentId);
  const options = new Map((await checkItemOptions(db, input.checkItemIds, null)).map((o) => [o.id, o]));
  for (const id of input.checkItemIds) {
    const c = options.get(id);
    const field = 'checkItemIds';
    if (!c) problems.push({ field, message: `检查子项 ${id} 不存在` });
    else if (c.departmentId !== input.departmentId) {
      problems.push({
        field,
        message: `检查子项“${c.content}”（${c.code}）属于${c.departmentName}的监管事项“${c.supervisionItemName}”；抽查事项只能关联本部门（${department?.name ?? '所属部门'}）监管事项下的检查子项，跨部门联合抽查请在联合抽查计划中组合各部门的抽查事项`,
      });
    } else if (c.withdrawn)
      problems.push({
        field,
        message: `检查子项 ${c.code} 已从监管事项“${c.supervisionItemName}”的检查实施清单中移除`,
      });
    else if (c.itemStatus !== '有效')
      problems.push({ field, message: `监管事项“${c.supervisionItemName}”已停用，其检查子项 ${c.code} 不能用于抽查` });
  }
  return problems;
}

async function assertValid(db: Db, input: SamplingItemInput): Promise<void> {
  const problems = await samplingProblems(db, input);
  if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), problems);
}

async function assertCodeFree(db: Db, code: string): Promise<void> {
  const clash = await findSamplingByCode(db, code);
  if (clash)
    throw new AppError('CONFLICT', `抽查事项编码 ${code} 已被“${clash.name}”使用`, [
      { field: 'code', message: '编码重复' },
    ]);
}

/** Row values of an input; ratios already resolved (the input's, or the defaults). */
export const samplingValues = (
  input: SamplingItemInput,
  ratios: ClassRatios,
  userId: number | null,
  now: Date,
): Omit<Insertable<SamplingItemTable>, 'created_at' | 'published' | 'published_at'> => ({
  code: input.code,
  name: input.name,
  department_id: input.departmentId,
  basis: input.basis,
  scope: JSON.stringify(input.scope),
  method: input.method,
  ratios: JSON.stringify(ratios),
  frequency: input.frequency,
  inspector_requirements: JSON.stringify(input.inspectorRequirements),
  a_class_exempt: input.aClassExempt,
  status: input.status,
  updated_at: now,
  updated_by: userId,
});

const auditView = (v: SamplingItemView) => {
  const { id: _id, departmentName: _d, updatedAt: _u, checkItems, ...rest } = v;
  return { ...rest, checkItemIds: checkItems.map((c) => c.id) };
};

async function load(db: Db, id: number): Promise<SamplingItemView> {
  const view = await loadSamplingView(db, id);
  if (!view) throw notFound('随机抽查事项');
  return view;
}

export async function listSamplingItems(deps: AppDeps, actor: Actor, query: SamplingItemListQuery) {
  requirePermission(actor, 'registry:item:read');
  return searchSampling(deps.db, query);
}

export async function getSamplingItem(deps: AppDeps, actor: Actor, id: number): Promise<SamplingItemView> {
  requirePermission(actor, 'registry:item:read');
  return load(deps.db, id);
}

export async function createSamplingItem(
  deps: AppDeps,
  actor: Actor,
  input: SamplingItemInput,
): Promise<SamplingItemView> {
  requirePermission(actor, 'registry:item:write');
  requireDepartmentScope(actor, 'registry:item:write', input.departmentId);
  return deps.db.transaction().execute(async (trx) => {
    await assertDepartment(trx, input.departmentId);
    await assertValid(trx, input);
    await assertCodeFree(trx, input.code);
    const now = deps.clock.now();
    const ratios = input.ratios ?? (await defaultRatios(trx));
    const { id } = await insertSampling(trx, {
      ...samplingValues(input, ratios, actor.userId, now),
      published: false,
      published_at: null,
      created_at: now,
    });
    await setLinks(trx, id, input.checkItemIds);
    const view = await load(trx, id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'sampling_item.create',
      entityType: 'sampling_item',
      entityId: id,
      summary: `新增随机抽查事项“${view.name}”（${view.code}）${input.ratios ? '' : '，抽查比例采用默认值'}`,
      after: auditView(view),
    });
    return view;
  });
}

export async function changeSamplingItem(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: SamplingItemInput,
): Promise<SamplingItemView> {
  requirePermission(actor, 'registry:item:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    requireDepartmentScope(actor, 'registry:item:write', before.departmentId);
    if (input.departmentId !== before.departmentId) {
      throw new AppError('VALIDATION', '随机抽查事项的所属部门不能修改；请由承接部门新建', [
        { field: 'departmentId', message: '所属部门不能修改' },
      ]);
    }
    if (input.code !== before.code) {
      throw new AppError('VALIDATION', '随机抽查事项编码创建后不能修改（执法检查人员资格、抽查计划按编码引用）', [
        { field: 'code', message: '编码不能修改' },
      ]);
    }
    await assertValid(trx, input);
    const now = deps.clock.now();
    const ratios = input.ratios ?? (await defaultRatios(trx));
    await updateSampling(trx, id, samplingValues(input, ratios, actor.userId, now));
    await setLinks(trx, id, input.checkItemIds);
    const view = await load(trx, id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'sampling_item.update',
      entityType: 'sampling_item',
      entityId: id,
      summary: `修改随机抽查事项“${view.name}”（${view.code}）`,
      before: auditView(before),
      after: auditView(view),
    });
    return view;
  });
}

/**
 * Publishes a sampling item on the public portal (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十条: 及时向社会公布) or withdraws it.
 * Needs registry:item:publish within the department's scope; a stopped item cannot be published.
 */
export async function publishSamplingItem(
  deps: AppDeps,
  actor: Actor,
  id: number,
  publish: boolean,
): Promise<SamplingItemView> {
  requirePermission(actor, 'registry:item:publish');
  return deps.db.transaction().execute(async (trx) => {
    const item = await load(trx, id);
    requireDepartmentScope(actor, 'registry:item:publish', item.departmentId);
    if (item.published === publish) return item;
    if (publish && item.status !== '有效')
      throw new AppError('VALIDATION', '已停用的抽查事项不能公布', [{ field: 'status', message: '已停用' }]);
    const now = deps.clock.now();
    await updateSampling(trx, id, { published: publish, published_at: publish ? now : null });
    const subject = auditSubjectOf(actor);
    if (publish) {
      await recordAudit(trx, deps.config.auditHash, now, subject, {
        action: 'sampling_item.publish',
        entityType: 'sampling_item',
        entityId: id,
        summary: `公布随机抽查事项“${item.name}”（${item.code}）`,
      });
    } else {
      await recordAudit(trx, deps.config.auditHash, now, subject, {
        action: 'sampling_item.unpublish',
        entityType: 'sampling_item',
        entityId: id,
        summary: `撤回公布随机抽查事项“${item.name}”（${item.code}）`,
      });
    }
    return load(trx, id);
  });
}

/** The public portal's list: published, active items only, without ratios or staffing rules. No login. */
export async function publicSamplingItems(deps: AppDeps, query: PublicSamplingQuery) {
  return publicSampling(deps.db, query);
}

/** Codes of every sampling item, for checking inspectors' qualifications in bulk. */
export const samplingItemCodes = (db: Db): Promise<string[]> => allSamplingCodes(db);
