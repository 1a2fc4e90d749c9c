import { AppError, type FieldProblem } from '../shared/app-error';
import { cellText } from './cell-parsers';
import type { RowProblem } from './import-job.table';
import { type ImportColumn, type ImportKind, type ParsedRecord, parserOf } from './import-spec';
import type { SheetRow } from './table-source';

export interface MappedColumn {
  index: number;
  column: ImportColumn;
}

/** Maps the header row to the spec's columns; unknown, repeated or missing required headers reject the whole file. */
export function mapHeader(kind: ImportKind, header: SheetRow | undefined): MappedColumn[] {
  if (!header || header.row !== 1)
    throw new AppError(
      'BAD_FILE',
      `第 1 行应为表头（列名）${header ? '' : '，文件是空的'}，请使用${kind.title}导入模板`,
    );
  const byHeader = new Map(kind.columns.map((c) => [c.header, c]));
  const mapped: MappedColumn[] = [];
  const problems: FieldProblem[] = [];
  header.cells.forEach((cell, index) => {
    const name = cellText(cell)
      .replace(/^\uFEFF/, '')
      .replace(/\s*[*＊]$/, '');
    if (!name) return;
    const column = byHeader.get(name);
    if (!column) problems.push({ row: 1, field: name, message: `未知的列“${name}”` });
    else if (mapped.some((m) => m.column === column))
      problems.push({ row: 1, field: name, message: `列“${name}”重复` });
    else mapped.push({ index, column });
  });
  const present = new Set(mapped.map((m) => m.column.field));
  for (const column of kind.columns) {
    if (column.required && !present.has(column.field))
      problems.push({ row: 1, field: column.header, message: `缺少必填列“${column.header}”` });
  }
  for (const group of kind.together) {
    if (group.some((f) => present.has(f)) && !group.every((f) => present.has(f))) {
      const headers = group.map((f) => kind.columns.find((c) => c.field === f)!.header);
      problems.push({ row: 1, field: headers.join('、'), message: `列“${headers.join('”“')}”须同时提供` });
    }
  }
  if (problems.length > 0)
    throw new AppError(
      'BAD_FILE',
      `文件表头有误：${problems.map((p) => p.message).join('；')}。请使用${kind.title}导入模板`,
      problems,
    );
  return mapped;
}

/** Parses a row's cells; problems name the Chinese header and keep the cell as read. */
export function parseRow(
  row: SheetRow,
  columns: readonly MappedColumn[],
): { record: ParsedRecord; problems: RowProblem[] } {
  const record: ParsedRecord = {};
  const problems: RowProblem[] = [];
  for (const { index, column } of columns) {
    const cell = row.cells[index] ?? null;
    const text = cellText(cell);
    if (text === '') {
      if (column.required)
        problems.push({ row: row.row, field: column.header, value: '', message: `${column.header}为必填项` });
      continue;
    }
    const parsed = parserOf(column)(cell!);
    if ('problem' in parsed)
      problems.push({ row: row.row, field: column.header, value: text, message: parsed.problem });
    else record[column.field] = parsed.value;
  }
  return { record, problems };
}
