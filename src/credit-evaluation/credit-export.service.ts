import { type Actor, requirePermission } from '../auth/actor';
import { csvField } from '../shared/csv-field';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { excel } from '../imports/exceljs';
import { periodLabel } from './credit-period';
import { pageResults } from './credit-results.repository';
import { runOrThrow } from './credit-results.service';

const header = [
  '评价编号',
  '评价期间',
  '统一社会信用代码',
  '名称',
  '行政区划代码',
  '评价得分',
  '信用风险分类',
  '上期分类',
  '一票否决',
];
const XLSX_MAX_ROWS = 200_000;

/** A finished run's results for departments (CSV or XLSX); internal use only, never published. */
export async function exportCreditRun(deps: AppDeps, actor: Actor, id: number, format: 'csv' | 'xlsx') {
  requirePermission(actor, 'credit:run:read');
  const run = await runOrThrow(deps, id);
  if (run.status === '运行中' || run.status === '失败') throw new AppError('CONFLICT', '评价尚未完成，不能导出');
  if (format === 'xlsx' && run.subject_count > XLSX_MAX_ROWS)
    throw new AppError('VALIDATION', `评价结果超过${XLSX_MAX_ROWS}户，请导出CSV或通过接口分页获取`);
  const { items } = await pageResults(deps.db, run.id, {}, Math.max(run.subject_count, 1), 0);
  const rows = items.map((r) => [
    run.run_no,
    periodLabel(run.period),
    r.uscc,
    r.name,
    r.division_code,
    Number(r.score).toFixed(2),
    r.credit_class,
    r.previous_class ?? '',
    r.veto ?? '',
  ]);
  const fileName = `信用评价结果-${run.run_no}.${format}`;
  if (format === 'csv') {
    const lines = [header, ...rows].map((l) => l.map(csvField).join(','));
    return { fileName, body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') };
  }
  const book = new (excel().Workbook)();
  const sheet = book.addWorksheet('信用评价结果');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 18));
  return { fileName, body: Buffer.from(await book.xlsx.writeBuffer()) };
}
