import type { Selectable } from 'kysely';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import {
  catalogItemsOf,
  copyCatalogItems,
  currentPublishedVersion,
  deleteCatalogItem,
  departmentNames,
  findCatalogItem,
  findCatalogVersion,
  findDraftVersion,
  insertCatalogItem,
  insertCatalogVersion,
  listCatalogVersions,
  nextVersionNo,
  publishCatalogVersion,
  updateCatalogItem,
} from './catalog.repository';
import type {
  CatalogItemInput,
  CatalogItemView,
  CatalogVersionDetail,
  CatalogVersionView,
  PublicCatalog,
} from './catalog.schemas';
import type { CatalogItemTable } from './dual-notice.table';
import type { ProposableItem } from './proposal';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
type ItemRow = Selectable<CatalogItemTable>;

export const toProposable = (r: ItemRow): ProposableItem => ({
  code: r.code,
  name: r.name,
  licensingDepartmentId: Number(r.licensing_department_id),
  supervisingDepartmentIds: r.supervising_department_ids.map(Number),
  enforcementDepartmentIds: r.enforcement_department_ids.map(Number),
  keywords: r.keywords,
  industryCodes: r.industry_codes,
  priorApproval: r.prior_approval,
  highRisk: r.high_risk,
  restriction: r.restriction,
});

async function namer(db: Db) {
  const names = new Map((await departmentNames(db)).map((d) => [Number(d.id), d.name]));
  return (id: number) => names.get(Number(id)) ?? `部门 ${id}`;
}

function presentItem(r: ItemRow, name: (id: number) => string): CatalogItemView {
  const p = toProposable(r);
  return {
    id: Number(r.id),
    ...p,
    licensingDepartment: name(p.licensingDepartmentId),
    supervisingDepartments: p.supervisingDepartmentIds.map(name),
    enforcementDepartments: p.enforcementDepartmentIds.map(name),
  };
}

/** The catalog version new registrations use, with its items (null before the first publication). */
export async function currentCatalog(db: Db): Promise<{ versionId: number; items: ProposableItem[] } | null> {
  const v = await currentPublishedVersion(db);
  if (!v) return null;
  return { versionId: Number(v.id), items: (await catalogItemsOf(db, v.id)).map(toProposable) };
}

export async function listVersions(deps: AppDeps): Promise<CatalogVersionView[]> {
  const rows = await listCatalogVersions(deps.db);
  const current = rows.find((r) => r.status === '已发布')?.id;
  return rows.map((r) => ({
    id: Number(r.id),
    versionNo: Number(r.version_no),
    status: r.status,
    note: r.note,
    items: Number(r.items ?? 0),
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by_name,
    publishedAt: iso(r.published_at),
    publishedBy: r.published_by_name,
    current: r.id === current,
  }));
}

export async function versionDetail(deps: AppDeps, id: number): Promise<CatalogVersionDetail> {
  const view = (await listVersions(deps)).find((v) => v.id === id);
  if (!view) throw notFound(`双告知目录版本 ${id} `);
  const name = await namer(deps.db);
  return { ...view, itemList: (await catalogItemsOf(deps.db, id)).map((r) => presentItem(r, name)) };
}

/** A new draft, copied from the current published version (one draft at a time). */
export async function createDraft(deps: AppDeps, actor: Actor | null, note: string): Promise<CatalogVersionDetail> {
  requirePermission(actor, 'dualnotice:catalog:write');
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    if (await findDraftVersion(trx)) throw new AppError('CONFLICT', '已有一个草稿版本，请先编辑并发布它');
    const current = await currentPublishedVersion(trx);
    const versionNo = await nextVersionNo(trx);
    const { id } = await insertCatalogVersion(trx, {
      version_no: versionNo,
      note,
      created_by: actor.userId,
      created_at: now,
    });
    if (current) await copyCatalogItems(trx, current.id, id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice_catalog.draft',
      entityType: 'dual_notice_catalog',
      entityId: id,
      summary: `起草双告知事项目录第 ${versionNo} 版${current ? `（以第 ${current.version_no} 版为基础）` : ''}`,
      after: { versionNo, note },
    });
    return id;
  });
  return versionDetail(deps, id);
}

async function lockDraft(trx: Db, id: number) {
  const v = await findCatalogVersion(trx, id);
  if (!v) throw notFound(`双告知目录版本 ${id} `);
  if (v.status !== '草稿') throw new AppError('CONFLICT', `第 ${v.version_no} 版已发布，不能修改；请起草新版本`);
  return v;
}

const itemValues = (input: CatalogItemInput) => ({
  name: input.name,
  licensing_department_id: input.licensingDepartmentId,
  supervising_department_ids: [...new Set(input.supervisingDepartmentIds)],
  enforcement_department_ids: [...new Set(input.enforcementDepartmentIds)],
  keywords: [...new Set(input.keywords)],
  industry_codes: [...new Set(input.industryCodes)],
  prior_approval: input.priorApproval,
  high_risk: input.highRisk,
  restriction: input.restriction,
});

