import { type Actor, departmentFilter, requireDepartmentScope, requirePermission, scopeOf } from '../auth/actor';
import { clearLoginCounts } from '../auth/login.service';
import { assertStrongPassword, hashPassword, verifyPassword } from '../auth/password';
import { endUserSessions } from '../auth/session.service';
import { departmentById } from '../departments/department.service';
import { rolesByCode } from '../roles/role.service';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { maskIdCard } from './id-card';
import {
  findUser,
  insertUser,
  listUsers,
  replaceUserRoles,
  roleCodesOf,
  setUserFields,
  updateUser,
  usernameTaken,
} from './user.repository';
import type { UserCreate, UserListQuery, UserUpdate, UserView } from './user.schemas';
import type { UserRow } from './user.table';

/**
 * A department-scoped administrator may hand out only department-scoped roles whose permissions
 * they hold themselves; otherwise they could raise a user (or themselves) above their own rights.
 */
async function assertAssignableRoles(db: Db, actor: Actor, roleCodes: string[]): Promise<void> {
  const roles = await rolesByCode(db, roleCodes);
  const missing = roleCodes.filter((c) => !roles.some((r) => r.code === c));
  if (missing.length)
    throw new AppError('VALIDATION', `角色不存在：${missing.join('、')}`, [
      { field: 'roleCodes', message: '含不存在的角色' },
    ]);
  if (scopeOf(actor, 'system:user:write') === 'all') return;
  const own = new Set(actor.roles.flatMap((r) => r.permissions));
  const tooStrong = roles.filter((r) => r.data_scope === 'all' || r.permissions.some((p) => !own.has(p)));
  if (tooStrong.length) throw forbidden(`不能分配超出自身权限的角色：${tooStrong.map((r) => r.name).join('、')}`);
}

async function assertDepartment(db: Db, departmentId: number): Promise<void> {
  const d = await departmentById(db, departmentId);
  if (!d) throw new AppError('VALIDATION', '部门不存在', [{ field: 'departmentId', message: '部门不存在' }]);
  if (d.status !== 'active')
    throw new AppError('VALIDATION', '部门已停用，不能在其下添加用户', [
      { field: 'departmentId', message: '部门已停用' },
    ]);
}

const auditView = (u: UserRow, roleCodes: string[]) => ({
  username: u.username,
  name: u.name,
  idCardMasked: u.id_card_masked,
  phone: u.phone,
  departmentId: u.department_id,
  status: u.status,
  roles: roleCodes,
});

async function loadView(db: Db, id: number): Promise<UserView> {
  const [user] = (await listUsers(db, { page: 1, pageSize: 1 }, null, id)).items;
  if (!user) throw notFound('用户');
  return user;
}

export async function searchUsers(deps: AppDeps, actor: Actor, query: UserListQuery): Promise<Page<UserView>> {
  requirePermission(actor, 'system:user:read');
  return listUsers(deps.db, query, departmentFilter(actor, 'system:user:read'));
}

export async function createUser(deps: AppDeps, actor: Actor, input: UserCreate): Promise<UserView> {
  requirePermission(actor, 'system:user:write');
  requireDepartmentScope(actor, 'system:user:write', input.departmentId);
  assertStrongPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    await assertDepartment(trx, input.departmentId);
    await assertAssignableRoles(trx, actor, input.roleCodes);
    if (await usernameTaken(trx, input.username)) {
      throw new AppError('CONFLICT', `用户名 ${input.username} 已被使用`, [{ field: 'username', message: '重复' }]);
    }
    const now = deps.clock.now();
    const row = await insertUser(trx, {
      username: input.username,
      name: input.name,
      id_card_masked: maskIdCard(input.idCard),
      phone: input.phone,
      department_id: input.departmentId,
      status: 'active',
      password_hash: passwordHash,
      // The administrator chose this password: the user replaces it at the first login.
      must_change_password: true,
      last_login_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await replaceUserRoles(trx, row.id, input.roleCodes);
    // Failed logins a guesser made under this name before it existed do not carry over.
    await clearLoginCounts(trx, row.username);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      summary: `新增用户 ${row.name}（${row.username}）`,
      after: auditView(row, [...input.roleCodes].sort()),
    });
    return loadView(trx, row.id);
  });
}

/** Loads a user the actor may administer: in scope both for the user's current department and, on a move, the new one. */
async function userInScope(db: Db, actor: Actor, id: number): Promise<UserRow> {
  const user = await findUser(db, id);
  if (!user) throw notFound('用户');
  requireDepartmentScope(actor, 'system:user:write', user.department_id);
  return user;
}

export async function changeUser(deps: AppDeps, actor: Actor, id: number, input: UserUpdate): Promise<UserView> {
  requirePermission(actor, 'system:user:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await userInScope(trx, actor, id);
    requireDepartmentScope(actor, 'system:user:write', input.departmentId);
    if (input.departmentId !== before.department_id) await assertDepartment(trx, input.departmentId);
    await assertAssignableRoles(trx, actor, input.roleCodes);
    if (id === actor.userId && input.status === 'disabled') throw new AppError('VALIDATION', '不能停用自己的账号');
    const beforeRoles = await roleCodesOf(trx, id);
    const now = deps.clock.now();
    const row = await updateUser(trx, id, {
      name: input.name,
      phone: input.phone,
      department_id: input.departmentId,
      status: input.status,
      updated_at: now,
      ...(input.idCard ? { id_card_masked: maskIdCard(input.idCard) } : {}),
    });
    await replaceUserRoles(trx, id, input.roleCodes);
    // A disabled account or changed rights take effect at once: end the user's browser sessions.
    if (input.status === 'disabled') await endUserSessions(trx, id, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      summary: `修改用户 ${row.name}（${row.username}）`,
      before: auditView(before, beforeRoles),
      after: auditView(row, [...input.roleCodes].sort()),
    });
    return loadView(trx, id);
  });
}

/**
 * An administrator sets a new password (not the current one): the user must change it at the next
 * login, their browser sessions end, and a lock-out on the account is lifted.
 */
export async function resetPassword(deps: AppDeps, actor: Actor, id: number, password: string): Promise<void> {
  requirePermission(actor, 'system:user:write');
  const target = await userInScope(deps.db, actor, id);
  assertStrongPassword(password, target.username);
  if (await verifyPassword(password, target.password_hash))
    throw new AppError('VALIDATION', '新密码不能与当前密码相同', [{ field: 'password', message: '与当前密码相同' }]);
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await setUserFields(trx, id, {
      password_hash: hash,
      password_changed_at: now,
      must_change_password: true,
      updated_at: now,
    });
    await clearLoginCounts(trx, target.username);
    await endUserSessions(trx, id, now, 'browser');
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'user.reset_password',
      entityType: 'user',
      entityId: id,
      summary: `重置用户 ${target.name}（${target.username}）的密码`,
    });
  });
}

/** Lifts the account's lock and every address's back-off for it. */
export async function unlockUser(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'system:user:write');
  const target = await userInScope(deps.db, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await clearLoginCounts(trx, target.username);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      summary: `解锁用户 ${target.name}（${target.username}）`,
    });
  });
}
