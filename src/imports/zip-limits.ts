import { open } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { AppError } from '../shared/app-error';

const MB = 1024 * 1024;

/**
 * What the parts of an XLSX may inflate to. A worksheet is streamed row by row, but the shared
 * strings are held in memory for the whole import (ExcelJS caches them), and the small parts
 * (relationships, workbook, styles) are parsed whole: a few megabytes of zip can otherwise
 * inflate to gigabytes and take the process down. A real workbook compresses about 5–20 : 1.
 */
export const xlsxLimits = {
  worksheetBytes: 512 * MB,
  sharedStringsBytes: 256 * MB,
  otherPartBytes: 32 * MB,
  /** All the parts read from one file together. */
  totalBytes: 768 * MB,
  /** Inflated : compressed, refused beyond this for a part larger than `ratioFromBytes`. */
  ratio: 100,
  ratioFromBytes: 8 * MB,
  /** The central directory: an XLSX has a few dozen parts. */
  entries: 10_000,
  directoryBytes: 4 * MB,
};

/** A zip member as its central directory describes it. */
export interface ZipPartInfo {
  path: string;
  compressedSize: number;
  uncompressedSize: number;
  stream(): Readable;
}

const mb = (bytes: number) => `${Math.ceil(bytes / MB).toLocaleString('en-US')} MB`;

const bombRefusal = (path: string, detail: string) =>
  new AppError('BAD_FILE', `文件中 ${path} ${detail}，疑似压缩炸弹，已拒绝`, [{ field: path, message: detail }]);

function capOf(path: string): number {
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(path)) return xlsxLimits.worksheetBytes;
  if (path === 'xl/sharedStrings.xml') return xlsxLimits.sharedStringsBytes;
  return xlsxLimits.otherPartBytes;
}

/**
 * Reads the end-of-central-directory record and refuses an archive whose directory is far larger
 * than an XLSX needs (millions of entries would be read into memory before anything is checked).
 */
export async function checkZipDirectory(path: string): Promise<void> {
  const handle = await open(path);
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(Math.min(size, 22 + 65_535));
    await handle.read(tail, 0, tail.length, size - tail.length);
    const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (at < 0) return; // not a zip: the reader says so in its own words
    let entries = tail.readUInt16LE(at + 10);
    let directory = tail.readUInt32LE(at + 12);
    if ((entries === 0xffff || directory === 0xffffffff) && at >= 20) {
      // ZIP64: the locator just before the record points at the 64-bit record.
      const locator = tail.subarray(at - 20, at);
      if (locator.readUInt32LE(0) === 0x07064b50) {
        const record = Buffer.alloc(56);
        await handle.read(record, 0, 56, Number(locator.readBigUInt64LE(8)));
        entries = Number(record.readBigUInt64LE(32));
        directory = Number(record.readBigUInt64LE(40));
      }
    }
    if (entries > xlsxLimits.entries || directory > xlsxLimits.directoryBytes)
      throw new AppError(
        'BAD_FILE',
        `文件的压缩包目录有 ${entries.toLocaleString('en-US')} 个条目（${mb(directory)}），不是正常的 XLSX 文件，已拒绝`,
      );
  } finally {
    await handle.close();
  }
}

/**
 * Opens the parts of one XLSX under the caps: each part's declared size and inflation ratio are
 * checked before it is inflated, and while it inflates a counter stops it at its declared size
 * (a directory can lie), so no part ever produces more than its cap.
 */
export function boundedParts(): (part: ZipPartInfo) => Readable {
  let total = 0;
  return (part) => {
    const cap = capOf(part.path);
    const declared = part.uncompressedSize;
    if (declared > cap) throw bombRefusal(part.path, `解压后达 ${mb(declared)}，超过 ${mb(cap)} 的上限`);
    if (declared > xlsxLimits.ratioFromBytes && declared > xlsxLimits.ratio * Math.max(part.compressedSize, 1))
      throw bombRefusal(
        part.path,
        `压缩比达 ${Math.round(declared / Math.max(part.compressedSize, 1)).toLocaleString('en-US')} : 1（解压后 ${mb(declared)}），超过 ${xlsxLimits.ratio} : 1`,
      );
    total += declared;
    if (total > xlsxLimits.totalBytes)
      throw bombRefusal(part.path, `与之前读取的部分合计解压后超过 ${mb(xlsxLimits.totalBytes)} 的上限`);
    const source = part.stream();
    let inflated = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        if (inflated > declared)
          done(bombRefusal(part.path, `解压后超过压缩包目录中声明的大小（${declared.toLocaleString('en-US')} 字节）`));
        else done(null, chunk);
      },
    });
    source.on('error', (error) => guard.destroy(error));
    guard.on('close', () => source.destroy());
    return source.pipe(guard);
  };
}