/** Adds or replaces an item of a draft (by its code). */
export async function saveDraftItem(
  deps: AppDeps,
  actor: Actor | null,
  versionId: number,
  input: CatalogItemInput,
): Promise<CatalogVersionDetail> {
  requirePermission(actor, 'dualnotice:catalog:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const v = await lockDraft(trx, versionId);
    const known = new Set((await departmentNames(trx)).map((d) => Number(d.id)));
    const unknown = [
      input.licensingDepartmentId,
      ...input.supervisingDepartmentIds,
      ...input.enforcementDepartmentIds,
    ].filter((d) => !known.has(d));
    if (unknown.length) throw new AppError('VALIDATION', `部门不存在：${unknown.join('、')}`);
    const before = await findCatalogItem(trx, versionId, input.code);
    const values = itemValues(input);
    if (before) await updateCatalogItem(trx, before.id, values);
    else await insertCatalogItem(trx, { ...values, version_id: versionId, code: input.code });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice_catalog.item_save',
      entityType: 'dual_notice_catalog',
      entityId: versionId,
      summary: `${before ? '修改' : '新增'}双告知目录第 ${v.version_no} 版事项 ${input.code} ${input.name}`,
      before: before ? auditItem(toInput(before)) : null,
      after: auditItem(input),
    });
  });
  return versionDetail(deps, versionId);
}

const auditItem = (i: CatalogItemInput) => ({
  code: i.code,
  name: i.name,
  licensingDepartmentId: i.licensingDepartmentId,
  supervisingDepartmentIds: i.supervisingDepartmentIds,
  enforcementDepartmentIds: i.enforcementDepartmentIds,
  keywords: i.keywords,
  industryCodes: i.industryCodes,
  priorApproval: i.priorApproval,
  highRisk: i.highRisk,
  restriction: i.restriction,
});

const toInput = (r: ItemRow): CatalogItemInput => {
  const p = toProposable(r);
  return { ...p, licensingDepartmentId: p.licensingDepartmentId };
};

export async function removeDraftItem(
  deps: AppDeps,
  actor: Actor | null,
  versionId: number,
  code: string,
): Promise<CatalogVersionDetail> {
  requirePermission(actor, 'dualnotice:catalog:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const v = await lockDraft(trx, versionId);
    const item = await findCatalogItem(trx, versionId, code);
    if (!item) throw notFound(`事项 ${code} `);
    await deleteCatalogItem(trx, item.id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice_catalog.item_remove',
      entityType: 'dual_notice_catalog',
      entityId: versionId,
      summary: `从双告知目录第 ${v.version_no} 版删除事项 ${code} ${item.name}`,
      before: { code, name: item.name },
    });
  });
  return versionDetail(deps, versionId);
}

/** Publishes a draft: from now on it is immutable and used for new registrations. */
export async function publishDraft(
  deps: AppDeps,
  actor: Actor | null,
  versionId: number,
): Promise<CatalogVersionDetail> {
  requirePermission(actor, 'dualnotice:catalog:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const v = await lockDraft(trx, versionId);
    const items = await catalogItemsOf(trx, versionId);
    if (items.length === 0) throw new AppError('VALIDATION', '目录中没有事项，不能发布');
    await publishCatalogVersion(trx, versionId, actor.userId, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice_catalog.publish',
      entityType: 'dual_notice_catalog',
      entityId: versionId,
      summary: `发布双告知事项目录第 ${v.version_no} 版（${items.length} 个事项），此后登记的市场主体按此版本告知`,
      before: { status: '草稿' },
      after: { status: '已发布', items: items.length },
    });
  });
  return versionDetail(deps, versionId);
}

/** The current catalog on the public portal (第七条: scope clear, basis explicit), searchable by name or keyword. */
export async function publicCatalogOf(deps: AppDeps, keyword?: string): Promise<PublicCatalog> {
  const v = await currentPublishedVersion(deps.db);
  if (!v) return { versionNo: null, publishedAt: null, items: [] };
  const name = await namer(deps.db);
  const k = keyword?.trim() ?? '';
  const items = (await catalogItemsOf(deps.db, v.id))
    .map((r) => presentItem(r, name))
    .filter(
      (i) =>
        !k ||
        i.name.includes(k) ||
        i.code.includes(k) ||
        i.licensingDepartment.includes(k) ||
        i.keywords.some((w) => w.includes(k) || k.includes(w)),
    );
  return {
    versionNo: Number(v.version_no),
    publishedAt: iso(v.published_at),
    items: items.map((i) => ({
      code: i.code,
      name: i.name,
      licensingDepartment: i.licensingDepartment,
      supervisingDepartments: i.supervisingDepartments,
      enforcementDepartments: i.enforcementDepartments,
      keywords: i.keywords,
      priorApproval: i.priorApproval,
      highRisk: i.highRisk,
    })),
  };
}
