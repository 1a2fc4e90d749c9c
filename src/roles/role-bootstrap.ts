import { builtinRoles } from '../auth/permissions';
import type { Db } from '../db/database';

/** Makes sure every built-in role exists; roles an administrator has edited are left as they are. */
export async function ensureBuiltinRoles(db: Db, now: Date): Promise<void> {
  const existing = new Set((await db.selectFrom('roles').select('code').execute()).map((r) => r.code));
  const missing = builtinRoles.filter((r) => !existing.has(r.code));
  if (missing.length === 0) return;
  await db
    .insertInto('roles')
    .values(missing.map((r) => ({ code: r.code, name: r.name, description: r.description, data_scope: r.dataScope, permissions: r.permissions, builtin: true, created_at: now, updated_at: now })))
    .execute();
}
