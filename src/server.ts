import { seedDemoActivity } from './demo/demo-activity';
import { seedDemo, skipDemoPasswordChange } from './demo/demo-seed';
import { DEMO_PASSWORD } from './demo/demo-departments';
import type { AppConfig } from './config';
import { buildApp } from './http/app';
import { recoverImportJobs } from './imports/import-recovery.service';
import { openPlatform, type Platform } from './platform';
import { demoSnapshotRefusal, openOnDemoSnapshot } from './demo/demo-snapshot';
import { bootstrapAdmin } from './users/admin-bootstrap';

/** The reminders and daily jobs catch up this long after the start, once the first pages are answered. */

/**
 * Starts the platform: database, migrations, demo city when empty, API and web app in one process.
 * `demoActivity` (default true): right after seeding the demo city, also carry a drawn round through inspections.
 */
export async function startServer(
  config: AppConfig,
  options: { demo: boolean; demoActivity?: boolean },
): Promise<void> {
  const started = performance.now();
  const withActivity = options.demo && options.demoActivity !== false;
  // The prebuilt demo city (src/demo/demo-snapshot.ts) when it is exactly today's demo; otherwise seeded below.
  const refusal = withActivity ? demoSnapshotRefusal(config, new Date()) : null;
  let platform: Platform | null = null;
  let snapshot = '';
  if (withActivity && refusal === null) {
    const began = performance.now();
    try {
      platform = await openOnDemoSnapshot(config);
      snapshot = `  已载入预构建的演示城市与演示业务数据（用时 ${((performance.now() - began) / 1000).toFixed(1)} 秒）`;
    } catch (error) {
      console.error('预构建演示库载入失败，改为逐项生成演示数据：', error);
    }
  }
  const loaded = platform !== null;
  platform ??= await openPlatform(config);
  const recovered = await recoverImportJobs(platform.deps);
  const seeded = loaded || (options.demo ? await seedDemo(platform.deps) : false);
  let activity = snapshot;
  if (withActivity && refusal && config.database.kind === 'pglite' && seeded)
    activity = `  未使用预构建演示库：${refusal}`;
  if (seeded && !loaded && options.demoActivity !== false) {
    const began = performance.now();
    try {
      const a = await seedDemoActivity(platform.deps);
      const l = a.lifecycle;
      const others = [
        l.mergedTaskNo && `合并入企 ${l.mergedTaskNo}`,
        l.specialTaskNos.length && `专项检查 ${l.specialTaskNos.length} 个`,
        l.registrationTaskNo && `登记转任务 ${l.registrationTaskNo}`,
      ].filter(Boolean);
      activity = `${activity ? `${activity}\n` : ''}  演示业务数据：${a.tasks} 个抽取任务，其中 ${a.inspected} 已检查、${a.published} 已公示、${a.evaluations} 条评价${others.length ? `；另有${others.join('、')}` : ''}（用时 ${((performance.now() - began) / 1000).toFixed(1)} 秒）`;
    } catch (error) {
      // The demo city is loaded either way; the platform starts without (part of) the demo activity.
      console.error('演示业务数据生成失败（平台照常启动）：', error);
    }
  }
  // Only for a demo city seeded just now: no other account is ever spared the change.
  const skipChange = seeded && config.demoSkipPasswordChange;
  if (skipChange) await skipDemoPasswordChange(platform.deps.db);
  const bootstrapped = options.demo ? null : await bootstrapAdmin(platform.deps);
  const app = await buildApp(platform.deps, {
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    serveWeb: true,
    jobsAfterMs: config.jobsDelaySeconds * 1000,
  });
  await app.listen({ port: config.port, host: config.host });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  platform.database.announce(url);
  const lines = [
    '',
    `联检 跨部门协同监管平台已启动：${url}`,
    `  数据库：${platform.database.kind === 'pglite' ? `嵌入式 PGlite（${platform.database.location}）` : `PostgreSQL（${platform.database.location}）`}`,
    platform.migrationsApplied.length
      ? `  已执行迁移：${platform.migrationsApplied.join('、')}`
      : '  数据库结构已是最新',
    recovered.failedJobs || recovered.removedUploads
      ? `  上次运行中断的导入任务 ${recovered.failedJobs} 个已标为失败，清理遗留上传文件 ${recovered.removedUploads} 个`
      : '',
    seeded ? '  已载入演示城市（日照市）' : '',
    activity,
    options.demo
      ? `  初始管理员：admin / ${DEMO_PASSWORD}（演示账号，${skipChange ? '本机演示免于首次登录改密（LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE=true）' : '首次登录须修改密码'}）`
      : '',
    bootstrapped
      ? `  初始管理员：${bootstrapped.username} / ${bootstrapped.password}（随机生成，仅显示这一次，首次登录须修改密码）`
      : '',
    `  接口文档：${url}api/docs`,
    `  启动用时 ${seconds} 秒，常驻内存 ${rssMb} MB`,
    '',
  ].filter((l) => l !== '');
  console.log(lines.join('\n'));
  const stop = async () => {
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
