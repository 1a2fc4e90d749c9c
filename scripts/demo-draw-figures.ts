/**
 * `npx tsx scripts/demo-draw-figures.ts` — the demo city (20,000 subjects, in memory) drawn once
 * with every published sampling item, as the joint-meeting office would: visits with merging
 * against visits without, and the share of joint visits. Figures only.
 */
import type { Actor } from '../src/auth/actor';
import { loadConfig } from '../src/config';
import { seedDemo } from '../src/demo/demo-seed';
import { drawReview } from '../src/draw/draw-review.service';
import { commitRound, runRoundDraw } from '../src/draw/draw.service';
import { openPlatform } from '../src/platform';

const platform = await openPlatform(loadConfig({ LIANJIAN_DATA_DIR: 'memory://' }));
try {
  const { deps } = platform;
  await seedDemo(deps);
  const user = await deps.db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.department_id', 'd.name'])
    .where('u.username', '=', 'lianxi')
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: user.id,
    username: 'lianxi',
    name: '联席办',
    departmentId: user.department_id,
    departmentName: user.name,
    roles: [
      {
        code: 'joint_office',
        name: '联席会议办公室',
        dataScope: 'all',
        permissions: ['draw:round:read', 'draw:round:write'],
      },
    ],
    sessionId: 'figures',
    sessionKind: 'api',
    ip: null,
  };
  const items = await deps.db
    .selectFrom('sampling_items')
    .select(['id', 'department_id'])
    .where('published', '=', true)
    .where('status', '=', '有效')
    .execute();
  // Committed the morning before the window opens, the lottery drawn that evening, the draw an hour later.
  const atChinaTime = (instant: string) => ({ ...deps, clock: { now: () => new Date(instant) } });
  for (const design of ['fixed', 'poisson'] as const) {
    const eve = design === 'fixed' ? '2026-11-30' : '2027-03-31';
    const round = await commitRound(atChinaTime(`${eve}T09:00:00+08:00`), actor, {
      title: `演示城市全部已公布事项（${design === 'fixed' ? '固定样本量' : '泊松'}）`,
      year: design === 'fixed' ? 2026 : 2027,
      roundIndex: 1,
      roundsInYear: 1,
      window: design === 'fixed' ? { from: '2026-12-01', to: '2026-12-31' } : { from: '2027-04-01', to: '2027-06-30' },
      samplingItemIds: items.map((i) => i.id),
      design,
      hash: 'sha256',
      entropy: { kind: 'lottery', description: '演示：三组开奖号码', sources: 3, drawsAt: `${eve}T21:15:00+08:00` },
    });
    const t0 = performance.now();
    const record = await runRoundDraw(atChinaTime(`${eve}T22:15:00+08:00`), actor, round.roundNo, {
      reveal: { kind: 'lottery', keyString: '9319./2.5.8.10.12./9.18.26.34.41.45./' },
      redrawReason: null,
    });
    const ms = performance.now() - t0;
    const review = await drawReview(deps, actor, record.recordNo);
    const v = review.visits;
    console.log(
      `\n== ${round.title}：${items.length} 个事项，${new Set(items.map((i) => i.department_id)).size} 个部门，框架 ${v.frameSubjects.toLocaleString()} 户，抽取用时 ${(ms / 1000).toFixed(2)} s ==`,
    );
    console.log(
      `入户（合并后）${v.merged.toLocaleString()}；不合并（各事项分别入户）${v.unmergedSelections.toLocaleString()}，少 ${((1 - v.merged / v.unmergedSelections) * 100).toFixed(1)}%`,
    );
    console.log(
      `独立抽取期望 ${v.independentExpected.toLocaleString()}；下界 Σmaxπ ${v.lowerBound.toLocaleString()}（比值 ${(v.merged / v.lowerBound).toFixed(3)}）`,
    );
    console.log(
      `联合检查 ${review.joint.tasks.toLocaleString()} 个，占 ${(review.joint.share * 100).toFixed(1)}%；按部门数：${review.departmentsPerTask.map((d) => `${d.departments} 个部门 ${d.tasks}`).join('，')}`,
    );
    console.log(
      `未配齐人员 ${review.unstaffed}；人员负荷 ${review.inspectorLoad.min}/${review.inspectorLoad.median}/${review.inspectorLoad.max}`,
    );
  }
} finally {
  await platform.close();
}
