import type { Readable } from 'node:stream';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import type { CellValue } from '../imports/import-spec';
import { csvStream, xlsxStream } from '../imports/table-writer';
import { taskChecks } from '../inspections/inspection.repository';
import type { AppDeps } from '../shared/context';
import type { ExportQuery } from './inspection-record.schemas';

/** The national administrative-inspection record (互联网+监管 行为数据) fields; the first 15 are required. */
export const recordHeader = [
  '监管事项目录编码', '检查实施清单编码', '检查名称', '检查编号', '对象名称', '对象代码', '证件类型', '对象性质', '行政区划代码', '检查形式', '检查类别', '检查结果', '检查日期', '检查人员', '检查人员执法证号',
  '抽查计划编号', '实施主体', '实施主体代码', '地址', '检查方式', '上报时间', '上报人',
] as const;
export const REQUIRED_FIELDS = 15;

/** 检查类别: the kind of the department's registration merged into the task, else 双随机抽查 for drawn tasks, else 日常检查. */
const categoryOf = (drawn: boolean, registered: string | undefined): string => registered ?? (drawn ? '双随机抽查' : '日常检查');
const chinaTime = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** One row per (task, department) that has inspected: submitted on site, or recorded off site. */
export async function recordRows(deps: AppDeps, actor: Actor | null, query: Omit<ExportQuery, 'format'>): Promise<CellValue[][]> {
  requirePermission(actor, 'task:task:read');
  const db = deps.db;
  const own = scopeOf(actor, 'task:task:read') !== 'all';
  const departmentId = own ? actor.departmentId : query.departmentId;
  let site = db.selectFrom('inspection_submissions as s').innerJoin('inspection_visits as v', 'v.task_id', 's.task_id').innerJoin('inspectors as i', 'i.id', 's.submitted_by')
    .select(['s.task_id', 's.department_id', 's.overall', 's.submitted_at', 'v.checked_in_on', 'i.name']);
  let off = db.selectFrom('offsite_inspections').select(['task_id', 'department_id', 'method', 'data_source', 'conducted_on', 'recorded_at', 'recorded_by_name']);
  if (departmentId !== undefined) {
    site = site.where('s.department_id', '=', departmentId);
    off = off.where('department_id', '=', departmentId);
  }
  if (query.from) { site = site.where('v.checked_in_on', '>=', query.from); off = off.where('conducted_on', '>=', query.from); }
  if (query.to) { site = site.where('v.checked_in_on', '<=', query.to); off = off.where('conducted_on', '<=', query.to); }
  const [siteRows, offRows] = await Promise.all([site.limit(20_000).execute(), off.limit(20_000).execute()]);
  const records = [
    ...siteRows.map((r) => ({ taskId: Number(r.task_id), departmentId: Number(r.department_id), form: '现场检查' as const, date: r.checked_in_on ?? '', reportedAt: new Date(r.submitted_at), reporter: r.name, method: null as string | null })),
    ...offRows.map((r) => ({ taskId: Number(r.task_id), departmentId: Number(r.department_id), form: '非现场检查' as const, date: r.conducted_on, reportedAt: new Date(r.recorded_at), reporter: r.recorded_by_name, method: `${r.method}（数据来源：${r.data_source}）` })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.taskId - b.taskId || a.departmentId - b.departmentId);
  if (!records.length) return [];
  const taskIds = [...new Set(records.map((r) => r.taskId))];
  const [tasks, departments, inspectors, siteResults, offResults, transfers, registrations] = await Promise.all([
    db.selectFrom('inspection_tasks as t').innerJoin('subjects as s', 's.id', 't.subject_id').leftJoin('draw_records as r', 'r.id', 't.draw_record_id')
      .select(['t.id', 't.task_no', 's.name', 's.uscc', 's.kind', 's.division_code', 's.business_address', 's.registered_address', 'r.record_no']).where('t.id', 'in', taskIds).execute(),
    db.selectFrom('departments').select(['id', 'name', 'code', 'division_code']).execute(),
    db.selectFrom('inspection_task_inspectors as ti').innerJoin('inspectors as i', 'i.id', 'ti.inspector_id').select(['ti.task_id', 'ti.department_id', 'i.name', 'i.certificate_no']).where('ti.task_id', 'in', taskIds).orderBy('i.id').execute(),
    db.selectFrom('inspection_results').select(['task_id', 'department_id', 'result']).where('task_id', 'in', taskIds).execute(),
    db.selectFrom('offsite_results').select(['task_id', 'department_id', 'result']).where('task_id', 'in', taskIds).execute(),
    db.selectFrom('case_transfers').select(['task_id', 'department_id']).where('task_id', 'in', taskIds).execute(),
    db.selectFrom('inspection_registrations').select(['merged_task_id', 'department_id', 'kind']).where('merged_task_id', 'in', taskIds).execute(),
  ]);
  const checksByTask = new Map<number, Awaited<ReturnType<typeof taskChecks>>>();
  for (const id of taskIds) checksByTask.set(id, await taskChecks(db, id));
  const allCheckIds = [...new Set([...checksByTask.values()].flat().map((c) => c.checkItemId))];
  const codes = allCheckIds.length ? await db.selectFrom('check_items as c').innerJoin('supervision_items as si', 'si.id', 'c.supervision_item_id').select(['c.id', 'c.code', 'si.code as supervision_code']).where('c.id', 'in', allCheckIds).execute() : [];
  const codeOf = new Map(codes.map((c) => [Number(c.id), c]));
  const join = (xs: string[]) => [...new Set(xs.filter(Boolean))].join('；');
  return records.map((rec) => {
    const t = tasks.find((x) => Number(x.id) === rec.taskId)!;
    const d = departments.find((x) => Number(x.id) === rec.departmentId)!;
    const checks = checksByTask.get(rec.taskId)!.filter((c) => c.departmentId === rec.departmentId);
    const people = inspectors.filter((i) => Number(i.task_id) === rec.taskId && Number(i.department_id) === rec.departmentId);
    const results = (rec.form === '现场检查' ? siteResults : offResults).filter((r) => Number(r.task_id) === rec.taskId && Number(r.department_id) === rec.departmentId);
    const problems = results.filter((r) => r.result === '不符合').length;
    const transferred = transfers.some((x) => Number(x.task_id) === rec.taskId && Number(x.department_id) === rec.departmentId);
    const result = problems === 0 ? '未发现问题' : transferred ? `发现问题（${problems} 项），已移送立案查处` : `发现问题（${problems} 项），责令整改`;
    const itemNames = join(checks.map((c) => c.itemName));
    return [
      join(checks.map((c) => codeOf.get(c.checkItemId)?.supervision_code ?? '')),
      join(checks.map((c) => codeOf.get(c.checkItemId)?.code ?? '')),
      `${itemNames}（${t.name}）`,
      `${t.task_no}-${d.code.slice(-6) || rec.departmentId}`,
      t.name,
      t.uscc,
      t.uscc.length === 18 ? '统一社会信用代码' : '其他有效证件',
      t.kind,
      t.division_code || d.division_code,
      rec.form === '现场检查' ? '现场' : '非现场',
      categoryOf(t.record_no !== null, registrations.find((r) => Number(r.merged_task_id) === rec.taskId && Number(r.department_id) === rec.departmentId)?.kind),
      result,
      rec.date,
      people.map((p) => p.name).join('、'),
      people.map((p) => `${p.name}：${p.certificate_no}`).join('；'),
      t.record_no ?? '',
      d.name,
      d.code,
      t.business_address || t.registered_address,
      rec.method ?? join(checks.map((c) => c.method)),
      chinaTime(rec.reportedAt),
      rec.reporter,
    ];
  });
}

export async function exportRecords(deps: AppDeps, actor: Actor | null, query: ExportQuery): Promise<{ fileName: string; contentType: string; stream: Readable }> {
  const rows = await recordRows(deps, actor, query);
  const sheet = { name: '行政检查行为数据', header: recordHeader, widths: recordHeader.map((h) => (h.includes('编码') || h.includes('代码') ? 22 : 18)), marked: new Set(recordHeader.slice(0, REQUIRED_FIELDS)), rows };
  return query.format === 'csv'
    ? { fileName: '行政检查行为数据.csv', contentType: 'text/csv; charset=utf-8', stream: csvStream(sheet) }
    : { fileName: '行政检查行为数据.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', stream: xlsxStream([sheet]) };
}
