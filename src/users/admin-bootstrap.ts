import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { organUscc } from '../demo/demo-seed';
import type { AppDeps } from '../shared/context';

/**
 * On a database with no users and no demo data: one 平台管理 department and an `admin` account with a
 * random password, returned once so the start command can print it. Returns null when users exist.
 */
export async function bootstrapAdmin(deps: AppDeps): Promise<{ username: string; password: string } | null> {
  const password = `Lj#${randomBytes(9).toString('base64url')}`;
  const hash = await hashPassword(password);
  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
    const now = deps.clock.now();
    const department = await trx
      .insertInto('departments')
      .values({
        name: '平台管理部门',
        code: organUscc('000000', 1),
        kind: '平台管理',
        division_code: '000000',
        parent_id: null,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('users')
      .values({
        username: 'admin',
        name: '平台管理员',
        id_card_masked: '未登记',
        phone: '00000000000',
        department_id: department.id,
        status: 'active',
        password_hash: hash,
        locked_until: null,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_roles').values({ user_id: user.id, role_code: 'platform_admin' }).execute();
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
