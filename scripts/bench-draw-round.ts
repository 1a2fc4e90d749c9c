/**
 * One full round through the platform's services, in a process of its own (started by bench-draw-service.ts, which
 * has loaded the synthetic city into the scratch database): commitRound then runRoundDraw with persisted tasks, as the
 * joint-meeting office runs them. Reads its settings as JSON on stdin; prints its figures as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Actor } from '../src/auth/actor';
import { loadConfig } from '../src/config';
import { commitRound, runRoundDraw } from '../src/draw/draw.service';
import { openPlatform } from '../src/platform';

export interface RoundFigures {
  commitMs: number;
  drawMs: number;
  commitPhases: Record<string, number>;
  drawPhases: Record<string, number>;
  engine: Record<string, number>;
  persistedTasks: number;
  startRss: number;
  peakRss: number;
  snapshotBytes: number;
  recordBytes: number;
  distinctVisits: number;
  lowerBound: number;
  tasks: number;
  unstaffed: number;
}

interface RoundSettings {
  url: string;
  userId: number;
  departmentId: number;
  departmentName: string;
  itemIds: number[];
}

if (process.argv[1]?.endsWith('bench-draw-round.ts')) {
  const settings = JSON.parse(readFileSync(0, 'utf8')) as RoundSettings;
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const sampler = setInterval(sample, 10);
  const platform = await openPlatform(loadConfig({ DATABASE_URL: settings.url, LIANJIAN_DATA_DIR: 'memory://' }));
  try {
    const startRss = process.memoryUsage().rss;
    peak = startRss;
    const actor: Actor = {
      userId: settings.userId,
      username: 'bench_lianxi',
      name: '基准测试',
      departmentId: settings.departmentId,
      departmentName: settings.departmentName,
      roles: [
        {
          code: 'joint_office',
          name: '联席会议办公室',
          dataScope: 'all',
          permissions: ['draw:round:read', 'draw:round:write'],
        },
      ],
      sessionId: 'bench',
      sessionKind: 'api',
      ip: null,
    };
    // Committed the morning before the window opens, the lottery drawn that evening, the draw an hour later.
    const atChinaTime = (instant: string) => ({ ...platform.deps, clock: { now: () => new Date(instant) } });
    let t = performance.now();
    const round = await commitRound(atChinaTime('2026-03-31T09:00:00+08:00'), actor, {
      title: '基准测试：全市跨部门联合抽查',
      year: 2026,
      roundIndex: 1,
      roundsInYear: 1,
      window: { from: '2026-04-01', to: '2026-06-30' },
      samplingItemIds: settings.itemIds,
      design: 'fixed',
      hash: 'sha256',
      entropy: {
        kind: 'lottery',
        description: '基准测试：三组开奖号码',
        sources: 3,
        drawsAt: '2026-03-31T21:15:00+08:00',
      },
    });
    const commitMs = performance.now() - t;
    t = performance.now();
    const record = await runRoundDraw(atChinaTime('2026-03-31T22:15:00+08:00'), actor, round.roundNo, {
      reveal: { kind: 'lottery', keyString: '9319./2.5.8.10.12./9.18.26.34.41.45./' },
      redrawReason: null,
    });
    const drawMs = performance.now() - t;
    sample();
    const { db } = platform.deps;
    const counted = await sql<{
      tasks: string;
      snapshot: number;
      record: number;
    }>`SELECT (SELECT count(*) FROM inspection_tasks) AS tasks, (SELECT octet_length(frame_snapshot) FROM draw_rounds) AS snapshot, (SELECT octet_length(bundle) FROM draw_records) AS record`.execute(
      db,
    );
    const m = record.measures;
    const figures: RoundFigures = {
      commitMs,
      drawMs,
      commitPhases: round.serviceTimingsMs,
      drawPhases: record.serviceTimingsMs,
      engine: m.timingsMs,
      persistedTasks: Number(counted.rows[0]!.tasks),
      startRss,
      // The kernel's high-water mark for this process: a timer cannot sample during synchronous work.
      peakRss: Math.max(peak, process.resourceUsage().maxRSS * 1024),
      snapshotBytes: counted.rows[0]!.snapshot,
      recordBytes: counted.rows[0]!.record,
      distinctVisits: m.distinctVisits,
      lowerBound: m.lowerBound,
      tasks: m.tasks,
      unstaffed: m.unstaffed,
    };
    console.log(JSON.stringify(figures));
  } finally {
    clearInterval(sampler);
    await platform.close();
  }
}
