import { createReadStream } from 'node:fs';
import ExcelJS from './exceljs';
import type { CellValue } from './import-spec';
import type { SheetRow } from './table-source';

/** The plain value of an ExcelJS cell value (rich text, formulas, hyperlinks and errors included). */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain(v.result);
    if (v.text !== undefined) return plain(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

/**
 * Rows of the first worksheet of an XLSX file, streamed (ExcelJS WorkbookReader); date cells come
 * as dates (styles are read for that). `progress.bytes` counts the compressed bytes read.
 */
export async function* xlsxRows(path: string, progress: { bytes: number }): AsyncGenerator<SheetRow> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => (progress.bytes += chunk.length));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(plain(values[i]));
        yield { row: row.number, cells };
      }
      break;
    }
  } finally {
    input.destroy();
  }
}
