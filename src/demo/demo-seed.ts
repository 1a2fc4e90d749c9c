import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { subjectValues, validateSubject } from '../subjects/subject.service';
import { listRegisterFlags } from '../key-targets/key-target-listing';
import type { SubjectTable } from '../subjects/subject.table';
import { demoSubjects, districts } from './demo-subjects';
import { loadDivisions } from '../divisions/division.service';
import { seedDemoTags } from './demo-tags';
import { seedDemoItems } from './demo-items';
import { seedDemoFollowUpItems } from './demo-follow-up-items';
import { seedDemoInspectors } from './demo-inspectors';
import { organUscc } from '../shared/uscc';
import { idCardCheckCharacter, maskIdCard } from '../users/id-card';
import { DEMO_DIVISION, DEMO_PASSWORD, demoDepartments, demoUsers } from './demo-departments';

/** A syntactically valid (checksummed) 18-digit ID number for demo people; not a real person's. */
export function demoIdCard(division: string, serial: number): string {
  const first17 = `${division}1980${String(1 + (serial % 12)).padStart(2, '0')}${String(1 + (serial % 28)).padStart(2, '0')}${String(100 + serial).slice(-3)}`;
  return first17 + idCardCheckCharacter(first17);
}

export const DEFAULT_DEMO_SUBJECTS = 20_000;

async function insertDemoSubjects(db: Db, count: number, now: Date): Promise<number> {
  let batch: Insertable<SubjectTable>[] = [];
  let inserted = 0;
  const flush = async () => {
    if (batch.length) await db.insertInto('subjects').values(batch).execute();
    inserted += batch.length;
    batch = [];
  };
  for (const input of demoSubjects(count)) {
    // Demo key targets are flagged here and listed (人工列入, with their reason) by src/demo/demo-key-targets.ts.
    batch.push({
      ...subjectValues(input, validateSubject(input), now),
      key_target: input.keyTarget,
      key_target_reason: input.keyTarget ? input.keyTargetReason : null,
      created_at: now,
    });
    if (batch.length === 1000) await flush();
  }
  await flush();
  return inserted;
}

/**
 * Loads the demo city (日照市) into an empty database: departments, one account per role and
 * `subjects` regulated subjects. Deterministic: the same data every time. Returns false when the
 * database already has departments.
 */
export async function seedDemo(deps: AppDeps, options: { subjects?: number } = {}): Promise<boolean> {
  const subjectCount = options.subjects ?? DEFAULT_DEMO_SUBJECTS;
  const hasDepartments = (db: Db) => db.selectFrom('departments').select('id').limit(1).executeTakeFirst();
  // Every start calls this: skip the deliberately slow password hash when there is nothing to seed.
  if (await hasDepartments(deps.db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    if (await hasDepartments(trx)) return false;
    const now = deps.clock.now();
    await loadDivisions(trx, [
      { code: '370000', name: '山东省', parent_code: null, level: '省' },
      { code: DEMO_DIVISION, name: '日照市', parent_code: '370000', level: '市' },
      ...districts.map((d) => ({ code: d.code, name: d.name, parent_code: DEMO_DIVISION, level: '区县' as const })),
    ]);
    const ids = new Map<string, number>();
    for (const [i, d] of demoDepartments.entries()) {
      const row = await trx
        .insertInto('departments')
        .values({
          name: d.name,
          code: organUscc(DEMO_DIVISION, 1001 + i),
          kind: d.kind,
          division_code: DEMO_DIVISION,
          parent_id: d.parent ? ids.get(d.parent)! : null,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(d.name, row.id);
    }
    for (const [i, u] of demoUsers.entries()) {
      const user = await trx
        .insertInto('users')
        .values({
          username: u.username,
          name: u.name,
          id_card_masked: maskIdCard(demoIdCard(DEMO_DIVISION, i + 1)),
          phone: u.phone,
          department_id: ids.get(u.department)!,
          status: 'active',
          password_hash: passwordHash,
          last_login_at: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('user_roles')
        .values(u.roles.map((role_code) => ({ user_id: user.id, role_code })))
        .execute();
    }
    const subjects = await insertDemoSubjects(trx, subjectCount, now);
    await listRegisterFlags(trx, ids.get('市市场监督管理局') ?? null, now);
    await seedDemoTags(trx, ids, now);
    await seedDemoItems(trx, ids, now);
    await seedDemoFollowUpItems(trx, ids, now);
    await seedDemoInspectors(trx, ids, now);
    await recordAudit(
      trx,
      deps.config.auditHash,
      now,
      { userId: null, name: '系统初始化', departmentId: null, ip: null },
      {
        action: 'demo.seed',
        entityType: 'system',
        summary: `载入演示城市（日照市）：${demoDepartments.length} 个部门、${demoUsers.length} 个账号、${subjects} 个监管对象`,
      },
    );
    return true;
  });
}

/**
 * The local demo's way round the change of password at first login (LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE):
 * called right after the demo city was seeded into an empty database, so every account is a demo account.
 */
export async function skipDemoPasswordChange(db: Db): Promise<void> {
  await db.updateTable('users').set({ must_change_password: false }).execute();
}
