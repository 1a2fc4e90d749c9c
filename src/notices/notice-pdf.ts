import QRCode from 'qrcode';
import { createPdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import { chinaDate } from '../shared/china-date';
import type { NoticeView } from './notice.schemas';

/** On a notice printed again (no 查询码 in hand): where the subject's 查询码 went and how to get a new one. */
function queryCodeWhereabouts(notice: NoticeView): string {
  const latest = notice.queryCodes[0];
  const sent =
    latest?.channel && latest.contact && latest.delivery !== '发送失败'
      ? `，并已通过${latest.channel}发送至 ${latest.contact}`
      : '';
  const department = notice.issuingDepartment ?? notice.facts.departments.map((d) => d.name).join('或');
  return `企业查询码：已随检查告知书交付贵单位${sent}。如遗失查询码，请联系${department}重新发放（原查询码随即作废）。`;
}

/**
 * The 检查告知书 as an A4 PDF (《黄浦区精准高效协同监管实施办法（试行）》第十一条): departments, inspectors with certificate numbers,
 * items with their check content, window, expected duration, materials and the 检查码 QR.
 * The 查询码 is printed only when the caller passes it (right after it was given); otherwise the notice says where it
 * went and which department gives a new one.
 */
export async function noticePdf(
  notice: NoticeView,
  verifyUrl: string | null,
  queryCode: string | null,
): Promise<Buffer> {
  const f = notice.facts;
  const departments = f.departments.map((d) => d.name).join('、');
  const { doc, finish } = createPdf({
    title: f.departments.length > 1 ? '跨部门联合检查告知书' : '检查告知书',
    subtitle: `任务编号 ${f.taskNo}`,
  });
  writeParagraph(doc, `${f.subject.name}（统一社会信用代码 ${f.subject.uscc}）：`, 11);
  writeParagraph(
    doc,
    `根据“双随机、一公开”监管工作安排，${departments}将对你单位实施${f.departments.length > 1 ? '联合' : ''}现场检查（进一次门、查多项事）。现将有关事项告知如下：`,
    10,
  );
  const visit = f.expectedDate
    ? `${f.expectedDate}（检查期 ${f.window.from} 至 ${f.window.to}）`
    : `检查期 ${f.window.from} 至 ${f.window.to} 内，具体时间由检查人员提前告知`;
  writeParagraph(doc, `一、检查时间：${visit}；预计现场检查时长：${f.expectedDuration}。`, 10);
  writeParagraph(doc, '二、检查部门和检查人员（检查人员应出示执法证件，你单位可扫描下方检查码核验）：', 10);
  writeTable(
    doc,
    [
      { header: '检查部门', weight: 14 },
      { header: '检查人员', weight: 10 },
      { header: '执法证号', weight: 16 },
    ],
    f.departments.flatMap((d) =>
      d.inspectors.length ? d.inspectors.map((p) => [d.name, p.name, p.certificateNo]) : [[d.name, '（待指派）', '']],
    ),
    9,
  );
  writeParagraph(doc, '三、检查事项、检查方式和检查内容：', 10);
  writeTable(
    doc,
    [
      { header: '检查部门', weight: 10 },
      { header: '检查事项', weight: 16 },
      { header: '检查方式', weight: 8 },
      { header: '检查内容', weight: 30 },
    ],
    f.departments.flatMap((d) =>
      d.items.map((i) => [
        d.name,
        `${i.name}（${i.code}）`,
        i.method,
        i.checkItems.length
          ? i.checkItems.map((c, n) => `${n + 1}. ${c.content}`).join('\n')
          : '按该事项检查实施清单执行',
      ]),
    ),
    8,
  );
  writeParagraph(doc, '四、请准备以下材料：', 10);
  f.materials.forEach((m, n) => writeParagraph(doc, `${n + 1}. ${m}`, 9));
  writeParagraph(
    doc,
    '五、你单位享有陈述、申辩的权利；检查人员与你单位有利害关系的，你单位有权申请回避。各检查部门提交检查结果后，可扫描检查码并凭企业查询码分别对各部门的检查作出评价。',
    10,
  );
  doc.moveDown(0.5);
  const code = notice.code;
  if (code && verifyUrl) {
    const png = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
    const top = doc.y + 80 > doc.page.height - doc.page.margins.bottom - 40 ? (doc.addPage(), doc.y) : doc.y;
    const left = doc.page.margins.left;
    doc.image(png, left, top, { width: 130, height: 130 });
    const textLeft = left + 145;
    const width = doc.page.width - doc.page.margins.right - textLeft;
    doc.fontSize(11).text('检查码', textLeft, top, { width });
    doc.fontSize(9).text(`扫描左侧二维码或访问以下地址，核验本次检查是否真实有效：`, { width }).moveDown(0.2);
    doc
      .fontSize(7)
      .fillColor('#333333')
      .text(verifyUrl.length > 160 ? `${verifyUrl.slice(0, 157)}…` : verifyUrl, { width })
      .fillColor('black')
      .moveDown(0.3);
    doc
      .fontSize(9)
      .text(`签发时间：${chinaDate(new Date(code.issuedAt))}　有效期至：${chinaDate(new Date(code.expiresAt))}`, {
        width,
      });
    if (code.revokedAt)
      doc
        .fillColor('#c00000')
        .text(`本检查码已撤销：${code.revokeReason ?? ''}`, { width })
        .fillColor('black');
    doc
      .moveDown(0.3)
      .fontSize(10)
      .text(
        queryCode
          ? `企业查询码：${queryCode}（请妥善保存，仅显示一次；可在公众服务平台“企业查询”凭统一社会信用代码和查询码查看告知书，检查后凭查询码评价）`
          : queryCodeWhereabouts(notice),
        { width },
      );
    doc.x = left;
    doc.y = Math.max(doc.y, top + 140);
  } else {
    writeParagraph(doc, '（尚未签发检查码）', 10);
  }
  doc.moveDown(0.5);
  writeParagraph(doc, `${departments}　　${chinaDate(code ? new Date(code.issuedAt) : new Date())}`, 10);
  return finish();
}
