import { z } from 'zod';
import { type Actor, requirePermission } from '../auth/actor';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { readSetting } from './setting.repository';
import { changeSetting } from './setting.service';

export const SUPERVISION_RULES_KEY = 'supervision.rules';

/**
 * The district's supervision rules, set by the platform admin and read by every capability that applies
 * them (registrations, draws, special plans, the subject register, the annual plan).
 */
export const supervisionRules = z.object({
  /** Routine visits one subject may receive in a year (《黄浦区精准高效协同监管实施办法（试行）》第六条: two). */
  routineVisitCap: z.number().int().min(1, '每年日常检查次数上限至少为 1').max(12, '每年日常检查次数上限不超过 12'),
  /** Inspections of the same item on one enterprise in a year (《关于深入推进跨部门综合监管的实施意见》（十一）: once). */
  sameItemCap: z.number().int().min(1, '同一事项每年检查次数上限至少为 1').max(12, '同一事项每年检查次数上限不超过 12'),
  /**
   * The day (MM-DD) the annual routine plan must be published by: 31 March in Huangpu
   * (《黄浦区精准高效协同监管实施办法（试行）》第八条), end of April in Rizhao (《关于深入推进跨部门综合监管的实施意见》（三）).
   */
  annualPlanPublishBy: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '年度计划公布截止日应为 MM-DD，如 03-31'),
});
export type SupervisionRules = z.infer<typeof supervisionRules>;

export const BUILTIN_SUPERVISION_RULES: SupervisionRules = {
  routineVisitCap: 2,
  sameItemCap: 1,
  annualPlanPublishBy: '03-31',
};

/** The rules in force: the stored ones, or the built-in defaults for any never set. */
export async function loadSupervisionRules(db: Db): Promise<SupervisionRules> {
  const stored = supervisionRules.partial().safeParse(await readSetting(db, SUPERVISION_RULES_KEY));
  return { ...BUILTIN_SUPERVISION_RULES, ...(stored.success ? stored.data : {}) };
}

export async function getSupervisionRules(deps: AppDeps, actor: Actor | null): Promise<SupervisionRules> {
  requirePermission(actor, 'plan:plan:read');
  return loadSupervisionRules(deps.db);
}

const describe = (r: SupervisionRules) =>
  `每年日常检查不超过 ${r.routineVisitCap} 次、同一事项每年不超过 ${r.sameItemCap} 次、年度计划于 ${r.annualPlanPublishBy.replace('-', ' 月 ')} 日前公布`;

/** Platform admin only; applies from now on (plans already created keep their deadline). */
export async function changeSupervisionRules(
  deps: AppDeps,
  actor: Actor | null,
  rules: SupervisionRules,
): Promise<SupervisionRules> {
  requirePermission(actor, 'system:setting:write');
  return changeSetting(deps, actor, {
    key: SUPERVISION_RULES_KEY,
    value: rules,
    load: loadSupervisionRules,
    summary: (before, after) => `修改监管规则：${describe(before)} → ${describe(after)}`,
  });
}
