import { type Actor, requirePermission } from '../auth/actor';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { changeSetting, settingValue } from '../settings/setting.service';
import { classRatios } from './sampling-item.schemas';
import type { ClassRatios } from './sampling-item.table';

export const SAMPLING_DEFAULTS_KEY = 'sampling.defaultRatios';
/** Until the platform admin sets others: within the bands one county published (credit risk classes). */
export const BUILTIN_DEFAULT_RATIOS: ClassRatios = { A: 3, B: 10, C: 30, D: 70 };

/** The ratios a new sampling item gets when it names none. */
export async function defaultRatios(db: Db): Promise<ClassRatios> {
  const stored = classRatios.safeParse(await settingValue(db, SAMPLING_DEFAULTS_KEY));
  return stored.success ? stored.data : { ...BUILTIN_DEFAULT_RATIOS };
}

export async function getSamplingDefaults(deps: AppDeps, actor: Actor): Promise<ClassRatios> {
  requirePermission(actor, 'registry:item:read');
  return defaultRatios(deps.db);
}

const describe = (r: ClassRatios) => `A ${r.A}%、B ${r.B}%、C ${r.C}%、D ${r.D}%`;

/** Platform admin only; applies to sampling items saved from now on (existing items keep their ratios). */
export async function changeSamplingDefaults(deps: AppDeps, actor: Actor, ratios: ClassRatios): Promise<ClassRatios> {
  requirePermission(actor, 'system:setting:write');
  return changeSetting(deps, actor, {
    key: SAMPLING_DEFAULTS_KEY,
    value: ratios,
    load: defaultRatios,
    summary: (before, after) => `修改随机抽查默认比例：${describe(before)} → ${describe(after)}`,
  });
}
