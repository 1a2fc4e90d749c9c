import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/app-error';
import { createPdf, resolveCjkFont, writeTable } from '../../src/shared/pdf/pdf-document';

describe('PDF helper', () => {
  it('fails with a clear Chinese error when no CJK font is installed', () => {
    const missing = [{ path: '/nonexistent/font.ttc', family: 'X' }];
    expect(() => resolveCjkFont(missing)).toThrow(AppError);
    expect(() => resolveCjkFont(missing)).toThrow(
      /未找到中文字体，无法生成 PDF。请安装 fonts-noto-cjk 或 fonts-wqy-microhei/,
    );
  });

  it('writes a titled document with a table that breaks across pages', async () => {
    const { doc, finish } = createPdf({ title: '测试文书', subtitle: '副标题' });
    writeTable(
      doc,
      [
        { header: '序号', weight: 1 },
        { header: '内容', weight: 6 },
      ],
      Array.from({ length: 80 }, (_, i) => [
        String(i + 1),
        '检查许可证照、进货查验记录和从业人员健康证明'.repeat(1 + (i % 3)),
      ]),
    );
    const pdf = await finish();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)!.length).toBeGreaterThan(1);
  });

  it('uses a font that draws every symbol inspection documents print (℃, ≥, ①, ㎡, dashes)', async () => {
    const { doc, finish } = createPdf({ title: '字形' });
    // A glyph that exists but draws nothing prints a blank (WenQuanYi Micro Hei's ℃).
    const font = (
      doc as unknown as { _font: { font: { glyphForCodePoint(c: number): { path: { commands: unknown[] } } } } }
    )._font.font;
    const missing = [...'冷藏0–4℃，冷冻−18℃；浓度≥250mg/L；①②③㎡《》“”、。±×÷'].filter(
      (c) => font.glyphForCodePoint(c.codePointAt(0)!).path.commands.length === 0,
    );
    expect(missing).toEqual([]);
    await finish();
  });
});
