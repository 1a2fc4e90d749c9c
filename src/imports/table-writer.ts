import { PassThrough, Readable } from 'node:stream';
import { excel } from './exceljs';
import { csvField } from '../shared/csv-field';
import { cellText } from './cell-parsers';
import type { CellValue } from './import-spec';

export interface SheetSpec {
  name: string;
  header: readonly string[];
  /** Column widths in characters. */
  widths?: readonly (number | undefined)[];
  /** Headers shown in red (required columns of a template). */
  marked?: ReadonlySet<string>;
  rows: AsyncIterable<CellValue[]> | Iterable<CellValue[]>;
}

const csvCell = (cell: CellValue): string =>
  cell === null
    ? ''
    : typeof cell === 'number'
      ? csvField(cell)
      : csvField(typeof cell === 'string' ? cell : cellText(cell));

export const csvLine = (cells: readonly CellValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** A CSV file as text chunks: UTF-8 with BOM (Excel opens it correctly), CRLF, about 1000 rows per chunk. */
export async function* csvChunks(sheet: SheetSpec): AsyncGenerator<string> {
  let chunk = `\uFEFF${csvLine([...sheet.header])}`;
  let count = 0;
  for await (const cells of sheet.rows) {
    chunk += csvLine(cells);
    count += 1;
    if (count % 1000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export const csvStream = (sheet: SheetSpec): Readable => Readable.from(csvChunks(sheet));

/**
 * An XLSX workbook streamed as it is written (ExcelJS WorkbookWriter): bold frozen header, every
 * column formatted as text so codes typed later keep their leading zeros and all 18 characters.
 */
export function xlsxStream(sheets: readonly SheetSpec[]): Readable {
  const out = new PassThrough();
  const write = async () => {
    const workbook = new (excel().stream.xlsx.WorkbookWriter)({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.header.map((_, i) => ({ width: sheet.widths?.[i] ?? 16, style: { numFmt: '@' } }));
      const header = ws.addRow([...sheet.header]);
      header.eachCell((cell) => {
        cell.font = { bold: true, color: sheet.marked?.has(String(cell.value)) ? { argb: 'FFC00000' } : undefined };
      });
      header.commit();
      for await (const cells of sheet.rows)
        ws.addRow(
          cells.map((c) => (c === null ? null : c instanceof Date || typeof c === 'boolean' ? cellText(c) : c)),
        ).commit();
      ws.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
