import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable, type SheetRow } from '../../src/imports/table-source';
import { repeatedStrings, writeZip, xlsxParts } from '../support/zip-files';

const dir = mkdtempSync(join(tmpdir(), 'lianjian-xlsx-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;
const rows = [
  ['统一社会信用代码', '名称'],
  ['91371102MA3C0001X1', '日照港口物流有限公司'],
];

async function readAll(path: string): Promise<SheetRow[]> {
  const read: SheetRow[] = [];
  for await (const row of (await openTable(path)).rows) read.push(row);
  return read;
}

/** Reads a file that must be refused, sampling the resident memory every 10 ms; returns the message and the growth. */
async function refusal(path: string): Promise<{ message: string; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    await readAll(path);
    return { message: '（读取成功，未被拒绝）', growthMb: 0 };
  } catch (error) {
    return { message: (error as Error).message, growthMb: (Math.max(peak, process.memoryUsage().rss) - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

// Memory figures, not timings: before the caps the 300 MB part below took the process up by about 510 MB
// (ExcelJS caches every shared string), and the 1.5 GB part of the probe by 1.66 GB.
describe('XLSX caps on inflated parts', () => {
  it('refuses a 0.7 MB file whose shared strings inflate to 300 MB, in Chinese, with memory growing by under 150 MB', async () => {
    const path = join(dir, 'bomb.xlsx');
    await writeZip(path, xlsxParts(rows, { sharedStrings: repeatedStrings(300 * MB) }));
    expect(statSync(path).size).toBeLessThan(2 * MB);
    const { message, growthMb } = await refusal(path);
    expect(message).toBe('文件中 xl/sharedStrings.xml 解压后达 301 MB，超过 256 MB 的上限，疑似压缩炸弹，已拒绝');
    expect(growthMb).toBeLessThan(150);
  });

  it('refuses a part under the size cap whose inflation ratio is beyond 100 : 1', async () => {
    const path = join(dir, 'ratio.xlsx');
    await writeZip(path, xlsxParts(rows, { sharedStrings: repeatedStrings(100 * MB) }));
    const { message, growthMb } = await refusal(path);
    expect(message).toMatch(
      /^文件中 xl\/sharedStrings\.xml 压缩比达 \d+ : 1（解压后 101 MB），超过 100 : 1，疑似压缩炸弹，已拒绝$/,
    );
    expect(growthMb).toBeLessThan(150);
  });

  it('stops a part whose directory declares 4,000 bytes but which inflates to 300 MB, as soon as it passes the declared size', async () => {
    const path = join(dir, 'lying.xlsx');
    await writeZip(path, xlsxParts(rows, { sharedStrings: repeatedStrings(300 * MB), declaredSharedStrings: 4000 }));
    const { message, growthMb } = await refusal(path);
    expect(message).toBe(
      '文件中 xl/sharedStrings.xml 解压后超过压缩包目录中声明的大小（4,000 字节），疑似压缩炸弹，已拒绝',
    );
    expect(growthMb).toBeLessThan(150);
  });

  it('refuses an archive whose directory lists far more entries than an XLSX has, before reading it', async () => {
    const path = join(dir, 'entries.xlsx');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(60_000, 8);
    end.writeUInt16LE(60_000, 10);
    end.writeUInt32LE(60_000 * 46, 12);
    writeFileSync(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60), end]));
    await expect(readAll(path)).rejects.toThrow(
      '文件的压缩包目录有 60,000 个条目（3 MB），不是正常的 XLSX 文件，已拒绝',
    );
  });
});

describe('XLSX with parts missing or broken', () => {
  it('reads a workbook without xl/styles.xml (its cells still naming a style)', async () => {
    const path = join(dir, 'no-styles.xlsx');
    await writeZip(path, xlsxParts(rows, { styles: false }));
    expect((await readAll(path)).map((r) => r.cells)).toEqual(rows);
  });

  it('names the missing shared strings, the missing sheet and an unreadable part in Chinese, never in ExcelJS’s English', async () => {
    const noStrings = join(dir, 'no-strings.xlsx');
    await writeZip(
      noStrings,
      xlsxParts(rows).filter((p) => p.name !== 'xl/sharedStrings.xml'),
    );
    await expect(readAll(noStrings)).rejects.toThrow(
      '文件缺少共享字符串表 xl/sharedStrings.xml，文字单元格无法读取，请用 Excel 或 WPS 另存为 .xlsx 后重新导入',
    );

    const noSheet = join(dir, 'no-sheet.xlsx');
    await writeZip(
      noSheet,
      xlsxParts(rows).filter((p) => p.name !== 'xl/worksheets/sheet1.xml'),
    );
    await expect(readAll(noSheet)).rejects.toThrow(
      '文件缺少第一张工作表“数据”的内容 xl/worksheets/sheet1.xml，请用 Excel 或 WPS 另存为 .xlsx 后重新导入',
    );

    const badStyles = join(dir, 'bad-styles.xlsx');
    await writeZip(
      badStyles,
      xlsxParts(rows).map((p) =>
        p.name === 'xl/styles.xml' ? { ...p, data: Buffer.from('<styleSheet><cellXfs></numFmts></styleSheet>') } : p,
      ),
    );
    await expect(readAll(badStyles)).rejects.toThrow(
      '文件中 xl/styles.xml 的内容无法解析（格式不符合 XLSX 规范），请用 Excel 或 WPS 另存为 .xlsx 后重新导入',
    );
  });
});
