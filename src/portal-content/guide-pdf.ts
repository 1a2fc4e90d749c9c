import { chinaDate } from '../shared/china-date';
import { createPdf, type Pdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import type { PublicGuide } from './guide.schemas';

function section(doc: Pdf, title: string, text: string): void {
  doc.moveDown(0.4);
  writeParagraph(doc, title, 13);
  for (const paragraph of (text.trim() || '（无）').split(/\n+/)) writeParagraph(doc, paragraph, 10);
}

/**
 * The 一业一册 as a PDF (《日照市人民政府办公室关于深入推进跨部门综合监管的实施意见》（十七）: 一次性告知市场主体合规经营要求):
 * the lead department's text, then each supervision item that applies with its check list, as on the web page.
 */
export async function guidePdf(g: PublicGuide): Promise<Buffer> {
  const title = `${g.industryName}合规经营指南（一业一册）`;
  const { doc, finish } = createPdf({
    title,
    subtitle: `国民经济行业分类 ${g.industryPath.map((p) => `${p.code} ${p.name}`).join(' › ')}\n牵头部门：${g.departmentName}　第 ${g.version} 版　发布日期：${chinaDate(new Date(g.publishedAt))}`,
  });
  section(doc, '一、行业简介', g.introduction);
  section(doc, '二、主要合规义务', g.keyObligations);
  section(doc, '三、常见违法行为', g.commonViolations);
  section(doc, '四、合规经营提示', g.tips);
  doc.moveDown(0.4);
  writeParagraph(doc, '五、适用的监管事项与检查内容', 13);
  if (g.items.length === 0) writeParagraph(doc, '目前没有专门适用于本行业的随机抽查检查内容。');
  g.items.forEach((item, n) => {
    doc.moveDown(0.3);
    writeParagraph(doc, `${n + 1}. ${item.name}（${item.departmentName}，事项编码 ${item.code}）`, 11);
    writeParagraph(doc, `设定依据：${item.legalBasis}`, 9);
    if (item.partial) writeParagraph(doc, `适用范围：${item.scope.map((s) => s.name).join('、')}`, 9);
    writeTable(
      doc,
      [
        { header: '序号', weight: 1 },
        { header: '检查内容', weight: 8 },
        { header: '检查方式', weight: 2 },
        { header: '依据', weight: 4 },
      ],
      item.checks.map((c, i) => [String(i + 1), c.content, c.method, c.basis]),
    );
  });
  doc.moveDown(0.6);
  writeParagraph(
    doc,
    '本指南由行业牵头主管部门会同相关监管部门编制，监管事项与检查内容取自平台公布的监管事项目录清单和检查实施清单；以现行法律法规为准。',
    8,
  );
  return finish();
}
