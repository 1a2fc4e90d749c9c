import { type Actor, departmentFilter, requireDepartmentScope, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import {
  ancestorIds,
  findDepartment,
  findDepartmentClash,
  insertDepartment,
  listDepartmentOptions,
  listDepartmentStates,
  listDepartments,
  presentDepartment,
  updateDepartment,
} from './department.repository';
import type { DepartmentRow } from './department.table';
import type { DepartmentInput, DepartmentListQuery, DepartmentUpdate, DepartmentView } from './department.schemas';

async function assertUnique(db: Db, input: DepartmentInput, exceptId?: number): Promise<void> {
  const clash = await findDepartmentClash(db, input.name, input.code, exceptId);
  if (!clash) return;
  const field = clash.name === input.name ? 'name' : 'code';
  throw new AppError(
    'CONFLICT',
    field === 'name' ? `部门名称“${input.name}”已存在` : `统一社会信用代码 ${input.code} 已被“${clash.name}”使用`,
    [{ field, message: '与已有部门重复' }],
  );
}

async function assertParent(db: Db, parentId: number | null, selfId?: number): Promise<void> {
  if (parentId === null) return;
  if (!(await findDepartment(db, parentId)))
    throw new AppError('VALIDATION', '上级部门不存在', [{ field: 'parentId', message: '上级部门不存在' }]);
  if (selfId !== undefined && (await ancestorIds(db, parentId)).includes(selfId)) {
    throw new AppError('VALIDATION', '上级部门不能是本部门或其下级部门', [{ field: 'parentId', message: '形成循环' }]);
  }
}

const auditView = (d: ReturnType<typeof presentDepartment>) => ({
  name: d.name,
  code: d.code,
  kind: d.kind,
  divisionCode: d.divisionCode,
  parentId: d.parentId,
  status: d.status,
});

export async function createDepartment(deps: AppDeps, actor: Actor, input: DepartmentInput) {
  requirePermission(actor, 'system:department:write');
  if (scopeOf(actor, 'system:department:write') !== 'all') throw forbidden('只有平台管理员可以新增部门');
  return deps.db.transaction().execute(async (trx) => {
    await assertUnique(trx, input);
    await assertParent(trx, input.parentId);
    const now = deps.clock.now();
    const row = await insertDepartment(trx, {
      name: input.name,
      code: input.code,
      kind: input.kind,
      division_code: input.divisionCode,
      parent_id: input.parentId,
      status: 'active',
      created_at: now,
      updated_at: now,
    });
    const view = presentDepartment(row);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'department.create',
      entityType: 'department',
      entityId: row.id,
      summary: `新增部门“${row.name}”`,
      after: auditView(view),
    });
    return view;
  });
}

export async function changeDepartment(deps: AppDeps, actor: Actor, id: number, input: DepartmentUpdate) {
  requirePermission(actor, 'system:department:write');
  requireDepartmentScope(actor, 'system:department:write', id);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findDepartment(trx, id);
    if (!before) throw notFound('部门');
    await assertUnique(trx, input, id);
    await assertParent(trx, input.parentId, id);
    const now = deps.clock.now();
    const row = await updateDepartment(trx, id, {
      name: input.name,
      code: input.code,
      kind: input.kind,
      division_code: input.divisionCode,
      parent_id: input.parentId,
      status: input.status,
      updated_at: now,
    });
    const view = presentDepartment(row);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'department.update',
      entityType: 'department',
      entityId: id,
      summary: `修改部门“${row.name}”`,
      before: auditView(presentDepartment(before)),
      after: auditView(view),
    });
    return view;
  });
}

export async function searchDepartments(
  deps: AppDeps,
  actor: Actor,
  query: DepartmentListQuery,
): Promise<Page<DepartmentView>> {
  requirePermission(actor, 'system:department:read');
  return listDepartments(deps.db, query, departmentFilter(actor, 'system:department:read'));
}

/** Every active department, for pickers: names are not confidential inside the platform. */
export const departmentOptions = (deps: AppDeps) => listDepartmentOptions(deps.db);

/** One department by id, for other capabilities' checks (for example whether users may be added under it). */
export const departmentById = (db: Db, id: number): Promise<DepartmentRow | undefined> => findDepartment(db, id);

/** The platform-management department of an empty installation, created inside the caller's transaction. */
export async function createPlatformDepartment(trx: Db, code: string, now: Date): Promise<DepartmentRow> {
  return insertDepartment(trx, {
    name: '平台管理部门',
    code,
    kind: '平台管理',
    division_code: '000000',
    parent_id: null,
    status: 'active',
    created_at: now,
    updated_at: now,
  });
}

/** Every department's id, name and status (active or not), for imports that resolve department names. */
export const departmentList = (db: Db) => listDepartmentStates(db);
