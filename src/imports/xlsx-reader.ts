import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { AppError } from '../shared/app-error';
import ExcelJS from './exceljs';
import type { CellValue, SheetRow } from './sheet-row';

const require = createRequire(import.meta.url);
const unzipper = require('unzipper') as { Open: { file(path: string): Promise<ZipDirectory> } };
const iterateStream = require('exceljs/lib/utils/iterate-stream.js') as (stream: Readable) => AsyncIterable<Buffer>;

interface ZipEntry {
  path: string;
  compressedSize: number;
  uncompressedSize: number;
  stream(): Readable;
}
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

/** The plain value of an ExcelJS cell value (rich text, formulas, hyperlinks and errors included). */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain(v.result);
    if (v.text !== undefined) return plain(v.text);
    if (v.error) return v.error;
  }
  return String(value);
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
  let directory: ZipDirectory;
  try {
    directory = await unzipper.Open.file(path);
  } catch {
    throw new AppError(
      'BAD_FILE',
      '不是有效的 XLSX 文件（无法读取压缩包目录），请用 Excel 或 WPS 另存为 .xlsx 后重新导入',
    );
  }
  const entries = new Map(directory.files.map((f) => [f.path.replace(/^\//, ''), f]));
  const read = (entry: ZipEntry) => {
    progress.bytes += entry.compressedSize;
    return entry.stream();
  };
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const book = entries.get('xl/workbook.xml');
  if (!rels || !book)
    throw new AppError(
      'BAD_FILE',
      '不是有效的 XLSX 文件（缺少 xl/workbook.xml），请用 Excel 或 WPS 另存为 .xlsx 后重新导入',
    );

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as unknown as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  await reader._parseRels(read(rels));
  await reader._parseWorkbook(read(book));
  const styles = entries.get('xl/styles.xml');
  if (styles) await reader._parseStyles(read(styles));
  const sharedStrings = entries.get('xl/sharedStrings.xml');
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(read(sharedStrings))) void _;

  const first = reader.model?.sheets?.[0];
  const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target;
  const sheetEntry = target ? entries.get(partPath(target)) : undefined;
  if (!sheetEntry) return;
  const sheetNo = /sheet(\d+)\.xml$/.exec(sheetEntry.path)?.[1] ?? '1';
  const start = progress.bytes;
  const ratio = sheetEntry.uncompressedSize > 0 ? sheetEntry.compressedSize / sheetEntry.uncompressedSize : 0;
  const stream = sheetEntry.stream();
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
  } finally {
    stream.destroy();
  }
}
