import { createPdf, type Pdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import { complianceAdvice } from './compliance-advice';

/** The four companion documents of a penalty decision (五书同达), in the order they are served. */
export const penaltyDocumentKinds = [
  'publicity-notice',
  'compliance-advice',
  'repair-notice',
  'seal-authorisation',
] as const;
export type PenaltyDocumentKind = (typeof penaltyDocumentKinds)[number];

export const penaltyDocumentTitles: Record<PenaltyDocumentKind, string> = {
  'publicity-notice': '行政处罚信息公示告知书',
  'compliance-advice': '行政合规建议书',
  'repair-notice': '信用修复告知书',
  'seal-authorisation': '电子公章使用授权书',
};

/** What the documents say: the decision, the set and the dates the platform derives. */
export interface DocumentFacts {
  setNo: string;
  decisionDocNo: string;
  counterpartName: string;
  counterpartCategory: string;
  uscc: string | null;
  decidedOn: string;
  violationType: string;
  violationFacts: string;
  legalBasis: string;
  categories: string[];
  content: string;
  fineAmount: string | null;
  authorityName: string;
  departmentName: string;
  preparedOn: string;
  /** The last day of the 7 working days for publication; null while that year's holidays are not loaded. */
  publicationDueOn: string | null;
  publicityUntil: string;
  earliestRepairOn: string | null;
  serious: boolean;
  unpublished: boolean;
  /** Null for a natural person (no credit code: repair at the counter). */
  queryCode: string | null;
}

export const chineseDate = (date: string) => {
  const [y, m, d] = date.split('-');
  return `${y} 年 ${Number(m)} 月 ${Number(d)} 日`;
};

function opening(doc: Pdf, f: DocumentFacts, n: number): void {
  writeParagraph(doc, `编号：${f.setNo}-${n}　　　对应《行政处罚决定书》：${f.decisionDocNo}`, 9);
  doc.moveDown(0.4);
  const code = f.uscc ? `（统一社会信用代码 ${f.uscc}）` : '';
  writeParagraph(doc, `${f.counterpartName}${code}：`, 11);
}

function closing(doc: Pdf, f: DocumentFacts, signer = f.authorityName): void {
  doc.moveDown(1.5);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.fontSize(11).text(`${signer}（电子印章）`, doc.page.margins.left, doc.y, { width, align: 'right' });
  doc.moveDown(0.3).text(chineseDate(f.preparedOn), { width, align: 'right' });
  doc.moveDown(1.5);
  writeParagraph(
    doc,
    `本文书与《行政处罚决定书》（${f.decisionDocNo}）一并送达（五书同达），由联检跨部门协同监管平台生成，编号可在平台核对。`,
    8,
  );
}

/** 《行政处罚信息公示告知书》: what is published, where and for how long (双公示, 《中华人民共和国行政处罚法》第四十八条). */
function publicityNotice(doc: Pdf, f: DocumentFacts): void {
  opening(doc, f, 1);
  if (f.unpublished) {
    writeParagraph(
      doc,
      `本机关于 ${chineseDate(f.decidedOn)} 对你（单位）作出《行政处罚决定书》（${f.decisionDocNo}），处罚种类为${f.categories.join('、')}。按照《失信行为纠正后的信用信息修复管理办法（试行）》，仅受到警告、通报批评的行政处罚信息不予公示。特此告知。`,
      10,
    );
    return;
  }
  const due = f.publicationDueOn ? `${chineseDate(f.publicationDueOn)}前` : '作出决定之日起 7 个工作日内';
  writeParagraph(
    doc,
    `本机关于 ${chineseDate(f.decidedOn)} 对你（单位）作出《行政处罚决定书》（${f.decisionDocNo}）。根据《中华人民共和国行政处罚法》第四十八条和行政许可、行政处罚信息“双公示”的规定，该行政处罚决定信息将于${due}在联检公众服务平台“双公示”栏目公示，并推送公共信用信息服务平台。现将公示事项告知如下：`,
    10,
  );
  writeTable(
    doc,
    [
      { header: '公示项目', weight: 10 },
      { header: '公示内容', weight: 30 },
    ],
    [
      ['行政相对人名称', f.counterpartName],
      ['统一社会信用代码', f.uscc ?? '（自然人，身份证件号码不予公示）'],
      ['行政处罚决定书文号', f.decisionDocNo],
      ['违法行为类型', f.violationType],
      ['违法事实', f.violationFacts],
      ['处罚依据', f.legalBasis],
      ['处罚类别', f.categories.join('、')],
      ['处罚内容', f.content],
      ['罚款金额（万元）', f.fineAmount ?? '—'],
      ['处罚决定日期', f.decidedOn],
      ['处罚机关', f.authorityName],
      ['公示截止期', f.publicityUntil],
    ],
    9,
  );
  writeParagraph(doc, `一、公示期限：自公示之日起至 ${chineseDate(f.publicityUntil)}，期满后不再公开。`, 10);
  writeParagraph(doc, '二、自然人的身份证件号码不予公示、不予推送。', 10);
  writeParagraph(
    doc,
    '三、你（单位）认为公示信息有误的，可向本机关提出更正；符合条件的，可按《信用修复告知书》申请信用修复，修复后提前停止公示。',
    10,
  );
}

/** 《行政合规建议书》: the problem, its legal basis and what to do so it does not happen again. */
function complianceNotice(doc: Pdf, f: DocumentFacts): void {
  opening(doc, f, 2);
  writeParagraph(
    doc,
    `本机关在作出《行政处罚决定书》（${f.decisionDocNo}）的同时，根据你（单位）的违法行为提出以下合规建议，供你（单位）整改和建立长效机制时参考。本建议书不是新的处罚决定。`,
    10,
  );
  writeParagraph(doc, '一、存在的问题', 11);
  writeParagraph(doc, `违法行为类型：${f.violationType}。${f.violationFacts}`, 10);
  writeParagraph(doc, '二、法律依据', 11);
  writeParagraph(doc, f.legalBasis, 10);
  writeParagraph(doc, '三、合规建议', 11);
  complianceAdvice(f.violationType, f.categories).forEach((line, i) => writeParagraph(doc, `${i + 1}. ${line}`, 10));
}

/** 《信用修复告知书》: the conditions, the earliest day, how to apply and when the decision comes. */
function repairNotice(doc: Pdf, f: DocumentFacts): void {
  opening(doc, f, 3);
  if (f.unpublished || f.serious) {
    writeParagraph(
      doc,
      f.unpublished
        ? '你（单位）受到的行政处罚仅为警告、通报批评，按照《失信行为纠正后的信用信息修复管理办法（试行）》不予公示，无需申请信用修复。'
        : `《行政处罚决定书》（${f.decisionDocNo}）所涉违法行为属于严重失信行为，最短公示期为一年，不适用平台的信用修复途径；公示期满前如需修复，请向本机关提出，由本机关依法审核。`,
      10,
    );
    return;
  }
  writeParagraph(
    doc,
    `依据《失信行为纠正后的信用信息修复管理办法（试行）》，你（单位）在《行政处罚决定书》（${f.decisionDocNo}）所涉失信行为纠正后，可以申请信用修复，修复后该行政处罚信息提前停止公示。`,
    10,
  );
  writeParagraph(doc, '一、申请条件', 11);
  writeParagraph(
    doc,
    `1. 最短公示期已满：自处罚决定之日起 3 个月，即 ${chineseDate(f.earliestRepairOn!)} 起可以申请；`,
    10,
  );
  writeParagraph(doc, '2. 已履行行政处罚决定（如已缴纳罚款）；3. 已纠正失信行为、消除不良影响；4. 作出信用承诺。', 10);
  writeParagraph(doc, '二、申请方式', 11);
  if (f.queryCode)
    writeParagraph(
      doc,
      `1. 网上申请：登录联检公众服务平台“信用修复”栏目，输入统一社会信用代码 ${f.uscc} 和本告知书的企业查询码【${f.queryCode}】，选择本处罚，填写承诺并上传履行、整改证明材料（PDF 或 JPG，每个不超过 2 MB）；`,
      10,
    );
  writeParagraph(doc, `${f.queryCode ? '2' : '1'}. 窗口申请：携带上述材料到信用主管部门窗口，由工作人员代为录入。`, 10);
  writeParagraph(doc, '三、办理时限', 11);
  writeParagraph(
    doc,
    '信用主管部门自收到申请之日起 2 个工作日内受理或一次性告知补正材料，自受理之日起 5 个工作日内作出是否修复的决定。凭申请编号和企业查询码可在网上查询办理进度。',
    10,
  );
  writeParagraph(doc, '请妥善保管企业查询码，不要告知他人。', 9);
}

/** 《电子公章使用授权书》: the deciding body authorises its electronic seal on the documents served with this decision. */
function sealAuthorisation(doc: Pdf, f: DocumentFacts): void {
  writeParagraph(doc, `编号：${f.setNo}-4　　　对应《行政处罚决定书》：${f.decisionDocNo}`, 9);
  doc.moveDown(0.4);
  writeParagraph(doc, '授权单位：' + f.authorityName, 11);
  writeParagraph(doc, `送达承办部门：${f.departmentName}`, 11);
  writeParagraph(
    doc,
    `本单位授权${f.departmentName}在送达《行政处罚决定书》（${f.decisionDocNo}）及其配套文书时，使用本单位电子公章，具体如下：`,
    10,
  );
  writeTable(
    doc,
    [
      { header: '授权事项', weight: 10 },
      { header: '内容', weight: 30 },
    ],
    [
      [
        '授权文书',
        `《行政处罚决定书》（${f.decisionDocNo}）、《行政处罚信息公示告知书》、《行政合规建议书》、《信用修复告知书》`,
      ],
      ['送达对象', `${f.counterpartName}（${f.counterpartCategory}）`],
      ['使用方式', '经联检跨部门协同监管平台加盖电子公章，电子送达时与纸质文书具有同等效力'],
      ['授权期限', `自 ${chineseDate(f.preparedOn)} 起至上述文书全部送达之日止`],
    ],
    9,
  );
  writeParagraph(doc, '被授权部门不得将电子公章用于上述文书以外的用途；每次使用记入平台审计日志。', 10);
  closing(doc, f);
}

/** One of the four documents as a PDF. The same set gives the same text each time. */
export function penaltyDocumentPdf(kind: PenaltyDocumentKind, f: DocumentFacts): Promise<Buffer> {
  const { doc, finish } = createPdf({ title: penaltyDocumentTitles[kind], subtitle: f.authorityName });
  if (kind === 'publicity-notice') publicityNotice(doc, f);
  if (kind === 'compliance-advice') complianceNotice(doc, f);
  if (kind === 'repair-notice') repairNotice(doc, f);
  if (kind === 'seal-authorisation') sealAuthorisation(doc, f);
  else closing(doc, f);
  return finish();
}
