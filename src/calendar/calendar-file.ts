/**
 * The holiday-arrangement file an administrator uploads to add a year (2027 onward).
 * CSV, UTF-8 (optional BOM), comma separated, header `日期,类型,名称` (or `date,kind,name`):
 *
 *   日期,类型,名称
 *   2027-01-01,放假,元旦
 *   2027-02-06,上班,春节调休上班
 */
import { AppError, type FieldProblem } from '../shared/app-error';
import { csvField } from '../shared/csv-field';
import { formatIsoDate, parseIsoDate, weekday } from './calendar-date';
import { BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR } from './builtin-holidays';
import type { DayException } from './work-calendar';

const HEADERS: readonly (readonly string[])[] = [
  ['日期', '类型', '名称'],
  ['date', 'kind', 'name'],
];
const KINDS: Readonly<Record<string, DayException['kind']>> = {
  放假: 'holiday',
  休: 'holiday',
  holiday: 'holiday',
  上班: 'workday',
  班: 'workday',
  调休上班: 'workday',
  workday: 'workday',
};
const MAX_NAME_LENGTH = 20;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * Splits one CSV line into trimmed cells, dropping trailing empty cells (spreadsheets add them).
 * Supports "quoted" cells with "" escapes; no line breaks inside cells.
 */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** Accepts 'YYYY-MM-DD' and, as spreadsheets rewrite dates, 'YYYY/M/D' or 'YYYY-M-D'. */
function normalizeDate(raw: string): string | undefined {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(raw);
  if (!match) return undefined;
  const date = formatIsoDate({ y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) });
  try {
    parseIsoDate(date);
    return date;
  } catch {
    return undefined;
  }
}

function badFile(problems: FieldProblem[]): AppError {
  return new AppError('BAD_FILE', `节假日文件有 ${problems.length} 处错误`, problems);
}

/**
 * Parses and validates an uploaded holiday file. Rows are numbered as in a spreadsheet: the
 * header is row 1 and blank lines still count. All problems are collected before throwing.
 * @throws AppError('BAD_FILE', …, FieldProblem[]) listing every problem found.
 */
export function parseCalendarFile(content: string): { year: number; days: DayException[] } {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  const header = headerIndex < 0 ? [] : splitCsvLine(lines[headerIndex]).map((c) => c.toLowerCase());
  if (!HEADERS.some((h) => h.length === header.length && h.every((name, i) => name === header[i]))) {
    throw badFile([
      { row: headerIndex < 0 ? 1 : headerIndex + 1, field: '表头', message: '第一行应为表头"日期,类型,名称"' },
    ]);
  }

  const problems: FieldProblem[] = [];
  const days: DayException[] = [];
  const rowOfDate = new Map<string, number>();
  let year: number | undefined;
  let yearRow = 0;

  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const row = i + 1;
    const problem = (field: string, message: string) => problems.push({ row, field, message });
    const [rawDate = '', rawKind = '', name = '', ...extra] = splitCsvLine(lines[i]);
    if (extra.length > 0) problem('名称', `多出 ${extra.length} 列；名称中如有逗号，请用英文双引号把名称括起来`);

    const date = normalizeDate(rawDate);
    if (!date) {
      problem('日期', rawDate ? `日期无效：${rawDate}，应为 YYYY-MM-DD` : '日期不能为空');
    } else if (year === undefined) {
      year = parseIsoDate(date).y;
      yearRow = row;
    } else if (parseIsoDate(date).y !== year) {
      problem('日期', `${date} 不是 ${year} 年的日期；一个文件只能包含同一年度（以第 ${yearRow} 行为准）`);
    }

    const firstRow = date === undefined ? undefined : rowOfDate.get(date);
    if (firstRow !== undefined) problem('日期', `日期 ${date} 重复（第 ${firstRow} 行已有）`);
    else if (date) rowOfDate.set(date, row);

    const kind = KINDS[rawKind.toLowerCase()];
    if (!kind) problem('类型', rawKind ? `类型应为"放假"或"上班"：${rawKind}` : '类型不能为空');
    else if (kind === 'workday' && date && weekday(date) >= 1 && weekday(date) <= 5) {
      problem('类型', `${date} 是${WEEKDAY_NAMES[weekday(date)]}，本来就上班，只有星期六、星期日才能标为调休上班`);
    }

    if (!name) problem('名称', '名称不能为空');
    else if ([...name].length > MAX_NAME_LENGTH) problem('名称', `名称不能超过 ${MAX_NAME_LENGTH} 个字`);

    if (date && kind) days.push({ date, kind, name });
  }

  if (year !== undefined && year <= BUILTIN_LAST_YEAR) {
    problems.push({
      row: yearRow,
      field: '日期',
      message: `${BUILTIN_FIRST_YEAR}–${BUILTIN_LAST_YEAR} 年的节假日安排来自系统内置数据，无需载入；只能载入 ${BUILTIN_LAST_YEAR + 1} 年及以后的年度`,
    });
  }
  if (!days.some((d) => d.kind === 'holiday')) problems.push({ field: '类型', message: '文件中没有放假日' });
  if (problems.length > 0 || year === undefined) throw badFile(problems);

  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { year, days };
}

/**
 * Writes `days` of `year` in the upload format (Chinese header, kind as 放假/上班, sorted by date,
 * UTF-8 BOM so spreadsheet programs show Chinese correctly). parseCalendarFile reads it back.
 * @throws AppError('VALIDATION') when a day is not in `year`.
 */
export function formatCalendarFile(year: number, days: readonly DayException[]): string {
  const outside = days.find((d) => parseIsoDate(d.date).y !== year);
  if (outside) throw new AppError('VALIDATION', `${outside.date} 不是 ${year} 年的日期`);
  const rows = [...days]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((d) => [d.date, d.kind === 'holiday' ? '放假' : '上班', csvField(d.name)].join(','));
  return `\uFEFF${['日期,类型,名称', ...rows].join('\r\n')}\r\n`;
}
