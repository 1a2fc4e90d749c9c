import { createWriteStream } from 'node:fs';
import { dirname, extname, basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { describeFile } from '../imports/import-file';
import { type ImportMode, importModeNames } from '../imports/import.schemas';
import { importKinds } from '../imports/import-kinds';
import { exportTable, importErrorReport, type TableFormat } from '../imports/import-reports';
import { importFileNow, requireImportKind } from '../imports/import.service';
import type { Platform } from '../platform';
import { AppError } from '../shared/app-error';

type WithPlatform = (work: (platform: Platform) => Promise<number | void>) => Promise<void>;

const cliSubject = { userId: null, name: '命令行', departmentId: null, ip: null };
const modeNames = Object.fromEntries(Object.entries(importModeNames).map(([mode, n]) => [mode, n.label])) as Record<
  ImportMode,
  string
>;
const SHOWN_PROBLEMS = 20;
const kindList = importKinds.map((k) => k.kind).join('|');

/** Prints a progress line (stderr) per batch at most once a second, so a million rows do not flood the terminal. */
function progressPrinter(): (p: {
  processedRows: number;
  totalRows: number | null;
  bytesRead: number;
  fileSize: number;
}) => void {
  let last = 0;
  return (p) => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    const percent = p.totalRows
      ? (100 * p.processedRows) / p.totalRows
      : p.fileSize
        ? (100 * p.bytesRead) / p.fileSize
        : 0;
    process.stderr.write(
      `导入中：已处理 ${p.processedRows}${p.totalRows ? ` / ${p.totalRows}` : ''} 行（${Math.min(100, Math.floor(percent))}%）\n`,
    );
  };
}

function formatOf(file: string): TableFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.csv') return ext.slice(1) as TableFormat;
  throw new AppError('VALIDATION', `文件名应以 .xlsx 或 .csv 结尾：${file}`);
}

/** `lianjian import <kind> FILE` and `lianjian export <kind> FILE`: the same services as the API. */
export function registerImportCommands(program: Command, withPlatform: WithPlatform): void {
  program
    .command('import')
    .argument('<kind>', kindList)
    .argument('<file>', 'CSV 或 XLSX 文件（第 1 行为中文表头）')
    .description('批量导入（默认仅导入正确行）；有被拒绝的行时退出码为 1，完整错误报告写在文件旁的 .errors.csv')
    .option('--dry-run', `${importModeNames['dry-run'].label}：${importModeNames['dry-run'].hint}`)
    .option('--all-or-nothing', `${importModeNames['all-or-nothing'].label}：${importModeNames['all-or-nothing'].hint}`)
    .action((kindName: string, path: string, opts: { dryRun?: boolean; allOrNothing?: boolean }) =>
      withPlatform(async (p) => {
        const kind = requireImportKind(kindName);
        const mode: ImportMode = opts.dryRun ? 'dry-run' : opts.allOrNothing ? 'all-or-nothing' : 'valid-only';
        const job = await importFileNow(
          p.deps,
          cliSubject,
          kind.kind,
          await describeFile(path),
          mode,
          progressPrinter(),
        );
        if (job.status === 'failed') {
          const details = job.problems.map((d) => `\n  ${d.field}：${d.message}`).join('');
          throw new AppError('BAD_FILE', `${job.error ?? '导入失败'}${details ? `：${details}` : ''}`);
        }
        const lines = [
          `导入${kind.title}：${job.fileName}（${modeNames[mode]}）`,
          `共 ${job.processedRows} 行：新增 ${job.inserted}，更新 ${job.updated}，未变 ${job.unchanged}，拒绝 ${job.rejected}`,
          mode === 'dry-run'
            ? '试运行：未写入任何数据'
            : job.committed
              ? '已写入数据库'
              : `有 ${job.rejected} 行有误，按“全部正确才导入”未写入任何数据`,
          `用时 ${(job.elapsedMs / 1000).toFixed(1)} 秒${job.rowsPerSecond ? `，每秒 ${job.rowsPerSecond} 行` : ''}`,
        ];
        if (job.problemCount > 0) {
          lines.push(
            `问题（共 ${job.problemCount} 个${job.problemCount > SHOWN_PROBLEMS ? `，以下为前 ${SHOWN_PROBLEMS} 个` : ''}）：`,
          );
          for (const pr of job.problems.slice(0, SHOWN_PROBLEMS))
            lines.push(`  第 ${pr.row} 行 ${pr.field}${pr.value ? `（“${pr.value}”）` : ''}：${pr.message}`);
          const reportPath = join(dirname(path), `${basename(path, extname(path))}.errors.csv`);
          await pipeline((await importErrorReport(p.deps, null, job.id, 'csv')).stream, createWriteStream(reportPath));
          lines.push(`完整错误报告：${reportPath}`);
        }
        console.log(lines.join('\n'));
        return job.rejected > 0 ? 1 : 0;
      }),
    );

  program
    .command('export')
    .argument(
      '<kind>',
      importKinds
        .filter((k) => k.export)
        .map((k) => k.kind)
        .join('|'),
    )
    .argument('<file>', '输出文件（.xlsx 或 .csv）')
    .description('按筛选条件导出全部记录（表头同导入模板，可直接重新导入）')
    .option('--q <text>', '名称关键字或 18 位代码')
    .option('--industry <code>', '行业代码')
    .option('--division <code>', '行政区划代码（2–6 位）')
    .option('--tag <code>', '标签代码')
    .option('--credit-class <A-D>', '信用风险分类')
    .option('--kind <kind>', '主体类型')
    .option('--status <status>', '登记状态')
    .option('--filter <key=value...>', '列表查询的其他筛选参数（同 API 查询参数名）')
    .action(
      (
        kindName: string,
        path: string,
        { filter, ...opts }: Record<string, string | undefined> & { filter?: string[] },
      ) =>
        withPlatform(async (p) => {
          const kind = requireImportKind(kindName);
          if (!kind.export) throw new AppError('VALIDATION', `${kind.title}不支持导出`);
          const pairs = (filter ?? []).map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]);
          const raw = Object.fromEntries([...Object.entries(opts).filter(([, v]) => v !== undefined), ...pairs]);
          const parsed = kind.export.query.safeParse(raw);
          if (!parsed.success)
            throw new AppError(
              'VALIDATION',
              `筛选条件有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
            );
          const started = Date.now();
          const download = await exportTable(p.deps, null, kind.kind, parsed.data, formatOf(path));
          await pipeline(download.stream, createWriteStream(path));
          console.log(
            `已导出 ${download.written.rows} 条${kind.title}到 ${path}（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
          );
        }),
    );
}
