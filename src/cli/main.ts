import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import { writeCheckpoint } from '../audit/audit-checkpoint.service';
import { verifyAuditLog } from '../audit/audit-verify.service';
import { addWorkingDays, countWorkingDays, loadCalendarYear } from '../calendar/calendar.service';
import { ConfigError, loadConfig } from '../config';
import { DEFAULT_DEMO_SUBJECTS, seedDemo } from '../demo/demo-seed';
import { buildDemoSnapshot, demoSnapshotDir } from '../demo/demo-snapshot';
import { parseDivisionCsv } from '../divisions/division-file';
import { loadDivisions } from '../divisions/division.service';
import { openPlatform, type Platform } from '../platform';
import { startServer } from '../server';
import { AppError } from '../shared/app-error';
import { checkUscc } from '../shared/uscc';
import { registerBackupCommands } from './db-command';
import { registerDrawCommands } from './draw-command';
import { registerImportCommands } from './import-command';
import { registerReminderCommands } from './reminders-command';
import { registerCreditRecordCommands } from './credit-records-command';

const cliSubject = { userId: null, name: '命令行', departmentId: null, ip: null };

/** Runs `work` against an opened platform and always closes it; the exit code is what `work` returns. */
async function withPlatform(work: (platform: Platform) => Promise<number | void>): Promise<void> {
  const platform = await openPlatform(loadConfig());
  try {
    process.exitCode = (await work(platform)) ?? 0;
  } finally {
    await platform.close();
  }
}

const program = new Command('lianjian').description('联检 跨部门协同监管平台').showHelpAfterError();

program
  .command('start')
  .description('启动平台（数据库迁移、空库时载入演示城市、API 与网页）')
  .option('--no-demo', '空库时不载入演示数据')
  .option(
    '--no-demo-activity',
    '载入演示城市时不生成演示业务数据（抽取、检查、公示、评价、合并入企、专项检查、提前登记）；也可设 LIANJIAN_DEMO_ACTIVITY=false',
  )
  .action(async (opts: { demo: boolean; demoActivity: boolean }) => {
    await startServer(loadConfig(), {
      demo: opts.demo,
      demoActivity: opts.demoActivity && process.env.LIANJIAN_DEMO_ACTIVITY !== 'false',
    });
  });

const db = program.command('db').description('数据库');
db.command('migrate')
  .description('执行全部未执行的迁移')
  .action(() =>
    withPlatform(async (p) => {
      console.log(
        p.migrationsApplied.length ? `已执行迁移：\n${p.migrationsApplied.join('\n')}` : '数据库结构已是最新，无需迁移',
      );
    }),
  );

registerBackupCommands(db);

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description(
    '重新计算哈希链，并与数据库之外的签名检查点比对（末尾缺失、记录被改写、检查点签名无效）；有问题时退出码非零',
  )
  .action(() =>
    withPlatform(async (p) => {
      const report = await verifyAuditLog(p.deps);
      const lines: string[] = [];
      if (report.firstBroken) {
        const b = report.firstBroken;
        lines.push(
          `审计日志哈希链断裂：第一条断裂记录为序号 ${b.seq}（${b.at}，${b.action}）\n原因：${b.reason}\n此前 ${report.checked} 条记录校验通过`,
        );
      } else lines.push(`审计日志哈希链完整：共校验 ${report.checked} 条记录`);
      const c = report.checkpoints;
      lines.push(
        c.total === 0
          ? `检查点：尚无检查点（${p.deps.config.auditCheckpoints.dir}），无法发现末尾被删除或整段被改写`
          : `检查点：共 ${c.total} 个，签名有效 ${c.trusted} 个${c.latest ? `，最新为 #${c.latest.no}（至第 ${c.latest.seq} 条）` : ''}`,
      );
      for (const problem of report.problems) lines.push(`问题：${problem}`);
      if (!report.ok) lines.push('审计日志未通过校验：请立即报告安全管理员');
      console.log(lines.join('\n'));
      return report.ok ? 0 : 1;
    }),
  );
audit
  .command('checkpoint')
  .description('立即写入审计日志检查点：对链头的序号与哈希签名，追加到数据库之外的检查点文件')
  .action(() =>
    withPlatform(async (p) => {
      const c = await writeCheckpoint(p.deps, cliSubject);
      console.log(
        `已写入审计日志检查点 #${c.no}：至第 ${c.seq} 条（共 ${c.count} 条，哈希 ${c.hash}）\n检查点文件：${p.deps.config.auditCheckpoints.dir}`,
      );
    }),
  );

