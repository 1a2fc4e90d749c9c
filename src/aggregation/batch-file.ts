import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellText } from '../imports/cell-parsers';
import { csvRows } from '../imports/csv-reader';
import { excel } from '../imports/exceljs';
import type { SheetRow } from '../imports/sheet-row';
import { xlsxRows } from '../imports/xlsx-reader';
import { AppError } from '../shared/app-error';
import { csvField } from '../shared/csv-field';
import { kindFields, type RecordKind } from './aggregation-fields';
import { MAX_BATCH_RECORDS } from './batch-intake.service';

/**
 * A batch file (XLSX or CSV, the import readers of src/imports) as records keyed by the national field names of its
 * header row, each with its row number (header excluded, 1-based). Unknown columns are refused by name.
 */
export async function readBatchFile(
  kind: RecordKind,
  fileName: string,
  data: Buffer,
): Promise<{ records: Record<string, string>[]; rows: number[] }> {
  const xlsx = /\.xlsx$/i.test(fileName);
  if (!xlsx && !/\.csv$/i.test(fileName)) throw new AppError('BAD_FILE', '只接受 .xlsx 或 .csv 文件');
  const dir = await mkdtemp(join(tmpdir(), 'lianjian-aggregation-'));
  try {
    const path = join(dir, xlsx ? 'batch.xlsx' : 'batch.csv');
    await writeFile(path, data);
    const rows: SheetRow[] = [];
    for await (const row of (xlsx ? xlsxRows : csvRows)(path, { bytes: 0 })) {
      rows.push(row);
      if (rows.length > MAX_BATCH_RECORDS + 1)
        throw new AppError('BAD_FILE', `一个批量文件最多 ${MAX_BATCH_RECORDS} 行数据，请分批上传`);
    }
    const header = (rows[0]?.cells ?? []).map((c) => cellText(c));
    const known = new Set(kindFields[kind].map((f) => f.name));
    const unknown = header.filter((h) => h && !known.has(h));
    if (!header.includes('主键'))
      throw new AppError('BAD_FILE', `第 1 行应为表头（${kind}模板的字段名），缺少“主键”列；请下载模板填写`);
    if (unknown.length) throw new AppError('BAD_FILE', `表头中有不认识的列：${unknown.join('、')}；请使用${kind}模板`);
    const records: Record<string, string>[] = [];
    const rowNos: number[] = [];
    for (const row of rows.slice(1)) {
      const values = header.map((_, i) => cellText(row.cells[i] ?? null));
      if (values.every((v) => v === '')) continue;
      records.push(Object.fromEntries(header.map((h, i) => [h, values[i]!]).filter(([h]) => h)));
      rowNos.push(row.row - 1);
    }
    if (records.length === 0) throw new AppError('BAD_FILE', '文件中没有数据行');
    return { records, rows: rowNos };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The template of a kind: the header row and one example row, as XLSX or CSV (UTF-8 with BOM). */
export async function batchTemplate(kind: RecordKind, format: 'csv' | 'xlsx') {
  const specs = kindFields[kind];
  const header = specs.map((f) => f.name);
  const example = specs.map((f) => f.example);
  const fileName = `${kind}数据模板.${format}`;
  if (format === 'csv') {
    const text = [header, example].map((l) => l.map(csvField).join(',')).join('\r\n');
    return { fileName, body: Buffer.from(`\uFEFF${text}\r\n`, 'utf8') };
  }
  const book = new (excel().Workbook)();
  const sheet = book.addWorksheet(kind);
  sheet.addRow(header);
  sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 20;
    c.numFmt = '@';
  });
  const notes = book.addWorksheet('填写说明');
  notes.addRow(['字段', '必填', '说明']);
  for (const f of specs)
    notes.addRow([
      f.name,
      f.required ? '是' : '否',
      [f.options ? `可选值：${f.options.join('、')}` : '', f.note ?? ''].filter(Boolean).join('；'),
    ]);
  return { fileName, body: Buffer.from(await book.xlsx.writeBuffer()) };
}
