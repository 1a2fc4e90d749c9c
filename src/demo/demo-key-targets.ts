import type { Actor } from '../auth/actor';
import { addKeyTarget, liftKeyTarget } from '../key-targets/key-target.service';
import type { AppDeps } from '../shared/context';

/** Hand listings the demo departments make, each with its reason (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条（五）). */
const HAND_LISTINGS = [
  { username: 'scjg_admin', industry: '52', reason: '12345 热线多次反映销售过期食品，线索待核实', days: 180 },
  { username: 'scjg_admin', industry: '62', reason: '餐饮油烟及后厨卫生问题被媒体曝光', days: 120 },
  { username: 'yjgl_admin', industry: '26', reason: '危险化学品储存场所周边新建居民区，需提高检查频次', days: null },
  { username: 'yjgl_admin', industry: '30', reason: '粉尘涉爆企业，上一年度隐患整改未完全闭环', days: 365 },
] as const;

const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 重点抽查对象 in the demo city: the register's flags became 人工列入 listings when it was seeded (demo-seed.ts);
 * here the market regulator and the emergency bureau list a few subjects by hand with their reasons, and the market
 * regulator lifts one after a re-inspection. Listings derived from credit records and runs come through the hooks
 * once the credit demos have run.
 */
export async function seedDemoKeyTargets(
  deps: AppDeps,
  actorOf: (username: string) => Promise<Actor>,
): Promise<{ listed: number; lifted: number }> {
  const today = new Date(deps.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const ids: number[] = [];
  for (const h of HAND_LISTINGS) {
    const subject = await deps.db
      .selectFrom('subjects')
      .select('id')
      .where('status', '=', '存续')
      .where('whitelisted', '=', false)
      .where('key_target', '=', false)
      .where((eb) => eb(eb.fn('array_to_string', ['industry_codes', eb.val(',')]), 'like', `${h.industry}%`))
      .orderBy('id')
      .executeTakeFirst();
    if (!subject) continue;
    const k = await addKeyTarget(deps, await actorOf(h.username), {
      subjectId: subject.id,
      reason: h.reason,
      expiresOn: h.days === null ? null : addDays(today, h.days),
      departmentId: null,
    });
    ids.push(k.id);
  }
  if (ids.length > 1)
    await liftKeyTarget(deps, await actorOf('scjg_admin'), ids[1]!, {
      reason: '复查后卫生问题已整改到位，解除重点抽查',
    });
  return { listed: ids.length, lifted: ids.length > 1 ? 1 : 0 };
}
