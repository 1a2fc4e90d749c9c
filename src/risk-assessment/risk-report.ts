import { createPdf, type Pdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import type { RiskLevel } from '../draw/engine/types';
import type { AssessmentView } from './risk-assessment.schemas';
import { indicatorRules } from './risk-score';

/** The situations of 《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十三条, as the report words them. */
const reasonText: Record<AssessmentView['reasonKind'], string> = {
  确定监管重点: '根据法律法规规章规定或行政管理需要，为确定监管的重点领域、重点品种进行风险评估（第三十三条第一项）',
  发现安全隐患: '通过风险监测或者接到举报发现行业、产品可能存在安全隐患，开展专项风险评估（第三十三条第二项）',
  新兴业态: '对新兴业态、产品等尚未形成法律法规、技术标准、监管举措的情形开展评估（第三十三条第三项）',
  上级部门要求: '上级部门认为需要开展风险评估（第三十三条第四项）',
};

/** The report lists at most this many flagged subjects (the platform's result list has them all). */
const FLAGGED_LISTED = 100;

const levelColors: Record<RiskLevel, string> = { 低: '#67c23a', 一般: '#409eff', 较高: '#e6a23c', 高: '#f56c6c' };

export interface ReportInput {
  view: AssessmentView;
  issuedOn: string;
  /** The subjects rated 高 or 较高 (listed in the report), high first. */
  flagged: { uscc: string; name: string; score: number | null; level: RiskLevel }[];
  scopeText: string;
}

function heading(doc: Pdf, text: string): void {
  doc.moveDown(0.4);
  writeParagraph(doc, text, 13);
}

/** A bar chart of subjects per level, drawn in the PDF (bars with their counts above). */
function levelChart(doc: Pdf, distribution: AssessmentView['distribution']): void {
  const left = doc.page.margins.left + 40;
  const height = 120;
  if (doc.y + height + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y + 10;
  const max = Math.max(1, ...distribution.map((d) => d.subjects));
  const barWidth = 60;
  const gap = 50;
  doc
    .strokeColor('#888888')
    .moveTo(left, top + height)
    .lineTo(left + 4 * (barWidth + gap), top + height)
    .stroke();
  distribution.forEach((d, i) => {
    const h = (d.subjects / max) * (height - 15);
    const x = left + gap / 2 + i * (barWidth + gap);
    if (h > 0) doc.rect(x, top + height - h, barWidth, h).fill(levelColors[d.level]);
    doc.fillColor('black').fontSize(9);
    doc.text(`${d.subjects} 户`, x - 10, top + height - h - 13, { width: barWidth + 20, align: 'center' });
    doc.text(d.level, x - 10, top + height + 4, { width: barWidth + 20, align: 'center' });
  });
  doc.x = doc.page.margins.left;
  doc.y = top + height + 24;
}

/**
 * The written risk assessment report (风险评估报告, 第三十五条): 评估原因、评估过程、评估指标体系及方法、评估结果
 * (distribution table and bar chart, the subjects rated 高 and 较高) and 排除风险措施, with how the result is used
 * (第三十七条).
 */
export async function riskReportPdf(input: ReportInput): Promise<Buffer> {
  const { view } = input;
  const { doc, finish } = createPdf({
    title: view.name.endsWith('评估') ? `${view.name}报告` : `${view.name}风险评估报告`,
    subtitle: `${view.assessmentNo}　${view.departmentName}　${input.issuedOn} 发布`,
  });
  heading(doc, '一、评估原因');
  writeParagraph(doc, `启动情形：${reasonText[view.reasonKind]}。`);
  writeParagraph(doc, `具体原因：${view.reason}`);

  heading(doc, '二、评估过程');
  const body =
    view.assessorKind === '委托第三方'
      ? `委托第三方评估机构“${view.assessorName}”具体实施（第三十八条）`
      : `${view.departmentName}自行开展`;
  writeParagraph(doc, `评估主体：${view.departmentName}；实施方式：${body}。评估对象及范围：${input.scopeText}。`);
  writeTable(
    doc,
    [
      { header: '时间', weight: 1 },
      { header: '事项', weight: 4 },
    ],
    view.processLog.map((p) => [p.at, p.what]),
    9,
  );

  heading(doc, '三、评估指标体系及方法');
  writeParagraph(
    doc,
    view.method === '规则计算'
      ? `评估方法：依据平台归集的检查、处罚、信用等数据，按下列指标逐户计分（每项 0–100 分），按权重加权平均得出综合评分，再按分值区间确定风险等级。数据期间为发布前 ${view.windowYears} 年。${view.methodNote}`
      : `评估方法：由第三方评估机构按其评估规范逐户评定风险等级和评分，平台导入其结果文件。${view.methodNote}`,
  );
  if (view.method === '规则计算') {
    const total = view.indicators.reduce((s, i) => s + i.weight, 0);
    writeTable(
      doc,
      [
        { header: '评估指标', weight: 2 },
        { header: '权重', weight: 1 },
        { header: '计分规则', weight: 6 },
      ],
      view.indicators.map((i) => [
        i.kind,
        `${i.weight}（${((i.weight / total) * 100).toFixed(0)}%）`,
        `${indicatorRules[i.kind]}${i.cap ? `（封顶数 ${i.cap}）` : ''}`,
      ]),
      9,
    );
    if (view.industryBase.length > 0)
      writeParagraph(doc, `行业基础分：${view.industryBase.map((b) => `${b.code} 类 ${b.score} 分`).join('；')}。`);
  }
  const c = view.cutoffs;
  writeParagraph(
    doc,
    `分级规则：评分 ≥ ${c.高} 为高风险；${c.较高}–${c.高} 为较高风险；${c.一般}–${c.较高} 为一般风险；< ${c.一般} 为低风险。`,
  );

  heading(doc, '四、评估结果');
  const total = view.distribution.reduce((s, d) => s + d.subjects, 0);
  writeTable(
    doc,
    [
      { header: '风险等级', weight: 1 },
      { header: '户数', weight: 1 },
      { header: '占比', weight: 1 },
    ],
    [
      ...view.distribution.map((d) => [
        d.level,
        String(d.subjects),
        total ? `${((d.subjects / total) * 100).toFixed(1)}%` : '—',
      ]),
      ['合计', String(total), '100%'],
    ],
    9,
  );
  levelChart(doc, view.distribution);
  if (input.flagged.length > 0) {
    const listed = input.flagged.slice(0, FLAGGED_LISTED);
    const more = input.flagged.length - listed.length;
    writeParagraph(
      doc,
      `评定为高风险、较高风险的市场主体（${input.flagged.length} 户${more > 0 ? `，按等级和评分列出前 ${listed.length} 户，其余见平台评估结果清单` : ''}）：`,
    );
    writeTable(
      doc,
      [
        { header: '统一社会信用代码', weight: 3 },
        { header: '名称', weight: 5 },
        { header: '评分', weight: 1 },
        { header: '等级', weight: 1 },
      ],
      listed.map((f) => [f.uscc, f.name, f.score === null ? '—' : f.score.toFixed(1), f.level]),
      8,
    );
  }

  heading(doc, '五、排除风险措施');
  if (view.measures.length === 0) writeParagraph(doc, '（未列明）');
  for (const m of view.measures) writeParagraph(doc, `【${m.level}风险】${m.measure}`);
  writeParagraph(
    doc,
    `结果运用：本评估结果归集为${view.departmentName}对上述市场主体的行业风险等级；同一市场主体有多个行业风险评估结果的，按“从严监管，风险就高不就低”的原则汇总形成综合行业风险评估结果（第三十六条），作为调整“双随机”抽查比例、频次、范围的重要参考（第三十七条）。`,
  );
  return finish();
}
