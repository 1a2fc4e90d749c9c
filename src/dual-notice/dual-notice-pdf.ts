import { createPdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import type { CaseDetail } from './dual-notice.schemas';

const active = (c: CaseDetail) => c.itemList.filter((i) => !i.removed);
const chinese = (date: string) => {
  const [y, m, d] = date.split('-');
  return `${y} 年 ${Number(m)} 月 ${Number(d)} 日`;
};

function itemsTable(doc: ReturnType<typeof createPdf>['doc'], c: CaseDetail): void {
  writeTable(
    doc,
    [
      { header: '序号', weight: 4 },
      { header: '审批事项', weight: 16 },
      { header: '审批部门', weight: 14 },
      { header: '取得许可前不得从事的经营活动', weight: 26 },
    ],
    active(c).map((i, n) => [
      String(n + 1),
      `${i.name}${i.highRisk ? '（联合审核）' : ''}`,
      i.licensingDepartment,
      i.restriction || `未取得${i.name}前，不得从事相关经营活动`,
    ]),
    9,
  );
}

/**
 * 《告知书》 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第八条第一款): the approval items the subject needs before
 * operating, with their licensing departments, what may not be done before the licence, the number and the date.
 */
export function dualNoticePdf(c: CaseDetail, issuedOn: string): Promise<Buffer> {
  const { doc, finish } = createPdf({
    title: '市场主体登记注册后置审批事项告知书',
    subtitle: `编号 ${c.noticeNo ?? '（未出具）'}`,
  });
  writeParagraph(doc, `${c.subjectName}（统一社会信用代码 ${c.uscc}）：`, 11);
  writeParagraph(
    doc,
    `你单位已于 ${chinese(c.registeredOn)} 办理${c.event}登记（登记编号 ${c.registrationNo}）。根据“双告知”事项目录，你单位经营范围中的下列经营项目须经有关部门批准后方可开展经营活动。现告知如下：`,
    10,
  );
  itemsTable(doc, c);
  writeParagraph(
    doc,
    '一、请在取得上述许可审批后，方可开展相应经营活动；未取得许可审批从事经营活动的，由有关部门依法查处。',
    10,
  );
  writeParagraph(
    doc,
    '二、登记注册部门已将你单位的登记注册信息推送至上述许可审批部门及行业主管、综合执法部门和所在街镇，相关部门将依法开展后续监管（“照后证前”跟踪检查）。',
    10,
  );
  writeParagraph(doc, '三、请你单位的法定代表人、负责人、经营者或其授权人签署《承诺书》。', 10);
  if (active(c).some((i) => i.highRisk))
    writeParagraph(doc, '四、上述事项中标注“联合审核”的，属于安全稳定风险较高的行业领域，由有关部门联合审核。', 10);
  doc.moveDown(1.5);
  writeParagraph(doc, `告知部门：${c.registrationAuthority}`, 10);
  writeParagraph(doc, `告知日期：${chinese(issuedOn)}`, 10);
  writeParagraph(doc, '（本告知书由联检跨部门协同监管平台生成，编号可在平台核对。）', 8);
  return finish();
}

/** 《承诺书》 template to sign (第八条第二款): the subject knows the items and departments and will not operate first. */
export function commitmentTemplatePdf(c: CaseDetail): Promise<Buffer> {
  const { doc, finish } = createPdf({ title: '承诺书', subtitle: `对应告知书编号 ${c.noticeNo ?? '（未出具）'}` });
  writeParagraph(doc, `本单位 ${c.subjectName}（统一社会信用代码 ${c.uscc}）郑重承诺：`, 11);
  writeParagraph(doc, '一、本单位已清楚知晓以下须经批准方可开展经营活动的审批事项及其审批部门：', 10);
  itemsTable(doc, c);
  writeParagraph(doc, '二、在取得上述许可审批之前，本单位不开展相应经营活动。', 10);
  writeParagraph(
    doc,
    '三、本承诺不替代本单位在办理实行告知承诺的行政审批事项时，向许可审批部门作出的承诺。如违反本承诺，愿依法承担相应责任。',
    10,
  );
  doc.moveDown(2);
  writeParagraph(doc, '签署人（法定代表人／负责人／经营者／授权人）：＿＿＿＿＿＿＿＿＿＿＿＿', 11);
  doc.moveDown(1);
  writeParagraph(doc, '签署人身份：□法定代表人　□负责人　□经营者　□授权人（附授权委托书）', 10);
  doc.moveDown(1);
  writeParagraph(doc, '（市场主体盖章）　　　　　　　　　　签署日期：　　　年　　月　　日', 11);
  return finish();
}
