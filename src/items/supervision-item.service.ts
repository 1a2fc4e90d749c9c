import type { Insertable } from 'kysely';
import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { departmentById } from '../departments/department.service';
import { describeChange, syncCheckItems } from './check-item-sync';
import {
  type ChangedBy,
  activeSamplingUsersOfItem,
  checkItemOptions,
  findItemByCode,
  findVersion,
  insertItem,
  listVersions,
  loadItemView,
  lockItem,
  searchItems,
  updateItem,
  writeVersion,
} from './supervision-item.repository';
import type {
  CheckItemOption,
  SupervisionItemInput,
  SupervisionItemListQuery,
  SupervisionItemView,
} from './supervision-item.schemas';
import type { SupervisionItemTable } from './supervision-item.table';

export const changedByOf = (actor: Actor): ChangedBy => ({ userId: actor.userId, name: actor.name });
const withNote = (summary: string, note?: string) => (note ? `${summary}（说明：${note}）` : summary);

/** What the audit log keeps of an item: everything a user edits. */
const auditView = (v: SupervisionItemView) => {
  const { id: _id, version: _v, updatedAt: _at, updatedBy: _by, departmentName: _d, checkItems, ...rest } = v;
  return { ...rest, checkItems: checkItems.map(({ id: _cid, sortOrder: _s, ...c }) => c) };
};

function itemValues(
  input: SupervisionItemInput,
  by: ChangedBy,
  now: Date,
): Omit<Insertable<SupervisionItemTable>, 'version' | 'created_at'> {
  return {
    code: input.code,
    name: input.name,
    department_id: input.departmentId,
    legal_basis: input.legalBasis,
    object_type: input.objectType,
    measures: input.measures,
    process: input.process,
    result_handling: input.resultHandling,
    level: input.level,
    responsible_leader: input.responsibleLeader,
    responsible_unit: input.responsibleUnit,
    responsible_person: input.responsiblePerson,
    licence_items: input.licenceItems,
    source: input.source,
    claimed_from: input.source === '认领' ? input.claimedFrom : null,
    status: input.status,
    updated_at: now,
    updated_by: by.userId,
  };
}

/** The item as it would stand after `input`, for telling what changes before writing anything. */
function proposedView(before: SupervisionItemView, input: SupervisionItemInput): SupervisionItemView {
  const { checkItems: _c, expectedVersion: _e, changeNote: _n, departmentId: _d, claimedFrom, ...fields } = input;
  const checkItems = input.checkItems.map((c, i) => ({
    id: before.checkItems.find((b) => b.code === c.code)?.id ?? 0,
    sortOrder: i,
    ...c,
  }));
  return { ...before, ...fields, claimedFrom: input.source === '认领' ? claimedFrom : null, checkItems };
}

/** Refuses an unknown or disabled department as owner of a list entry. */
export async function assertDepartment(db: Db, id: number): Promise<void> {
  const dept = await departmentById(db, id);
  if (dept?.status !== 'active')
    throw new AppError('VALIDATION', '所属部门不存在或已停用', [
      { field: 'departmentId', message: '部门不存在或已停用' },
    ]);
}

async function assertCodeFree(db: Db, code: string, exceptId?: number): Promise<void> {
  const clash = await findItemByCode(db, code);
  if (clash && clash.id !== exceptId)
    throw new AppError('CONFLICT', `监管事项编码 ${code} 已被“${clash.name}”使用`, [
      { field: 'code', message: '编码重复' },
    ]);
}

/** A stopped item must not stay in the frame of an active sampling item. */
async function assertNotSampled(db: Db, itemId: number): Promise<void> {
  const users = await activeSamplingUsersOfItem(db, itemId);
  if (users.length) {
    const message = `本事项的检查子项仍被有效的随机抽查事项${users.map((s) => `“${s.name}”（${s.code}）`).join('、')}关联，不能停用；请先停用该抽查事项或取消关联`;
    throw new AppError('VALIDATION', message, [{ field: 'status', message }]);
  }
}

/** Creates an item with its check items and writes version 1 (also used by the demo seed). */
export async function insertItemWithVersion(
  db: Db,
  input: SupervisionItemInput,
  by: ChangedBy,
  now: Date,
): Promise<SupervisionItemView> {
  const { id } = await insertItem(db, { ...itemValues(input, by, now), version: 1, created_at: now });
  await syncCheckItems(db, id, input.checkItems, now);
  const view = (await loadItemView(db, id))!;
  await writeVersion(
    db,
    view,
    by,
    now,
    withNote(`新建事项，检查实施清单 ${view.checkItems.length} 项`, input.changeNote),
  );
  return view;
}