const calendar = program.command('calendar').description('工作日历');
calendar
  .command('add')
  .argument('<date>', '起始日期 YYYY-MM-DD')
  .argument('<n>', '工作日数')
  .description('打印起始日期之后第 N 个工作日')
  .action((date: string, n: string) =>
    withPlatform(async (p) => {
      if (!/^-?[0-9]+$/.test(n)) throw new AppError('VALIDATION', `工作日数应为整数：${n}`);
      console.log((await addWorkingDays(p.deps, date, Number(n))).result);
    }),
  );
calendar
  .command('count')
  .argument('<from>')
  .argument('<to>')
  .description('打印两日期之间的工作日数（不含起始日，含结束日）')
  .action((from: string, to: string) =>
    withPlatform(async (p) => {
      console.log((await countWorkingDays(p.deps, from, to)).count);
    }),
  );
calendar
  .command('load')
  .argument('<file>', 'CSV 文件：日期,类型,名称')
  .description('载入（或重新载入）一个年度的节假日安排（2027 年起）')
  .action((file: string) =>
    withPlatform(async (p) => {
      const result = await loadCalendarYear(p.deps, cliSubject, basename(file), readFileSync(file, 'utf8'));
      console.log(`已载入 ${result.year} 年节假日安排：放假 ${result.holidays} 天，调休上班 ${result.workdays} 天`);
    }),
  );

program
  .command('divisions')
  .description('行政区划')
  .command('load')
  .argument('<file>', 'CSV 文件：区划代码,名称,上级代码,层级')
  .description('载入（或更新）本地部署的行政区划表，全部成功或全部不载入')
  .action((file: string) =>
    withPlatform(async (p) => {
      const count = await loadDivisions(p.deps.db, parseDivisionCsv(readFileSync(file, 'utf8')));
      console.log(`已载入行政区划 ${count} 条`);
    }),
  );

program
  .command('uscc')
  .description('统一社会信用代码')
  .command('check')
  .argument('<codes...>')
  .description('逐个校验统一社会信用代码（GB 32100 与 GB 11714），有无效代码时退出码非零')
  .action((codes: string[]) => {
    let invalid = 0;
    for (const code of codes) {
      const check = checkUscc(code);
      if (!check.valid) invalid += 1;
      console.log(`${code}\t${check.valid ? '有效' : `无效：${check.reason}`}`);
    }
    process.exitCode = invalid > 0 ? 1 : 0;
  });

const demo = program.command('demo').description('演示数据');
demo
  .command('seed')
  .description('向空库载入演示城市（日照市）')
  .option('--subjects <n>', '监管对象数量（最多 1000000）', String(DEFAULT_DEMO_SUBJECTS))
  .action((opts: { subjects: string }) =>
    withPlatform(async (p) => {
      const subjects = Number(opts.subjects);
      if (!Number.isInteger(subjects) || subjects < 0 || subjects > 1_000_000)
        throw new AppError('VALIDATION', `监管对象数量应为 0–1000000 的整数：${opts.subjects}`);
      const seeded = await seedDemo(p.deps, { subjects });
      console.log(seeded ? '已载入演示城市（日照市）' : '数据库中已有部门数据，未载入演示数据');
    }),
  );

demo
  .command('snapshot')
  .argument('[dir]', '输出目录（默认为构建结果中的 dist/demo）')
  .description('生成预构建的演示库：在临时嵌入式数据库中经各项服务载入演示城市与演示业务数据，保存为数据目录压缩包')
  .action(async (dir?: string) => {
    const out = dir ?? demoSnapshotDir();
    const manifest = await buildDemoSnapshot(out);
    console.log(
      `已生成预构建演示库 ${out}（${manifest.builtOn}，${manifest.summary.tasks} 个抽取任务，用时 ${manifest.summary.seconds} 秒）`,
    );
  });

registerImportCommands(program, withPlatform);
registerDrawCommands(program);
registerReminderCommands(program, withPlatform);
registerCreditRecordCommands(program, withPlatform);

function report(error: unknown): void {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof AppError) {
    console.error(`错误：${error.message}`);
    if (Array.isArray(error.details))
      for (const d of error.details) console.error(`  ${d.row ? `第 ${d.row} 行 ` : ''}${d.field}：${d.message}`);
  } else console.error(error);
  process.exitCode = 2;
}

program.parseAsync(process.argv).catch(report);
