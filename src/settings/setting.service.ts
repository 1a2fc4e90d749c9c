import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { readSetting, writeSetting } from './setting.repository';

/**
 * Writes a platform setting and its audit entry in one transaction (the caller has checked the permission):
 * `load` reads the value in force before, `summary` says the change in Chinese.
 */
export async function changeSetting<T extends object>(
  deps: AppDeps,
  actor: Actor,
  change: { key: string; value: T; load: (db: Db) => Promise<T>; summary: (before: T, after: T) => string },
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await change.load(trx);
    const now = deps.clock.now();
    await writeSetting(trx, change.key, change.value, actor.userId, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'setting.update',
      entityType: 'setting',
      entityId: change.key,
      summary: change.summary(before, change.value),
      before: { ...before } as Record<string, unknown>,
      after: { ...change.value } as Record<string, unknown>,
    });
    return change.value;
  });
}

/** A platform setting's stored value (unknown until the caller parses it), or undefined when never set. */
export const settingValue = (db: Db, key: string): Promise<unknown> => readSetting(db, key);
