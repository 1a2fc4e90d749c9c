import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dateCell, listCell, pairsCell, yesNoCell } from '../../src/imports/cell-parsers';
import { countCsvRows, CsvParser } from '../../src/imports/csv-reader';
import { openTable, type SheetRow } from '../../src/imports/table-source';
import { excel } from '../../src/imports/exceljs';
import { gb18030, xlsxOf } from '../support/import-files';

const ExcelJS = excel();

const dir = mkdtempSync(join(tmpdir(), 'lianjian-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parseInChunks(text: string, size: number): string[][] {
  const parser = new CsvParser(',');
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
  records.push(...parser.end());
  return records;
}

async function rowsOf(data: Buffer, name: string): Promise<SheetRow[]> {
  const path = join(dir, name);
  writeFileSync(path, data);
  const rows: SheetRow[] = [];
  for await (const row of (await openTable(path)).rows) rows.push(row);
  return rows;
}

describe('CSV parser', () => {
  const text = 'a,"b ""q"", c","多行\r\n文本"\r\n,,\r\nx,y,z\ry2\nlast';
  const expected = [['a', 'b "q", c', '多行\r\n文本'], ['', '', ''], ['x', 'y', 'z'], ['y2'], ['last']];

  it('reads quotes, escaped quotes, line breaks in cells and CRLF / CR / LF, whatever the chunk size', () => {
    for (const size of [1, 2, 3, 7, 1000]) expect(parseInChunks(text, size), `chunk ${size}`).toEqual(expected);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseInChunks('a,"open\r\n', 4)).toThrow('未闭合的引号');
  });

  it('decodes UTF-8 with BOM and GB18030 files, numbering records from the header', async () => {
    const utf8 = await rowsOf(Buffer.from('\uFEFF名称,代码\r\n日照,1\r\n'), 'utf8.csv');
    expect(utf8).toEqual([
      { row: 1, cells: ['名称', '代码'] },
      { row: 2, cells: ['日照', '1'] },
    ]);
    const gbk = await rowsOf(gb18030('名称,代码\r\n日照海曲,2\r\n'), 'gbk.csv');
    expect(gbk[1]).toEqual({ row: 2, cells: ['日照海曲', '2'] });
  });

  it('counts data rows from the bytes: quoted line breaks and blank lines are not rows', async () => {
    const path = join(dir, 'count.csv');
    writeFileSync(path, 'h1,h2\r\n1,"a\r\nb"\r\n\r\n2,c\r\n,\r\n3,d');
    expect(await countCsvRows(path)).toBe(3);
  });
});

describe('XLSX reader', () => {
  it('keeps Chinese text intact across decompression chunks (exceljs streaming bug worked around) and reads dates', async () => {
    const text = (i: number) => `山东省日照市东港区海曲路${i}号鑫源商贸有限公司经营范围日用百货零售批发`;
    const rows = [
      ['名称', '日期'],
      ...Array.from({ length: 4000 }, (_, i) => [text(i), new Date(Date.UTC(2020, 0, 1 + (i % 300)))]),
    ];
    const read = await rowsOf(await xlsxOf(rows), 'big.xlsx');
    expect(read).toHaveLength(4001);
    const broken = read.filter((r, i) => i > 0 && r.cells[0] !== text(i - 1));
    expect(broken.map((r) => r.cells[0])).toEqual([]);
    expect(read[1]!.cells[1]).toEqual(new Date(Date.UTC(2020, 0, 1)));
  });

  it('reads the same small file identically 600 times (ExcelJS’s front-to-back reader lost xl/workbook.xml in ~0.3 % of reads)', async () => {
    const path = join(dir, 'small.xlsx');
    writeFileSync(
      path,
      await xlsxOf([
        ['执法证号', '姓名'],
        ['鲁日执字第0100001号', '王伟'],
        ['鲁日执字第0100002号', '李娜'],
      ]),
    );
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 600; i += 1) {
      let outcome: string;
      try {
        const rows: SheetRow[] = [];
        for await (const row of (await openTable(path)).rows) rows.push(row);
        outcome = JSON.stringify(rows);
      } catch (error) {
        outcome = `error: ${(error as Error).message}`;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.keys()]).toEqual([
      JSON.stringify([
        { row: 1, cells: ['执法证号', '姓名'] },
        { row: 2, cells: ['鲁日执字第0100001号', '王伟'] },
        { row: 3, cells: ['鲁日执字第0100002号', '李娜'] },
      ]),
    ]);
  });

  it('reads the first sheet in the workbook’s order and answers a broken archive in Chinese', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['第一张']);
    workbook.addWorksheet('数据').addRow(['第二张']);
    const read = await rowsOf(Buffer.from(await workbook.xlsx.writeBuffer()), 'two.xlsx');
    expect(read.map((r) => r.cells)).toEqual([['第一张']]);
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]));
    await expect(
      (async () => {
        for await (const _ of (await openTable(broken)).rows) void _;
      })(),
    ).rejects.toThrow('不是有效的 XLSX 文件');
  });

  it('refuses the old .xls format with the fix', async () => {
    const path = join(dir, 'old.xls');
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(openTable(path)).rejects.toThrow('另存为 .xlsx');
  });
});

describe('cell parsers', () => {
  it('reads dates in the usual Chinese spellings and refuses impossible ones', () => {
    for (const cell of [
      '2024-01-05',
      '2024/1/5',
      '2024.1.5',
      '2024年1月5日',
      '20240105',
      '2024-01-05 00:00:00',
      45296,
    ]) {
      expect(dateCell(cell), String(cell)).toEqual({ value: '2024-01-05' });
    }
    expect(dateCell('2023-02-29')).toEqual({ problem: '日期 2023-02-29 不存在' });
    expect(dateCell('五月')).toHaveProperty('problem');
  });

  it('reads 是/否, lists and name:value pairs', () => {
    expect([yesNoCell('是'), yesNoCell('N'), yesNoCell(true)]).toEqual([
      { value: true },
      { value: false },
      { value: true },
    ]);
    expect(yesNoCell('可能')).toEqual({ problem: '应填写“是”或“否”' });
    expect(listCell('5211，5212、5211 6210')).toEqual({ value: ['5211', '5212', '6210'] });
    expect(pairsCell('市应急管理局:高；市市场监督管理局：较高')).toEqual({
      value: { 市应急管理局: '高', 市市场监督管理局: '较高' },
    });
    expect(pairsCell('高')).toHaveProperty('problem');
  });
});
