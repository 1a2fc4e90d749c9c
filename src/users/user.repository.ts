import type { Db } from '../db/database';
import { type Page, likeContains, offsetOf } from '../shared/paging';
import type { UserListQuery, UserView } from './user.schemas';
import type { UserRow, UserTable } from './user.table';
import type { Insertable, Updateable } from 'kysely';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Users with department name and roles, as the API shows them. `scopeDepartmentId` is the data scope
 * (null = all departments); `onlyUserId` narrows to one user.
 */
export async function listUsers(
  db: Db,
  query: UserListQuery,
  scopeDepartmentId: number | null,
  onlyUserId?: number,
): Promise<Page<UserView>> {
  let base = db.selectFrom('users as u');
  if (onlyUserId !== undefined) base = base.where('u.id', '=', onlyUserId);
  if (query.q)
    base = base.where((eb) =>
      eb.or([eb('u.name', 'like', likeContains(query.q!)), eb('u.username', 'like', likeContains(query.q!))]),
    );
  if (query.departmentId) base = base.where('u.department_id', '=', query.departmentId);
  if (scopeDepartmentId !== null) base = base.where('u.department_id', '=', scopeDepartmentId);
  if (query.roleCode) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as ur')
          .whereRef('ur.user_id', '=', 'u.id')
          .where('ur.role_code', '=', query.roleCode!),
      ),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    // A lock is kept by user name in the auth capability's counts (src/auth/login-throttle.ts).
    .leftJoin('login_lockouts as l', 'l.username', 'u.username')
    .select([
      'u.id',
      'u.username',
      'u.name',
      'u.id_card_masked',
      'u.phone',
      'u.department_id',
      'u.status',
      'l.locked_at',
      'u.must_change_password',
      'u.last_login_at',
      'u.created_at',
      'd.name as department_name',
    ])
    .orderBy('u.id')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  const roles = await rolesOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      name: r.name,
      idCardMasked: r.id_card_masked,
      phone: r.phone,
      departmentId: r.department_id,
      departmentName: r.department_name,
      roles: roles.get(r.id) ?? [],
      status: r.status,
      lockedAt: iso(r.locked_at),
      mustChangePassword: r.must_change_password,
      lastLoginAt: iso(r.last_login_at),
      createdAt: r.created_at.toISOString(),
    })),
  };
}

export async function rolesOfUsers(db: Db, userIds: number[]) {
  const map = new Map<number, { code: string; name: string }[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.code', 'ur.role_code')
    .select(['ur.user_id', 'r.code', 'r.name'])
    .where('ur.user_id', 'in', userIds)
    .orderBy('r.code')
    .execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), { code: r.code, name: r.name }]);
  return map;
}

export const findUser = (db: Db, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findUserByUsername = (db: Db, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export async function replaceUserRoles(db: Db, userId: number, roleCodes: string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roleCodes.length > 0)
    await db
      .insertInto('user_roles')
      .values(roleCodes.map((role_code) => ({ user_id: userId, role_code })))
      .execute();
}

export async function roleCodesOf(db: Db, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select('role_code')
    .where('user_id', '=', userId)
    .orderBy('role_code')
    .execute();
  return rows.map((r) => r.role_code);
}

export async function anyUserExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export const insertUser = (db: Db, values: Insertable<UserTable>): Promise<UserRow> =>
  db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();

export const updateUser = (db: Db, id: number, values: Updateable<UserTable>): Promise<UserRow> =>
  db.updateTable('users').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function setUserFields(db: Db, id: number, values: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function activeUserIdsWithRole(db: Db, roleCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .select('u.id')
    .where('ur.role_code', '=', roleCode)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}
