import { createPdf, type Pdf, writeParagraph, writeTable } from '../shared/pdf/pdf-document';
import { computations, type DimensionScore, type IndicatorSet } from './performance-catalog';

export interface ReportDepartment {
  name: string;
  rank: number;
  total: number;
  behind: boolean;
  dimensions: DimensionScore[];
  /** Indicators that cost points: name, score of points, and the first records behind them. */
  losses: { name: string; score: number; points: number; evidenceTotal: number; evidence: string[] }[];
}

export interface ReportInput {
  year: number;
  evaluationNo: string;
  periodFrom: string;
  periodTo: string;
  version: number;
  set: IndicatorSet;
  evaluator: string;
  issuedOn: string;
  draft: boolean;
  departments: ReportDepartment[];
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function heading(doc: Pdf, text: string): void {
  doc.moveDown(0.4);
  writeParagraph(doc, text, 13);
}

/** Horizontal bars of the totals, highest first (the ranking at a glance). */
function totalsChart(doc: Pdf, rows: readonly ReportDepartment[], pass: number): void {
  const left = doc.page.margins.left;
  const labelWidth = 150;
  const barMax = doc.page.width - left - doc.page.margins.right - labelWidth - 50;
  const rowHeight = 13;
  for (const r of rows) {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom - 10) doc.addPage();
    const y = doc.y;
    doc
      .fillColor('black')
      .fontSize(8)
      .text(`${r.rank}. ${r.name}`, left, y + 1, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    const w = Math.max(1, (r.total / 100) * barMax);
    doc.rect(left + labelWidth, y + 2, w, rowHeight - 4).fill(r.behind ? '#f56c6c' : '#409eff');
    doc.fillColor('black').text(fmt(r.total), left + labelWidth + w + 4, y + 1, { lineBreak: false });
    doc.y = y + rowHeight;
  }
  const x = left + labelWidth + (pass / 100) * barMax;
  doc
    .fillColor('#777777')
    .fontSize(7)
    .text(`合格线 ${fmt(pass)} 分（红色为低于合格线的部门）`, left, doc.y + 2);
  doc
    .strokeColor('#e6a23c')
    .moveTo(x, doc.y)
    .lineTo(x, doc.y + 4)
    .stroke();
  doc.fillColor('black');
  doc.x = left;
  doc.moveDown(0.5);
}

/**
 * 监管履职评价结果报告 to the district government (《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十四条): basis and
 * scope, the indicator system, the ranking with each department's scores by dimension, and the departments that fell
 * behind with the indicators that cost them points and the records behind them; the follow-up of 第四十五条、第四十六条.
 */
export async function performanceReportPdf(input: ReportInput): Promise<Buffer> {
  const { set } = input;
  const { doc, finish } = createPdf({
    title: `${input.year} 年度监管履职评价结果报告`,
    subtitle: `${input.evaluationNo}　报送：区人民政府　评价部门：${input.evaluator}　${input.issuedOn}${input.draft ? '　（未定稿：评价完成后以正式报告为准）' : ''}`,
  });
  heading(doc, '一、评价依据和范围');
  writeParagraph(
    doc,
    `依据《朔州市平鲁区“互联网+监管”系统运行管理办法》第三十五条、第四十二条至第四十四条，对全区 ${input.departments.length} 个监管部门 ${input.periodFrom} 至 ${input.periodTo} 的监管事项清单管理、监管数据汇聚、监管履职情况和监管系统信息维护进行评价。评价数据全部取自监管系统的业务记录，每项得分均可在平台上追溯到具体记录。采用指标体系第 ${input.version} 版，满分 100 分，合格线 ${fmt(set.passScore)} 分；部门无可计数业务的指标按规则计满分、零分或不计（不计的指标不占分值，总分按适用指标折算为百分制）。`,
  );
  writeTable(
    doc,
    [
      { header: '评价维度', weight: 2 },
      { header: '指标', weight: 2 },
      { header: '分值', weight: 1 },
      { header: '计分口径', weight: 6 },
    ],
    set.indicators.map((i) => {
      const c = computations[i.code];
      const rule =
        i.rule.kind === 'linear'
          ? `比例达到 ${fmt(i.rule.fullAt * 100)}% 得满分，不高于 ${fmt(i.rule.zeroAt * 100)}% 不得分，其间按比例计分`
          : `每一件扣 ${fmt(i.rule.perCase)} 分，扣完为止`;
      return [c.dimension, c.name, fmt(i.points), `${c.counts}；${rule}`];
    }),
    8,
  );

  heading(doc, '二、评价结果和排名');
  totalsChart(doc, input.departments, set.passScore);
  const dims = input.departments[0]?.dimensions.map((d) => d.dimension) ?? [];
  writeTable(
    doc,
    [
      { header: '名次', weight: 1 },
      { header: '部门', weight: 4 },
      { header: '总分', weight: 1.4 },
      ...dims.map((d) => ({ header: d, weight: 2 })),
      { header: '结果', weight: 1.4 },
    ],
    input.departments.map((r) => [
      String(r.rank),
      r.name,
      fmt(r.total),
      ...dims.map((d) => {
        const s = r.dimensions.find((x) => x.dimension === d);
        return s && s.max > 0 ? `${fmt(s.score)}/${fmt(s.max)}` : '不计';
      }),
      r.behind ? '落后' : '合格',
    ]),
    8,
  );

  heading(doc, '三、落后部门及主要失分情况');
  const behind = input.departments.filter((d) => d.behind);
  if (behind.length === 0) writeParagraph(doc, `所有部门均达到合格线 ${fmt(set.passScore)} 分。`);
  for (const d of behind) {
    writeParagraph(doc, `${d.name}（第 ${d.rank} 名，${fmt(d.total)} 分）`, 11);
    writeTable(
      doc,
      [
        { header: '指标', weight: 2 },
        { header: '得分', weight: 1 },
        { header: '失分依据（部分记录）', weight: 7 },
      ],
      d.losses.map((l) => [
        l.name,
        `${fmt(l.score)}/${fmt(l.points)}`,
        `${l.evidence.slice(0, 3).join('；')}${l.evidenceTotal > 3 ? `；等共 ${l.evidenceTotal} 条` : ''}`,
      ]),
      8,
    );
  }

  heading(doc, '四、整改要求');
  writeParagraph(
    doc,
    '对未及时认领监管事项、未编制检查实施清单的部门，依照第四十五条通知其限期认领和编制；对未按规定及时汇聚监管业务数据、异常数据逾期未整改的部门，依照第四十六条通知其限期整改；拒不认领、编制或整改的，予以通报。整改通知和部门反馈在平台“整改通知”中留存。',
  );
  return finish();
}