/**
 * Writes `input` over a locked item as its next version (who, when, what changed) with its check items; the
 * caller has checked scope, department and expected version. When nothing changes nothing is written and
 * `change` is empty. Used by the edit form and by imports.
 */
export async function changeItemWithVersion(
  db: Db,
  locked: { id: number; version: number; status: string },
  input: SupervisionItemInput,
  by: ChangedBy,
  now: Date,
): Promise<{ before: SupervisionItemView; after: SupervisionItemView; change: string }> {
  await assertCodeFree(db, input.code, locked.id);
  if (locked.status === '有效' && input.status === '停用') await assertNotSampled(db, locked.id);
  const before = (await loadItemView(db, locked.id))!;
  const change = describeChange(before, proposedView(before, input));
  if (!change) return { before, after: before, change };
  await updateItem(db, locked.id, { ...itemValues(input, by, now), version: locked.version + 1 });
  await syncCheckItems(db, locked.id, input.checkItems, now);
  const after = (await loadItemView(db, locked.id))!;
  await writeVersion(db, after, by, now, withNote(change, input.changeNote));
  return { before, after, change };
}

export async function listSupervisionItems(deps: AppDeps, actor: Actor, query: SupervisionItemListQuery) {
  requirePermission(actor, 'registry:item:read');
  return searchItems(deps.db, query);
}

export async function getSupervisionItem(deps: AppDeps, actor: Actor, id: number): Promise<SupervisionItemView> {
  requirePermission(actor, 'registry:item:read');
  const view = await loadItemView(deps.db, id);
  if (!view) throw notFound('监管事项');
  return view;
}

export async function createSupervisionItem(
  deps: AppDeps,
  actor: Actor,
  input: SupervisionItemInput,
): Promise<SupervisionItemView> {
  requirePermission(actor, 'registry:item:write');
  requireDepartmentScope(actor, 'registry:item:write', input.departmentId);
  return deps.db.transaction().execute(async (trx) => {
    await assertDepartment(trx, input.departmentId);
    await assertCodeFree(trx, input.code);
    const now = deps.clock.now();
    const view = await insertItemWithVersion(trx, input, changedByOf(actor), now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'supervision_item.create',
      entityType: 'supervision_item',
      entityId: view.id,
      summary: `新增监管事项“${view.name}”（${view.code}），检查实施清单 ${view.checkItems.length} 项`,
      after: auditView(view),
    });
    return view;
  });
}

/**
 * Changes an item and its check implementation list together; each real change becomes a new version
 * (who, when, what changed). A submission that changes nothing writes nothing.
 */
export async function changeSupervisionItem(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: SupervisionItemInput,
): Promise<SupervisionItemView> {
  requirePermission(actor, 'registry:item:write');
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockItem(trx, id);
    if (!locked) throw notFound('监管事项');
    requireDepartmentScope(actor, 'registry:item:write', locked.department_id);
    if (input.departmentId !== locked.department_id) {
      throw new AppError('VALIDATION', '监管事项的所属部门不能修改；职责调整时请停用本事项，由承接部门新建或认领', [
        { field: 'departmentId', message: '所属部门不能修改' },
      ]);
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== locked.version) {
      throw new AppError('CONFLICT', `该事项已被他人修改为第 ${locked.version} 版，请刷新后再修改`, [
        { field: 'expectedVersion', message: `当前为第 ${locked.version} 版` },
      ]);
    }
    const now = deps.clock.now();
    const { before, after, change } = await changeItemWithVersion(trx, locked, input, changedByOf(actor), now);
    if (!change) return after;
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'supervision_item.update',
      entityType: 'supervision_item',
      entityId: id,
      summary: `修改监管事项“${after.name}”（${after.code}），第 ${after.version} 版：${change}`,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function itemVersions(deps: AppDeps, actor: Actor, id: number) {
  requirePermission(actor, 'registry:item:read');
  const versions = await listVersions(deps.db, id);
  if (versions.length === 0) throw notFound('监管事项');
  return versions;
}

export async function itemVersion(deps: AppDeps, actor: Actor, id: number, version: number) {
  requirePermission(actor, 'registry:item:read');
  const found = await findVersion(deps.db, id, version);
  if (!found) throw notFound(`监管事项的第 ${version} 版`);
  return found;
}

/** Check items that sampling items may link (active ones of active supervision items), optionally of one department. */
export async function checkItemChoices(
  deps: AppDeps,
  actor: Actor,
  departmentId: number | null,
): Promise<CheckItemOption[]> {
  requirePermission(actor, 'registry:item:read');
  const options = await checkItemOptions(deps.db, null, departmentId);
  return options.map(({ itemStatus: _s, withdrawn: _w, ...o }) => o);
}
