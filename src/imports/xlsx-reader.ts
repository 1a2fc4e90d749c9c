import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { AppError } from '../shared/app-error';
import { excel } from './exceljs';
import type { CellValue, SheetRow } from './sheet-row';
import { boundedParts, checkZipDirectory, type ZipPartInfo } from './zip-limits';

const require = createRequire(import.meta.url);
const unzipper = require('unzipper') as { Open: { file(path: string): Promise<ZipDirectory> } };
const iterateStream = require('exceljs/lib/utils/iterate-stream.js') as (stream: Readable) => AsyncIterable<Buffer>;

type ZipEntry = ZipPartInfo;
interface ZipDirectory {
  files: ZipEntry[];
}
interface ExcelRow {
  number: number;
  values: unknown;
}
/** The parts of ExcelJS's streaming WorkbookReader this module drives, one zip entry at a time. */
interface WorkbookParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<Buffer>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelRow> }>;
}

const rewrite = (message: string) => new AppError('BAD_FILE', `${message}，请用 Excel 或 WPS 另存为 .xlsx 后重新导入`);

/** The plain value of an ExcelJS cell value (rich text, formulas, hyperlinks and errors included). */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: string;
      sharedString?: number;
    };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain(v.result);
    if (v.text !== undefined) return plain(v.text);
    if (v.error) return v.error;
    // A text cell that points into a shared-strings table the file does not have.
    if (v.sharedString !== undefined) throw rewrite('文件缺少共享字符串表 xl/sharedStrings.xml，文字单元格无法读取');
  }
  return String(value);
}

/** Runs one parse step; a failure that is not already explained (ExcelJS and the XML parser speak English) names the part. */
async function step<T>(part: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw rewrite(`文件中 ${part} 的内容无法解析（格式不符合 XLSX 规范）`);
  }
}

/** A zip member path from a relationship target ("worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml"). */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

/**
 * Rows of the first worksheet (in the workbook's own order) of an XLSX file, streamed; date cells
 * come as dates (styles are read for that). `progress.bytes` estimates the compressed bytes read.
 *
 * The file is opened by its central directory and its parts are read in the order the parse needs
 * (relationships, workbook, styles, shared strings, then the sheet). ExcelJS's own streaming reader
 * walks the zip front to back and, in about 3 reads of 1,000, loses the last member (ExcelJS puts
 * xl/workbook.xml last), failing with "Cannot read properties of undefined (reading 'sheets')".
 */
export async function* xlsxRows(path: string, progress: { bytes: number }): AsyncGenerator<SheetRow> {
  await checkZipDirectory(path);
  let directory: ZipDirectory;
  try {
    directory = await unzipper.Open.file(path);
  } catch {
    throw rewrite('不是有效的 XLSX 文件（无法读取压缩包目录）');
  }
  const entries = new Map(directory.files.map((f) => [f.path.replace(/^\//, ''), f]));
  const open = boundedParts();
  const read = (name: string, entry: ZipEntry) => {
    const stream = open({ ...entry, path: name, stream: () => entry.stream() });
    progress.bytes += entry.compressedSize;
    return stream;
  };
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const book = entries.get('xl/workbook.xml');
  if (!rels || !book)
    throw rewrite(`不是有效的 XLSX 文件（缺少 ${book ? 'xl/_rels/workbook.xml.rels' : 'xl/workbook.xml'}）`);

  const reader = new (excel().stream.xlsx.WorkbookReader)(undefined as unknown as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  await step('xl/_rels/workbook.xml.rels', () => reader._parseRels(read('xl/_rels/workbook.xml.rels', rels)));
  await step('xl/workbook.xml', () => reader._parseWorkbook(read('xl/workbook.xml', book)));
  // Optional parts: without styles every number stays a number (dates as Excel serials, which the
  // date columns accept); without shared strings a text cell is refused when it is read.
  const styles = entries.get('xl/styles.xml');
  if (styles) await step('xl/styles.xml', () => reader._parseStyles(read('xl/styles.xml', styles)));
  const sharedStrings = entries.get('xl/sharedStrings.xml');
  if (sharedStrings)
    await step('xl/sharedStrings.xml', async () => {
      for await (const _ of reader._parseSharedStrings(read('xl/sharedStrings.xml', sharedStrings))) void _;
    });

  const first = reader.model?.sheets?.[0];
  const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target;
  if (!first || !target) throw rewrite('文件中没有工作表');
  const sheetPath = partPath(target);
  const sheetEntry = entries.get(sheetPath);
  if (!sheetEntry) throw rewrite(`文件缺少第一张工作表“${first.name}”的内容 ${sheetPath}`);
  const sheetNo = /sheet(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1';
  const start = progress.bytes;
  const ratio = sheetEntry.uncompressedSize > 0 ? sheetEntry.compressedSize / sheetEntry.uncompressedSize : 0;
  const stream = read(sheetPath, sheetEntry);
  let inflated = 0;
  stream.on('data', (chunk: Buffer) => {
    inflated += chunk.length;
    progress.bytes = start + Math.round(inflated * ratio);
  });
  try {
    for (const { eventType, value: sheet } of reader._parseWorksheet(iterateStream(stream), sheetNo)) {
      if (eventType !== 'worksheet') continue;
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(plain(values[i]));
        yield { row: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw rewrite(`文件中 ${sheetPath} 的内容无法解析（格式不符合 XLSX 规范）`);
  } finally {
    stream.destroy();
  }
}
