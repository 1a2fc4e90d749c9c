import type { Readable } from 'node:stream';
import type { Actor } from '../auth/actor';
import type { CellValue } from '../imports/import-spec';
import { xlsxStream } from '../imports/table-writer';
import type { AppDeps } from '../shared/context';
import type { EvaluationStats, SummaryQuery } from './evaluation.schemas';
import { evaluationSummary } from './evaluation.service';

const percent = (share: number | null): CellValue => (share === null ? null : Math.round(share * 1000) / 10);
const statCells = (s: EvaluationStats): CellValue[] => [
  s.count,
  s.averageSatisfaction,
  percent(s.satisfiedShare),
  s.complaints,
];
const statHeader = ['评价数', '平均满意度', '满意率（%）', '投诉数'] as const;

/** 检查评议 workbook: 汇总 (totals, joint/single, on-site/off-site, months), 按部门, 按行业, 投诉与低分. */
export async function evaluationWorkbook(
  deps: AppDeps,
  actor: Actor | null,
  query: SummaryQuery,
): Promise<{ stream: Readable; fileName: string }> {
  const s = await evaluationSummary(deps, actor, query);
  const summaryRows: CellValue[][] = [
    ['合计', `${s.from} 至 ${s.to}`, ...statCells(s.totals), s.totals.inspectedTasks, percent(s.totals.responseRate)],
    ...s.byJoint.map((r) => ['联合与单部门', r.key, ...statCells(r), null, null]),
    ...s.byMode.map((r) => ['检查方式', r.key, ...statCells(r), null, null]),
    ...s.byMonth.map((r) => ['月份', r.month, ...statCells(r), null, null]),
  ];
  const stream = xlsxStream([
    {
      name: '汇总',
      header: ['类别', '项目', ...statHeader, '已检查任务数', '评价率（%）'],
      widths: [14, 26],
      rows: summaryRows,
    },
    {
      name: '按部门',
      header: ['部门', ...statHeader, '已检查任务数', '评价率（%）'],
      widths: [28],
      rows: s.byDepartment.map((d) => [d.name, ...statCells(d), d.inspectedTasks, percent(d.responseRate)]),
    },
    {
      name: '按行业',
      header: ['行业门类代码', '行业门类', ...statHeader],
      widths: [14, 36],
      rows: s.byIndustry.map((r) => [r.section, r.name, ...statCells(r)]),
    },
    {
      name: '投诉与低分',
      header: ['任务编号', '检查对象', '检查日期', '评价日期', '满意度', '投诉', '意见建议', '投诉内容', '检查部门'],
      widths: [22, 30, 12, 12, 8, 6, 40, 40, 36],
      rows: s.followUps.map((f) => [
        f.taskNo,
        f.subjectName,
        f.inspectedOn,
        f.submittedOn,
        f.satisfaction,
        f.complaint ? '是' : '否',
        f.comments,
        f.complaintText,
        f.departments.join('、'),
      ]),
    },
  ]);
  return { stream, fileName: `检查评议-${s.from}-${s.to}.xlsx` };
}
