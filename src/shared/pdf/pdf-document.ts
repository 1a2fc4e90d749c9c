import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';
import { AppError } from '../app-error';

/** A CJK font file; `family` is the PostScript name of the face inside a collection (.ttc). */
export interface CjkFont {
  path: string;
  family?: string;
}

/**
 * Debian's fonts-noto-cjk and fonts-wqy-microhei (scripts/ensure-system-deps.sh installs both). Noto Sans
 * CJK SC comes first: WenQuanYi Micro Hei lacks symbols inspection documents use (℃ printed as a blank);
 * Noto costs about 0.15 s more per document and ~50 KB more per file.
 */
export const cjkFontCandidates: readonly CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
];

/** The first installed CJK font; a clear error when none is (PDFs would otherwise print boxes). */
export function resolveCjkFont(candidates: readonly CjkFont[] = cjkFontCandidates): CjkFont {
  const font = candidates.find((c) => existsSync(c.path));
  if (!font) {
    throw new AppError(
      'INTERNAL',
      `未找到中文字体，无法生成 PDF。请安装 fonts-noto-cjk 或 fonts-wqy-microhei（运行 scripts/ensure-system-deps.sh），查找过：${candidates.map((c) => c.path).join('、')}`,
    );
  }
  return font;
}

export interface PdfOptions {
  title: string;
  subtitle?: string;
  landscape?: boolean;
  font?: CjkFont;
}

export type Pdf = InstanceType<typeof PDFDocument>;

/** PDFKit, loaded the first time a document is made: it takes about a tenth of a second that a start need not wait for. */
let pdfkit: typeof PDFDocument | null = null;
const loadPdfKit = (): typeof PDFDocument =>
  (pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFDocument);

/** An A4 document with the CJK font set, the title centred at the top and page numbers at the foot. */
export function createPdf(options: PdfOptions): { doc: Pdf; finish(): Promise<Buffer> } {
  const font = options.font ?? resolveCjkFont();
  const doc = new (loadPdfKit())({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: 40,
    bufferPages: true,
    info: { Title: options.title, Creator: '联检 跨部门协同监管平台' },
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(18).text(options.title, { align: 'center' });
  if (options.subtitle)
    doc.moveDown(0.3).fontSize(10).fillColor('#555555').text(options.subtitle, { align: 'center' }).fillColor('black');
  doc.moveDown(0.8).fontSize(10);
  return {
    doc,
    finish: () => {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i += 1) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .fontSize(8)
          .fillColor('#777777')
          .text(`第 ${i + 1} 页，共 ${range.count} 页`, 0, doc.page.height - 25, {
            width: doc.page.width,
            align: 'center',
          });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
}

export interface PdfColumn {
  header: string;
  /** Relative width; the table fills the text width. */
  weight: number;
}

/**
 * A bordered table whose rows grow to fit wrapped text; a row that does not fit on the page moves
 * to the next page, where the header is repeated. Cells taller than a whole page are cut (rare: keep cell text short).
 */
export function writeTable(
  doc: Pdf,
  columns: readonly PdfColumn[],
  rows: readonly (readonly string[])[],
  fontSize = 8,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * width);
  const pad = 3;
  doc.fontSize(fontSize);
  const heightOf = (cells: readonly string[]) =>
    Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 10;
  const drawRow = (cells: readonly string[], header: boolean) => {
    const fit = () => Math.min(heightOf(cells), bottom() - doc.page.margins.top);
    let height = fit();
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!header)
        drawRow(
          columns.map((c) => c.header),
          true,
        );
      doc.fontSize(fontSize);
      height = fit();
    }
    const top = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      if (header) doc.rect(x, top, widths[i]!, height).fillAndStroke('#eef2f7', '#888888').fillColor('black');
      else doc.rect(x, top, widths[i]!, height).strokeColor('#888888').stroke();
      doc.text(text, x + pad, top + pad, { width: widths[i]! - 2 * pad, height: height - 2 * pad + 1, ellipsis: true });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = top + height;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
  );
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.5);
}

/** A paragraph in the text width (after a table the cursor is at the left margin). */
export function writeParagraph(doc: Pdf, text: string, fontSize = 10): void {
  doc.fontSize(fontSize).text(text, doc.page.margins.left, doc.y, {
    width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
  });
  doc.moveDown(0.4);
}
