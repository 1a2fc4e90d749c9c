import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * A small ZIP writer for tests that need archives no office program writes: a part repeated to
 * hundreds of megabytes (deflated as it is generated, so the test itself never holds it), a part
 * whose central-directory size lies, an XLSX with a part missing.
 */
export interface ZipPart {
  name: string;
  /** The part's bytes, or a prefix, a unit repeated to about `bytes`, and a suffix. */
  data: Buffer | { prefix: string; unit: string; bytes: number; suffix: string };
  /** Uncompressed size written into the headers instead of the real one. */
  declaredSize?: number;
}

async function deflate(data: ZipPart['data']): Promise<{ compressed: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  let crc = 0;
  let size = 0;
  const write = async (chunk: Buffer) => {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await once(deflater, 'drain');
  };
  if (Buffer.isBuffer(data)) await write(data);
  else {
    await write(Buffer.from(data.prefix));
    const unit = Buffer.from(data.unit);
    const block = Buffer.concat(Array.from({ length: Math.max(1, Math.floor(65_536 / unit.length)) }, () => unit));
    for (let left = data.bytes; left > 0; left -= block.length) await write(block);
    await write(Buffer.from(data.suffix));
  }
  deflater.end();
  await once(deflater, 'end');
  return { compressed: Buffer.concat(out), crc, size };
}

/** Writes a deflated ZIP archive of the parts to `path`. */
export async function writeZip(path: string, parts: ZipPart[]): Promise<void> {
  const file = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const put = async (chunk: Buffer) => {
    offset += chunk.length;
    if (!file.write(chunk)) await once(file, 'drain');
  };
  for (const part of parts) {
    const { compressed, crc, size } = await deflate(part.data);
    const declared = part.declaredSize ?? size;
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    await put(local);
    await put(name);
    await put(compressed);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await put(directory);
  await put(end);
  file.end();
  await once(file, 'close');
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * The parts of a minimal XLSX whose first sheet holds `rows` as shared strings. `sharedStrings`
 * replaces the shared-strings part (a bomb); `styles: false` leaves xl/styles.xml out (the
 * cells still name style 1, as in a file whose styles part was lost).
 */
export function xlsxParts(
  rows: string[][],
  options: { styles?: boolean; sharedStrings?: ZipPart['data']; declaredSharedStrings?: number } = {},
): ZipPart[] {
  const strings: string[] = [];
  const cell = (v: string, c: number, r: number) => {
    strings.push(v);
    return `<c r="${String.fromCharCode(65 + c)}${r}" t="s" s="1"><v>${strings.length - 1}</v></c>`;
  };
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, c, r + 1)).join('')}</row>`)
    .join('')}</sheetData></worksheet>`;
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s) => `<si><t>${s}</t></si>`)
    .join('')}</sst>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="0"/><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>${options.styles === false ? '' : `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>`}</Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
  ];
  if (options.styles !== false) parts.push({ name: 'xl/styles.xml', data: Buffer.from(styles) });
  parts.push({
    name: 'xl/sharedStrings.xml',
    data: options.sharedStrings ?? Buffer.from(sst),
    ...(options.declaredSharedStrings !== undefined ? { declaredSize: options.declaredSharedStrings } : {}),
  });
  return parts;
}

/** A shared-strings part of about `bytes` bytes: one short string repeated (it deflates about 1,000 : 1). */
export const repeatedStrings = (bytes: number): ZipPart['data'] => ({
  prefix: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">`,
  unit: '<si><t>炸弹</t></si>',
  bytes,
  suffix: '</sst>',
});
