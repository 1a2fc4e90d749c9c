import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { isPermission, permissionCatalog } from '../auth/permissions';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import {
  countRoleUsers,
  findRole,
  findRolesByCode,
  insertRole,
  listRolesWithUserCount,
  roleNameTaken,
  updateRole,
} from './role.repository';
import type { RoleCreate, RoleInput, RoleView } from './role.schemas';
import type { RoleRow } from './role.table';

function assertPermissions(codes: string[]): void {
  const unknown = codes.filter((c) => !isPermission(c));
  if (unknown.length > 0)
    throw new AppError('VALIDATION', `未知的权限：${unknown.join('、')}`, [
      { field: 'permissions', message: '含未知权限' },
    ]);
}

// Role definitions apply to every department, so changing them needs the all-departments scope.
function requireRoleAdmin(actor: Actor): void {
  requirePermission(actor, 'system:role:write');
  if (scopeOf(actor, 'system:role:write') !== 'all') throw forbidden('只有平台管理员可以修改角色');
}

const present = (row: RoleRow, userCount: number): RoleView => ({
  code: row.code,
  name: row.name,
  description: row.description,
  dataScope: row.data_scope,
  permissions: row.permissions,
  builtin: row.builtin,
  userCount,
});

const auditView = (r: RoleInput) => ({
  name: r.name,
  description: r.description,
  dataScope: r.dataScope,
  permissions: [...r.permissions].sort(),
});

export async function listRoles(deps: AppDeps, actor: Actor): Promise<RoleView[]> {
  requirePermission(actor, 'system:role:read');
  const rows = await listRolesWithUserCount(deps.db);
  return rows.map((r) => present(r, Number(r.user_count ?? 0)));
}

export const listPermissions = () => permissionCatalog.map((p) => ({ ...p }));

async function assertNameFree(db: Db, name: string, exceptCode?: string): Promise<void> {
  if (await roleNameTaken(db, name, exceptCode))
    throw new AppError('CONFLICT', `角色名称“${name}”已存在`, [{ field: 'name', message: '重复' }]);
}

export async function createRole(deps: AppDeps, actor: Actor, input: RoleCreate): Promise<RoleView> {
  requireRoleAdmin(actor);
  assertPermissions(input.permissions);
  return deps.db.transaction().execute(async (trx) => {
    if (await findRole(trx, input.code)) {
      throw new AppError('CONFLICT', `角色编码 ${input.code} 已存在`, [{ field: 'code', message: '重复' }]);
    }
    await assertNameFree(trx, input.name);
    const now = deps.clock.now();
    const row = await insertRole(trx, {
      code: input.code,
      name: input.name,
      description: input.description,
      data_scope: input.dataScope,
      permissions: input.permissions,
      builtin: false,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'role.create',
      entityType: 'role',
      entityId: row.code,
      summary: `新增角色“${row.name}”`,
      after: auditView(input),
    });
    return present(row, 0);
  });
}

export async function changeRole(deps: AppDeps, actor: Actor, code: string, input: RoleInput): Promise<RoleView> {
  requireRoleAdmin(actor);
  assertPermissions(input.permissions);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findRole(trx, code);
    if (!before) throw notFound('角色');
    if (code === 'platform_admin' && !input.permissions.includes('system:role:write')) {
      throw new AppError('VALIDATION', '平台管理员角色必须保留“修改角色”权限，否则将无人能再管理角色');
    }
    await assertNameFree(trx, input.name, code);
    const now = deps.clock.now();
    const row = await updateRole(trx, code, {
      name: input.name,
      description: input.description,
      data_scope: input.dataScope,
      permissions: input.permissions,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'role.update',
      entityType: 'role',
      entityId: code,
      summary: `修改角色“${row.name}”的权限或数据范围`,
      before: auditView({
        name: before.name,
        description: before.description,
        dataScope: before.data_scope,
        permissions: before.permissions,
      }),
      after: auditView(input),
    });
    return present(row, await countRoleUsers(trx, code));
  });
}

/** The roles with these codes (unknown codes are simply absent), for checks by other capabilities. */
export const rolesByCode = (db: Db, codes: string[]): Promise<RoleRow[]> => findRolesByCode(db, codes);
