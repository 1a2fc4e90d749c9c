import { describe, it, expect } from 'vitest';
import { formatCalendarFile, parseCalendarFile } from '../../src/calendar/calendar-file';
import type { DayException } from '../../src/calendar/work-calendar';
import { AppError, type FieldProblem } from '../../src/shared/app-error';

function badFileProblems(content: string): { message: string; problems: FieldProblem[] } {
  try {
    parseCalendarFile(content);
  } catch (e) {
    if (e instanceof AppError && e.code === 'BAD_FILE')
      return { message: e.message, problems: e.details as FieldProblem[] };
    throw e;
  }
  throw new Error('expected a BAD_FILE error');
}

// 2027-01-01 is a Friday; 2027-01-04 a Monday; 2027-02-06 a Saturday. (Hypothetical arrangement.)
describe('parseCalendarFile: valid files', () => {
  it('parses a Chinese-header file with BOM, CRLF and blank lines, sorted by date', () => {
    const content = '\uFEFF日期,类型,名称\r\n2027-02-06,上班,春节调休上班\r\n\r\n2027-01-01,放假,元旦\r\n';
    expect(parseCalendarFile(content)).toEqual({
      year: 2027,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节调休上班' },
      ],
    });
  });

  it('accepts the English header and every kind spelling', () => {
    const content = [
      'date,kind,name',
      '2027-01-01,holiday,元旦',
      '2027-01-02,休,元旦',
      '2027-01-03,放假,元旦',
      '2027-02-06,班,春节调休上班',
      '2027-02-07,调休上班,春节调休上班',
      '2027-02-20,workday,春节调休上班',
    ].join('\n');
    const { year, days } = parseCalendarFile(content);
    expect(year).toBe(2027);
    expect(days.map((d) => d.kind)).toEqual(['holiday', 'holiday', 'holiday', 'workday', 'workday', 'workday']);
  });

  it('accepts spreadsheet-style dates, quoted cells and trailing empty cells', () => {
    const content = '日期,类型,名称,,\n2027/1/1,放假,"元旦"\n2027-2-6,上班,"春节调休上班",,\n';
    expect(parseCalendarFile(content).days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'workday', name: '春节调休上班' },
    ]);
  });

  it('allows a holiday on a weekend', () => {
    expect(parseCalendarFile('日期,类型,名称\n2027-01-02,放假,元旦').days).toEqual([
      { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    ]);
  });
});

describe('parseCalendarFile: validation', () => {
  it('collects every problem with its row (header = row 1, blank lines counted) and field', () => {
    const content = [
      '日期,类型,名称', //                  row 1
      '2027-01-01,放假,元旦', //            row 2 ok
      '2027-02-30,放假,春节', //            row 3 invalid date
      '2027-01-04,上班,元旦调休上班', //    row 4 make-up day on a Monday
      '', //                                row 5 blank
      '2028-01-01,放假,元旦', //            row 6 other year
      '2027-01-01,休,元旦', //              row 7 duplicate
      '2027-01-02,请假,元旦', //            row 8 unknown kind
      '2027-01-03,放假,', //                row 9 missing name
      `2027-02-06,上班,${'春'.repeat(21)}`, // row 10 name too long
      '2027-03-01,放假,某节,多余', //       row 11 extra column
    ].join('\n');
    const { message, problems } = badFileProblems(content);
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [3, '日期'],
      [4, '类型'],
      [6, '日期'],
      [7, '日期'],
      [8, '类型'],
      [9, '名称'],
      [10, '名称'],
      [11, '名称'],
    ]);
    expect(message).toBe('节假日文件有 8 处错误');
    expect(problems[0].message).toContain('2027-02-30');
    expect(problems[1].message).toContain('星期一');
    expect(problems[2].message).toContain('2027 年');
    expect(problems[3].message).toContain('第 2 行');
    expect(problems[4].message).toContain('请假');
    expect(problems[5].message).toBe('名称不能为空');
    expect(problems[6].message).toBe('名称不能超过 20 个字');
  });

  it('accepts a name of exactly 20 characters', () => {
    const name = '节'.repeat(20);
    expect(parseCalendarFile(`日期,类型,名称\n2027-01-01,放假,${name}`).days[0].name).toBe(name);
  });

  it('takes the year from the first dated row', () => {
    const { problems } = badFileProblems('日期,类型,名称\n2028-01-03,放假,元旦\n2027-01-01,放假,元旦');
    expect(problems).toEqual([{ row: 3, field: '日期', message: expect.stringContaining('2028 年') }]);
  });

  it('requires at least one holiday', () => {
    const { problems } = badFileProblems('日期,类型,名称\n2027-02-06,上班,春节调休上班');
    expect(problems).toEqual([{ field: '类型', message: '文件中没有放假日' }]);
    expect(badFileProblems('日期,类型,名称\n\n').problems).toEqual([{ field: '类型', message: '文件中没有放假日' }]);
  });

  it('refuses years covered by built-in data', () => {
    const { problems } = badFileProblems('日期,类型,名称\n2026-10-01,放假,国庆节');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 2, field: '日期' });
    expect(problems[0].message).toContain('2004–2026');
    expect(problems[0].message).toContain('内置');
  });

  it('requires the header', () => {
    expect(badFileProblems('2027-01-01,放假,元旦').problems).toEqual([
      { row: 1, field: '表头', message: '第一行应为表头"日期,类型,名称"' },
    ]);
    expect(badFileProblems('日期,名称,类型\n2027-01-01,元旦,放假').problems[0]).toMatchObject({
      row: 1,
      field: '表头',
    });
    expect(badFileProblems('').problems[0]).toMatchObject({ row: 1, field: '表头' });
  });
});

describe('formatCalendarFile', () => {
  const days: DayException[] = [
    { date: '2027-02-06', kind: 'workday', name: '春节调休上班' },
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-10-01', kind: 'holiday', name: '国庆节,中秋节' },
  ];

  it('writes the Chinese-header CSV with BOM, sorted, kinds as 放假/上班', () => {
    expect(formatCalendarFile(2027, days)).toBe(
      '\uFEFF日期,类型,名称\r\n2027-01-01,放假,元旦\r\n2027-02-06,上班,春节调休上班\r\n2027-10-01,放假,"国庆节,中秋节"\r\n',
    );
  });

  it('round-trips through parseCalendarFile', () => {
    const parsed = parseCalendarFile(formatCalendarFile(2027, days));
    expect(parsed.year).toBe(2027);
    expect(parsed.days).toEqual([...days].sort((a, b) => a.date.localeCompare(b.date)));
  });

  it('rejects a day outside the year', () => {
    expect(() => formatCalendarFile(2028, days)).toThrow('2027-02-06 不是 2028 年的日期');
  });
});
