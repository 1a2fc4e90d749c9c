import { allPermissions, builtinRoles } from '../auth/permissions';
import type { HashAlgorithm } from '../audit/audit.table';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import {
  grantRolePermissions,
  insertKnownPermissions,
  insertRoles,
  knownPermissionCodes,
  roleCodes,
} from './role.repository';

/**
 * Makes sure every built-in role exists, and grants permissions introduced by a newer version to the
 * built-in roles that have them by default. Permissions an administrator removed earlier stay removed.
 */
export async function ensureBuiltinRoles(db: Db, now: Date, auditHash: HashAlgorithm): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = new Set(await roleCodes(trx));
    const missing = builtinRoles.filter((r) => !existing.has(r.code));
    await insertRoles(
      trx,
      missing.map((r) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        data_scope: r.dataScope,
        permissions: r.permissions,
        builtin: true,
        created_at: now,
        updated_at: now,
      })),
    );
    const known = new Set(await knownPermissionCodes(trx));
    const introduced = allPermissions.filter((p) => !known.has(p));
    if (introduced.length === 0) return;
    for (const role of builtinRoles.filter((r) => existing.has(r.code))) {
      const grant = role.permissions.filter((p) => introduced.includes(p));
      if (grant.length === 0) continue;
      await grantRolePermissions(trx, role.code, grant, now);
      await recordAudit(
        trx,
        auditHash,
        now,
        { userId: null, name: '系统升级', departmentId: null, ip: null },
        {
          action: 'role.upgrade',
          entityType: 'role',
          entityId: role.code,
          summary: `新版本为内置角色“${role.name}”增加权限：${grant.join('、')}`,
        },
      );
    }
    await insertKnownPermissions(trx, introduced);
  });
}
