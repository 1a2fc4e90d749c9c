import type { Readable } from 'node:stream';
import { type Actor, requirePermission } from '../auth/actor';
import { chinaDate } from '../shared/china-date';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { CellValue, ImportKind } from './import-spec';
import { findJob } from './import-job.repository';
import { type ImportJobRow, importModeNames } from './import-job.table';
import { jobFor, requireImportKind } from './import.service';
import { csvStream, type SheetSpec, xlsxStream } from './table-writer';

export type TableFormat = 'xlsx' | 'csv';

export interface Download {
  fileName: string;
  contentType: string;
  stream: Readable;
  /** Data rows written so far (complete once the stream has ended). */
  written: { rows: number };
}

const contentTypes: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

async function* counted(items: SheetSpec['rows'], written: { rows: number }): AsyncGenerator<CellValue[]> {
  for await (const item of items) {
    written.rows += 1;
    yield item;
  }
}

function download(fileName: string, format: TableFormat, sheets: SheetSpec[]): Download {
  const written = { rows: 0 };
  const [main, ...rest] = sheets;
  const all = [{ ...main!, rows: counted(main!.rows, written) }, ...rest];
  return {
    fileName: `${fileName}.${format}`,
    contentType: contentTypes[format],
    stream: format === 'xlsx' ? xlsxStream(all) : csvStream(all[0]!),
    written,
  };
}

const mainSheet = (kind: ImportKind, rows: SheetSpec['rows']): SheetSpec => ({
  name: kind.title,
  header: kind.columns.map((c) => c.header),
  widths: kind.columns.map((c) => c.width),
  marked: new Set(kind.columns.filter((c) => c.required).map((c) => c.header)),
  rows,
});

/** The import template: the headers and one example row; the XLSX adds a 填写说明 sheet. */
export function importTemplate(kindName: string, format: TableFormat): Download {
  const kind = requireImportKind(kindName);
  const guide: SheetSpec = {
    name: '填写说明',
    header: ['列名', '是否必填', '填写要求', '示例'],
    widths: [18, 10, 70, 24],
    rows: [
      ...kind.columns.map((c): CellValue[] => [c.header, c.required ? '必填' : '选填', c.help, c.example]),
      [],
      ['说明', '', '第 1 行为表头（列名，红色为必填列），从第 2 行起每行一条；示例行请删除或改为真实数据。', ''],
      [
        '',
        '',
        `按“${kind.columns.find((c) => c.field === kind.keyField)!.header}”新增或更新；文件中没有的选填列，已有记录的相应内容保持不变。`,
        '',
      ],
      [
        '',
        '',
        `导入方式：${Object.values(importModeNames)
          .map((m) => `${m.label}——${m.hint}`)
          .join('；')}。有误的行可下载错误报告（行号、列名、内容、原因）。`,
        '',
      ],
      [
        '',
        '',
        'CSV 请保存为 UTF-8（“CSV UTF-8”）或 GB18030；用 Excel 编辑长代码时建议使用 XLSX 模板（代码列已设为文本格式）。',
        '',
      ],
    ],
  };
  const sheet = mainSheet(kind, [kind.columns.map((c) => c.example)]);
  return download(`${kind.title}导入模板`, format, format === 'xlsx' ? [sheet, guide] : [sheet]);
}

async function* problemRows(job: ImportJobRow): AsyncGenerator<CellValue[]> {
  for (const p of job.problems) yield [p.row, p.field, p.value, p.message];
  if (job.problems_omitted > 0)
    yield [null, null, null, `另有 ${job.problems_omitted} 个问题未列出，请修正以上问题后重新导入`];
}

/** The job's error report: 行号, 列名, 内容, 原因. Actor null: the command line. */
export async function importErrorReport(
  deps: AppDeps,
  actor: Actor | null,
  jobId: string,
  format: TableFormat,
): Promise<Download> {
  const job = actor ? await jobFor(deps, actor, jobId) : await findJob(deps.db, jobId);
  if (!job) throw new AppError('NOT_FOUND', '导入任务不存在');
  return download(`导入错误报告-${job.file_name.replace(/\.[^.]*$/, '')}`, format, [
    { name: '错误报告', header: ['行号', '列名', '内容', '原因'], widths: [8, 18, 30, 70], rows: problemRows(job) },
  ]);
}

/** Reads the first item before the download starts, so a bad filter is an error response, not a broken file. */
async function primed<T>(items: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
}

/**
 * Every row matching the list filters, streamed, with the import template's headers (an export
 * re-imports unchanged). Actor null: the command line (no permission or department scope).
 */
export async function exportTable(
  deps: AppDeps,
  actor: Actor | null,
  kindName: string,
  query: unknown,
  format: TableFormat,
): Promise<Download> {
  const kind = requireImportKind(kindName);
  if (!kind.export) throw new AppError('NOT_FOUND', `${kind.title}不支持导出`);
  if (actor) requirePermission(actor, kind.export.permission);
  const rows = await primed(kind.export.rows(deps.db, actor, query));
  return download(`${kind.title}-${chinaDate(deps.clock.now()).replaceAll('-', '')}`, format, [mainSheet(kind, rows)]);
}
