import { createReadStream } from 'node:fs';
import { AppError } from '../shared/app-error';
import type { SheetRow } from './sheet-row';

/**
 * Chooses the text encoding from the first chunk: a BOM decides; otherwise valid UTF-8 is UTF-8 and
 * anything else is taken as GB18030 (what Excel on a Chinese Windows saves as "CSV").
 */
function decoderFor(first: Buffer): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(first, { stream: true });
    return new TextDecoder('utf-8', { fatal: true });
  } catch {
    return new TextDecoder('gb18030');
  }
}

/**
 * RFC 4180 records from decoded text pushed in chunks of any size: quoted cells with "" escapes and
 * line breaks, CRLF / LF / CR line ends (a CRLF may be split across chunks). A quote inside an
 * unquoted cell is kept literally, as Excel does.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  private quotePending = false;
  private crPending = false;

  constructor(private readonly delimiter: string) {}

  *push(text: string): Generator<string[]> {
    let i = 0;
    if (this.crPending) {
      this.crPending = false;
      if (text[0] === '\n') i = 1;
    }
    if (this.quotePending && i < text.length) {
      this.quotePending = false;
      if (text[i] === '"') {
        this.field += '"';
        i += 1;
      } else this.inQuotes = false;
    }
    let start = i;
    const n = text.length;
    for (; i < n; i += 1) {
      const c = text[i];
      if (this.inQuotes) {
        if (c !== '"') continue;
        this.field += text.slice(start, i);
        if (i + 1 === n) {
          this.quotePending = true;
          start = n;
          break;
        }
        if (text[i + 1] === '"') {
          this.field += '"';
          i += 1;
        } else this.inQuotes = false;
        start = i + 1;
      } else if (c === '"' && i === start && this.field === '') {
        this.inQuotes = true;
        start = i + 1;
      } else if (c === this.delimiter) {
        this.record.push(this.field + text.slice(start, i));
        this.field = '';
        start = i + 1;
      } else if (c === '\n' || c === '\r') {
        this.record.push(this.field + text.slice(start, i));
        this.field = '';
        yield this.record;
        this.record = [];
        if (c === '\r') {
          if (i + 1 === n) this.crPending = true;
          else if (text[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
    }
    if (start < n) this.field += text.slice(start, n);
  }

  *end(): Generator<string[]> {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) throw new AppError('BAD_FILE', 'CSV 文件格式有误：有未闭合的引号（"）');
    if (this.field !== '' || this.record.length > 0) {
      this.record.push(this.field);
      yield this.record;
    }
    this.field = '';
    this.record = [];
  }
}

/** Rows of a CSV file (header = row 1), streamed; `progress.bytes` counts what has been read. */
export async function* csvRows(path: string, progress: { bytes: number }): AsyncGenerator<SheetRow> {
  let decoder: TextDecoder | undefined;
  let parser: CsvParser | undefined;
  let row = 0;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder!.decode(chunk, { stream: true }) : decoder!.decode();
    } catch {
      throw new AppError(
        'BAD_FILE',
        `文件编码无法识别：第 ${row + 1} 行附近出现无效的 UTF-8 字符，请另存为“CSV UTF-8”或 XLSX 后重新导入`,
      );
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    progress.bytes += chunk.length;
    decoder ??= decoderFor(chunk);
    const text = decode(chunk);
    if (!parser) {
      // Excel's "Unicode text" is tab separated; everything else here is comma separated.
      const firstLine = text.slice(0, text.search(/[\r\n]|$/));
      parser = new CsvParser(firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',');
    }
    for (const cells of parser.push(text)) yield { row: ++row, cells };
  }
  if (!parser || !decoder) return;
  for (const cells of parser.push(decode())) yield { row: ++row, cells };
  for (const cells of parser.end()) yield { row: ++row, cells };
}

/**
 * Data rows of a CSV file, counted from its bytes without decoding (fast enough to run before an
 * import for its progress bar): line ends outside quotes, blank lines not counted, header excluded.
 * Quote and line-end bytes never occur inside UTF-8 or GB18030 characters. Null for UTF-16 files.
 */
export async function countCsvRows(path: string): Promise<number | null> {
  let records = 0;
  let inQuotes = false;
  let content = false;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (first && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) return null;
    first = false;
    for (let i = 0; i < chunk.length; i += 1) {
      const b = chunk[i]!;
      if (b === 0x22) inQuotes = !inQuotes;
      if (inQuotes) {
        content = true;
      } else if (b === 0x0a || b === 0x0d) {
        if (content) records += 1;
        content = false;
      } else if (b !== 0x2c && b !== 0x20 && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf) content = true;
    }
  }
  if (content) records += 1;
  return Math.max(0, records - 1);
}
