import { textFault, textFaultNames, visibleText } from '../shared/text-hygiene';
import type { CellValue } from './sheet-row';

/** A non-empty cell parsed: the field value, or why the cell is not acceptable (Chinese). */
export type CellResult = { value: unknown } | { problem: string };
export type CellParser = (cell: Exclude<CellValue, null>) => CellResult;

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * How a cell is shown in problems, error reports and text fields. Dates from XLSX are calendar dates (UTC midnight).
 * Characters no text column stores (NUL, a lone surrogate) are left out, so a report can show any cell;
 * `guardedCell` refuses such a cell as a value.
 */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoOf(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return visibleText(String(cell)).trim();
}

/**
 * A parser that first refuses a text cell with a NUL character or a lone UTF-16 surrogate (a CSV
 * with NUL bytes, for instance): a field error of its row, whatever the column, instead of a database error.
 */
export const guardedCell =
  (parse: CellParser): CellParser =>
  (cell) => {
    const fault = typeof cell === 'string' ? textFault(cell) : null;
    return fault ? { problem: `单元格含有不允许的字符（${textFaultNames[fault]}），请删除后重新导入` } : parse(cell);
  };

/** Trimmed text. */
export const textCell: CellParser = (cell) => ({ value: cellText(cell) });

/**
 * A code (USCC, ID number, certificate number): text, upper-cased. A long number typed into Excel has
 * lost its last digits (Excel keeps 15 significant digits), so it is refused with the fix.
 */
export const codeCell: CellParser = (cell) => {
  if (typeof cell === 'number' && Math.abs(cell) >= 1e15)
    return { problem: '单元格是数字格式，超过 15 位的代码已被 Excel 改变，请将该列设为文本格式后重新填写' };
  return { value: cellText(cell).replace(/\s+/g, '').toUpperCase() };
};

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function calendarDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2999 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return isoOf(d);
}

/** A date as 'YYYY-MM-DD': XLSX date cells, Excel serial numbers, and 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105. */
export const dateCell: CellParser = (cell) => {
  if (cell instanceof Date) return { value: isoOf(cell) };
  const problem = { problem: '日期格式应为 YYYY-MM-DD（如 2024-01-05）' };
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 2_958_466 && String(cell).length !== 8) {
    return { value: isoOf(new Date(EXCEL_EPOCH + cell * 86_400_000)) };
  }
  const text = cellText(cell).replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return problem;
  const iso = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return iso ? { value: iso } : { problem: `日期 ${text} 不存在` };
};

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×']);

/** 是 / 否 (also Y/N, true/false, 1/0). */
export const yesNoCell: CellParser = (cell) => {
  if (typeof cell === 'boolean') return { value: cell };
  const text = cellText(cell).toUpperCase();
  if (YES.has(text)) return { value: true };
  if (NO.has(text)) return { value: false };
  return { problem: '应填写“是”或“否”' };
};

/** One of a fixed list of values (exact text). */
export const oneOfCell =
  (allowed: readonly string[]): CellParser =>
  (cell) => {
    const text = cellText(cell);
    return allowed.includes(text) ? { value: text } : { problem: `应为 ${allowed.join('、')} 之一` };
  };

/** A list in one cell: "5211,5212" (also ， 、 ; ； and spaces), order kept, duplicates dropped. */
export const listCell: CellParser = (cell) => ({
  value: [
    ...new Set(
      cellText(cell)
        .split(/[,，、;；\s]+/)
        .filter(Boolean),
    ),
  ],
});

/** Pairs "键:值" separated by ；/; (e.g. 市应急管理局:高；市市场监督管理局:较高). */
export const pairsCell: CellParser = (cell) => {
  const pairs: Record<string, string> = {};
  for (const part of cellText(cell)
    .split(/[;；\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*[:：]\s*(.+)$/.exec(part);
    if (!m) return { problem: `“${part}”应写成“名称:值”，多项用分号分隔` };
    pairs[m[1]!] = m[2]!;
  }
  return { value: pairs };
};

/** The inverse of pairsCell, for exports (keys sorted so an export is stable). */
export const pairsText = (pairs: Record<string, string>): string =>
  Object.keys(pairs)
    .sort()
    .map((k) => `${k}:${pairs[k]}`)
    .join('；');
