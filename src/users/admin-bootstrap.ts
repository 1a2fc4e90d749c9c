import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { organUscc } from '../shared/uscc';
import { createPlatformDepartment } from '../departments/department.service';
import type { AppDeps } from '../shared/context';
import { anyUserExists, insertUser, replaceUserRoles } from './user.repository';

/**
 * On a database with no users and no demo data: one 平台管理 department and an `admin` account with a
 * random password, returned once so the start command can print it. Returns null when users exist.
 */
export async function bootstrapAdmin(deps: AppDeps): Promise<{ username: string; password: string } | null> {
  const password = `Lj#${randomBytes(9).toString('base64url')}`;
  const hash = await hashPassword(password);
  return deps.db.transaction().execute(async (trx) => {
    if (await anyUserExists(trx)) return null;
    const now = deps.clock.now();
    const department = await createPlatformDepartment(trx, organUscc('000000', 1), now);
    const user = await insertUser(trx, {
      username: 'admin',
      name: '平台管理员',
      id_card_masked: '未登记',
      phone: '00000000000',
      department_id: department.id,
      status: 'active',
      password_hash: hash,
      must_change_password: true,
      last_login_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await replaceUserRoles(trx, user.id, ['platform_admin']);
    await recordAudit(
      trx,
      deps.config.auditHash,
      now,
      { userId: null, name: '系统初始化', departmentId: null, ip: null },
      {
        action: 'system.bootstrap',
        entityType: 'user',
        entityId: user.id,
        summary: '创建初始平台管理员 admin（请登录后修改部门信息与密码）',
      },
    );
    return { username: 'admin', password };
  });
}
