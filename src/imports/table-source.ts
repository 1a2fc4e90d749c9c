import { open } from 'node:fs/promises';
import { AppError } from '../shared/app-error';
import { countCsvRows, csvRows } from './csv-reader';
import type { SheetRow } from './sheet-row';
import { xlsxRows } from './xlsx-reader';

export type { SheetRow };

export type TableFormat = 'csv' | 'xlsx';

export interface TableSource {
  format: TableFormat;
  rows: AsyncIterable<SheetRow>;
  /** Bytes of the file read so far (for a progress figure when the row count is unknown). */
  progress: { bytes: number };
  /** Data rows, when cheaply known before reading (CSV). */
  countRows(): Promise<number | null>;
}

/** Tells the format from the content (a ZIP is XLSX, an OLE file is the old .xls, anything else CSV) and opens it for streaming. */
export async function openTable(path: string): Promise<TableSource> {
  const handle = await open(path);
  const head = Buffer.alloc(8);
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  const progress = { bytes: 0 };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { format: 'xlsx', rows: xlsxRows(path, progress), progress, countRows: async () => null };
  }
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new AppError('BAD_FILE', '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后重新导入');
  }
  return { format: 'csv', rows: csvRows(path, progress), progress, countRows: () => countCsvRows(path) };
}
