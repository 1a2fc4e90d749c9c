import { csvField } from '../shared/csv-field';
import { excel } from '../imports/exceljs';
import { fieldLabelsOf } from './credit-fields';
import type { PublicationKind } from './publication.table';

/**
 * The exports use the national 双公示 field names as the header (row 1) with their meaning in Chinese (row 2), so the
 * file loads into the credit platform's templates and a person can still read it.
 */
export function publicationsCsv(kind: PublicationKind, rows: readonly Record<string, string>[]): Buffer {
  const names = Object.keys(fieldLabelsOf(kind));
  const labels = Object.values(fieldLabelsOf(kind));
  const lines = [names, labels, ...rows.map((r) => names.map((n) => r[n] ?? ''))].map((l) => l.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function publicationsXlsx(
  kind: PublicationKind,
  rows: readonly Record<string, string>[],
): Promise<Buffer> {
  const names = Object.keys(fieldLabelsOf(kind));
  const book = new (excel().Workbook)();
  const sheet = book.addWorksheet(kind);
  sheet.addRow(names);
  sheet.addRow(Object.values(fieldLabelsOf(kind)));
  for (const r of rows) sheet.addRow(names.map((n) => r[n] ?? ''));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}
