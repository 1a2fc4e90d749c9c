import { createHash } from 'node:crypto';
import { excel } from '../../src/imports/exceljs';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';
import type { Session } from './http';

const ExcelJS = excel();

export const SUBJECT_HEADERS = [
  '统一社会信用代码',
  '名称',
  '主体类型',
  '行政区划代码',
  '法定代表人',
  '注册地址',
  '经营地址',
  '经营范围',
  '行业代码',
  '成立日期',
  '登记状态',
  '信用风险分类',
  '行业风险',
  '白名单',
  '重点抽查对象',
  '重点抽查原因',
  '原注册号',
  '保留有疑问代码',
];

let serial = 100_000 + Math.floor(Math.random() * 800_000);
/** A valid, unused enterprise USCC (organisation codes starting YX, which the demo city never draws). */
export function freshUscc(): string {
  serial += 1;
  const org8 = `YX${String(serial).padStart(6, '0')}`;
  const first17 = `91371102${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}

/** The same code with a wrong check character. */
export const brokenUscc = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** RFC 4180 CSV with a BOM. */
export function csvOf(rows: readonly (readonly string[])[]): Buffer {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`);
}

export async function xlsxOf(
  rows: readonly (readonly (string | number | Date | null)[])[],
  sheetName = '监管对象',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of the first sheet of an XLSX file as text. */
export async function xlsxRowsOf(data: Buffer, sheet = 1): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[sheet - 1]!.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/** Encodes text as GB18030 (Node only decodes it): a reverse table of the two-byte range, enough for common Chinese. */
export function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      table.set(decoder.decode(Uint8Array.from([lead, trail])), [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...table.get(ch)!);
  }
  return Buffer.from(bytes);
}

/** Uploads a file as multipart/form-data. */
export function uploadFile(app: FastifyInstance, session: Session, url: string, fileName: string, data: Buffer) {
  const boundary = `----lianjian${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...session.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

export interface JobView {
  id: string;
  status: 'running' | 'done' | 'failed';
  totalRows: number | null;
  processedRows: number;
  percent: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  committed: boolean;
  problems: { row: number; field: string; value: string; message: string }[];
  problemCount: number;
  rowsPerSecond: number | null;
  fileSha256: string;
  error: string | null;
}

/** Uploads and waits for the background job to finish. */
export async function importAndWait(
  app: FastifyInstance,
  session: Session,
  fileName: string,
  data: Buffer,
  mode = 'valid-only',
  kind = 'subjects',
): Promise<JobView> {
  const res = await uploadFile(app, session, `/api/imports/${kind}?mode=${mode}`, fileName, data);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json() as { jobId: string };
  for (let i = 0; i < 600; i += 1) {
    const job = (
      await app.inject({ method: 'GET', url: `/api/imports/${jobId}`, headers: session.headers })
    ).json() as JobView;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`导入任务 ${jobId} 未在 30 秒内完成`);
}

/** A subject file of `rows` valid rows with fresh codes and names starting `namePrefix` (required columns only). */
export function validSubjectCsv(rows: number, namePrefix: string): { data: Buffer; first: string; last: string } {
  const header = ['统一社会信用代码', '名称', '主体类型', '行政区划代码', '行业代码', '成立日期', '信用风险分类'];
  const codes = Array.from({ length: rows }, () => freshUscc());
  const body = codes.map((uscc, i) => [
    uscc,
    `${namePrefix}${i}号商贸有限公司`,
    '企业',
    '371102',
    '5211',
    '2019-03-15',
    // Classes come from the credit evaluation: a new subject's class column stays empty.
    '',
  ]);
  return { data: csvOf([header, ...body]), first: codes[0]!, last: codes.at(-1)! };
}
