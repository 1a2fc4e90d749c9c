import { sql } from 'kysely';
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { RoleRow, RoleTable } from './role.table';

/** Every role with how many users hold it; built-in roles first. */
export const listRolesWithUserCount = (db: Db) =>
  db
    .selectFrom('roles as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('user_roles as ur')
        .whereRef('ur.role_code', '=', 'r.code')
        .select(eb.fn.countAll<number>().as('n'))
        .as('user_count'),
    )
    .orderBy('r.builtin', 'desc')
    .orderBy('r.created_at')
    .execute();

export const findRole = (db: Db, code: string): Promise<RoleRow | undefined> =>
  db.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();

export const findRolesByCode = (db: Db, codes: string[]): Promise<RoleRow[]> =>
  codes.length ? db.selectFrom('roles').selectAll().where('code', 'in', codes).execute() : Promise.resolve([]);

export async function roleNameTaken(db: Db, name: string, exceptCode?: string): Promise<boolean> {
  let q = db.selectFrom('roles').select('code').where('name', '=', name);
  if (exceptCode) q = q.where('code', '!=', exceptCode);
  return (await q.executeTakeFirst()) !== undefined;
}

export const insertRole = (db: Db, values: Insertable<RoleTable>): Promise<RoleRow> =>
  db.insertInto('roles').values(values).returningAll().executeTakeFirstOrThrow();

export async function insertRoles(db: Db, values: Insertable<RoleTable>[]): Promise<void> {
  if (values.length > 0) await db.insertInto('roles').values(values).execute();
}

export const updateRole = (db: Db, code: string, values: Updateable<RoleTable>): Promise<RoleRow> =>
  db.updateTable('roles').set(values).where('code', '=', code).returningAll().executeTakeFirstOrThrow();

export async function countRoleUsers(db: Db, code: string): Promise<number> {
  const count = await db
    .selectFrom('user_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role_code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

export async function roleCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('roles').select('code').execute()).map((r) => r.code);
}

/** Adds permissions to a role's set, keeping it sorted and without duplicates. */
export async function grantRolePermissions(db: Db, code: string, grant: string[], now: Date): Promise<void> {
  await db
    .updateTable('roles')
    .set({
      permissions: sql<
        string[]
      >`(SELECT array_agg(DISTINCT p ORDER BY p) FROM unnest(permissions || ${grant}::text[]) AS p)`,
      updated_at: now,
    })
    .where('code', '=', code)
    .execute();
}

export async function knownPermissionCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('known_permissions').select('code').execute()).map((r) => r.code);
}

export async function insertKnownPermissions(db: Db, codes: string[]): Promise<void> {
  await db
    .insertInto('known_permissions')
    .values(codes.map((code) => ({ code })))
    .execute();
}
