import { AppError } from '../shared/app-error';
import type { DivisionLevel, DivisionTable } from './division.table';

const header = ['区划代码', '名称', '上级代码', '层级'];

/**
 * Reads a division table from CSV (UTF-8, header `区划代码,名称,上级代码,层级`; an empty 上级代码
 * for the top level). Row numbers in errors count data rows from 1, as loadDivisions reports them.
 */
export function parseDivisionCsv(text: string): DivisionTable[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const first = lines[0]?.split(',').map((cell) => cell.trim());
  if (!first || first.join(',') !== header.join(',')) {
    throw new AppError('VALIDATION', `行政区划文件的表头应为“${header.join(',')}”`);
  }
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== header.length) {
      throw new AppError('VALIDATION', `第 ${i + 1} 行：应有 ${header.length} 列，实有 ${cells.length} 列`);
    }
    const [code, name, parent, level] = cells as [string, string, string, string];
    return { code, name, parent_code: parent === '' ? null : parent, level: level as DivisionLevel };
  });
}
