import type { Actor } from '../auth/actor';
import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { RiskLevel } from '../draw/engine/types';
import type { AppDeps } from '../shared/context';
import { unsetOwnedValues } from './subject-field-ownership';
import { writeDepartmentLevels } from './subject-risk-level.repository';
import { assertOwnedChanges } from './subject.service';

/**
 * Sets one department's industry risk level (行业风险等级) on many subjects at once, inside the caller's transaction:
 * the levels an issued risk assessment assessed (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十六条). The same
 * ownership rule as the subject form and the import (src/subjects/subject-field-ownership.ts): the actor may set only
 * the levels of the departments it rates for (403), and only for a department that exists (400). Other departments'
 * levels stay. One audit entry names the source, the count and each subject's change. Returns the subjects changed.
 */
export async function setDepartmentRiskLevels(
  w: { trx: Db; deps: AppDeps; now: Date; who: AuditSubject },
  actor: Actor,
  department: string,
  levels: readonly { subjectId: number; level: RiskLevel }[],
  source: string,
): Promise<number> {
  await assertOwnedChanges(w.trx, actor, unsetOwnedValues, {
    ...unsetOwnedValues,
    industryRisk: { [department]: levels[0]?.level ?? '低' },
  });
  const changed = await writeDepartmentLevels(
    w.trx,
    department,
    levels.map((l) => l.subjectId),
    levels.map((l) => l.level),
    w.now,
  );
  const after = new Map(levels.map((l) => [l.subjectId, l.level]));
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'subject.risk_levels',
    entityType: 'subject',
    entityId: null,
    summary: `${source}：设置${department}的行业风险等级，${levels.length} 个监管对象，其中 ${changed.length} 个有变化`,
    after: {
      department,
      changes: changed.map((c) => ({ subjectId: c.id, from: c.before, to: after.get(c.id) })),
    },
  });
  return changed.length;
}
