import type { Readable } from 'node:stream';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import type { CellValue } from '../imports/import-spec';
import { csvStream, xlsxStream } from '../imports/table-writer';
import { checksOfTasks } from '../inspections/inspection-checks-lookup.service';
import type { AppDeps } from '../shared/context';
import type { ExportQuery } from './inspection-record.schemas';
import {
  exportDepartments,
  exportLookups,
  type RecordKey,
  recordKeysAfter,
} from './inspection-record-export.repository';
import { drawSourcesOf } from '../tasks/task-draw-sources';

/** The national administrative-inspection record (互联网+监管 行为数据) fields; the first 15 are required. */
export const recordHeader = [
  '监管事项目录编码',
  '检查实施清单编码',
  '检查名称',
  '检查编号',
  '对象名称',
  '对象代码',
  '证件类型',
  '对象性质',
  '行政区划代码',
  '检查形式',
  '检查类别',
  '检查结果',
  '检查日期',
  '检查人员',
  '检查人员执法证号',
  '抽查计划编号',
  '实施主体',
  '实施主体代码',
  '地址',
  '检查方式',
  '上报时间',
  '上报人',
] as const;
export const REQUIRED_FIELDS = 15;

/** 检查类别: the kind of the department's registration merged into the task, else 双随机抽查 for drawn tasks, else 日常检查. */
const categoryOf = (drawn: boolean, registered: string | undefined): string =>
  registered ?? (drawn ? '双随机抽查' : '日常检查');
const chinaTime = (d: Date): string =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** Records read and written per round trip: the export streams, whatever the period holds. */
export const EXPORT_PAGE = 1000;

/**
 * Every (task, department) that has inspected — submitted on site, or recorded off site — ordered by
 * inspection date, task and department, one page at a time (keyset), so an export of a whole year streams.
 */
async function* recordKeys(
  deps: AppDeps,
  departmentId: number | undefined,
  query: Omit<ExportQuery, 'format'>,
  pageSize: number,
): AsyncGenerator<RecordKey[]> {
  let after: RecordKey | null = null;
  for (;;) {
    const rows = await recordKeysAfter(deps.db, {
      departmentId,
      from: query.from,
      to: query.to,
      after,
      limit: pageSize,
    });
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      task_id: Number(r.task_id),
      department_id: Number(r.department_id),
      date: r.date,
      offsite: r.offsite,
    }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!;
  }
}

const pairKey = (taskId: number, departmentId: number) => `${taskId}:${departmentId}`;
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The export's rows for one page of records, with every lookup done set-based for the page. */
async function rowsOf(
  deps: AppDeps,
  keys: readonly RecordKey[],
  departments: Map<number, { name: string; code: string; division_code: string }>,
): Promise<CellValue[][]> {
  const db = deps.db;
  const taskIds = [...new Set(keys.map((k) => k.task_id))];
  const [{ tasks, inspectors, site, off, problems, transfers, registrations }, checks] = await Promise.all([
    exportLookups(db, taskIds),
    checksOfTasks(db, taskIds).then((list) => groupBy(list, (c) => pairKey(c.taskId, c.departmentId))),
  ]);
  const drawn = await drawSourcesOf(db, taskIds);
  const taskOf = new Map(tasks.map((t) => [Number(t.id), t]));
  const peopleOf = groupBy(inspectors, (i) => pairKey(Number(i.task_id), Number(i.department_id)));
  const siteOf = new Map(site.map((x) => [pairKey(Number(x.task_id), Number(x.department_id)), x]));
  const offOf = new Map(off.map((x) => [pairKey(Number(x.task_id), Number(x.department_id)), x]));
  const problemsOf = new Map(
    problems.map((x) => [`${pairKey(Number(x.task_id), Number(x.department_id))}:${String(x.offsite)}`, Number(x.n)]),
  );
  const transferred = new Set(transfers.map((x) => pairKey(Number(x.task_id), Number(x.department_id))));
  const registeredKind = new Map(
    registrations.map((x) => [pairKey(Number(x.task_id), Number(x.department_id)), x.kind]),
  );
  const join = (xs: readonly string[]) => [...new Set(xs.filter(Boolean))].join('；');
  return keys.map((rec) => {
    const key = pairKey(rec.task_id, rec.department_id);
    const t = taskOf.get(rec.task_id)!;
    const d = departments.get(rec.department_id)!;
    const mine = checks.get(key) ?? [];
    const people = peopleOf.get(key) ?? [];
    const offsite = rec.offsite ? offOf.get(key) : undefined;
    const submission = rec.offsite ? undefined : siteOf.get(key);
    const found = problemsOf.get(`${key}:${String(rec.offsite)}`) ?? 0;
    const result =
      found === 0
        ? '未发现问题'
        : transferred.has(key)
          ? `发现问题（${found} 项），已移送立案查处`
          : `发现问题（${found} 项），责令整改`;
    const itemNames = join(mine.map((c) => c.itemName));
    return [
      join(mine.map((c) => c.supervisionCode)),
      join(mine.map((c) => c.code)),
      `${itemNames}（${t.name}）`,
      `${t.task_no}-${d.code.slice(-6) || rec.department_id}`,
      t.name,
      t.uscc,
      t.uscc.length === 18 ? '统一社会信用代码' : '其他有效证件',
      t.kind,
      t.division_code || d.division_code,
      rec.offsite ? '非现场' : '现场',
      categoryOf(drawn.has(key), registeredKind.get(key)),
      result,
      rec.date,
      people.map((p) => p.name).join('、'),
      people.map((p) => `${p.name}：${p.certificate_no}`).join('；'),
      drawn.get(key)?.recordNo ?? '',
      d.name,
      d.code,
      t.business_address || t.registered_address,
      offsite ? `${offsite.method}（数据来源：${offsite.data_source}）` : join(mine.map((c) => c.method)),
      chinaTime(new Date((offsite?.recorded_at ?? submission?.submitted_at)!)),
      offsite?.recorded_by_name ?? submission?.name ?? '',
    ];
  });
}

/** One row per (task, department) that has inspected, in the national fields, streamed page by page. */
export async function* recordRows(
  deps: AppDeps,
  actor: Actor | null,
  query: Omit<ExportQuery, 'format'>,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<CellValue[]> {
  requirePermission(actor, 'task:task:read');
  const own = scopeOf(actor, 'task:task:read') !== 'all';
  const departmentId = own ? actor.departmentId : query.departmentId;
  const departments = new Map((await exportDepartments(deps.db)).map((d) => [Number(d.id), d]));
  for await (const keys of recordKeys(deps, departmentId, query, pageSize))
    yield* await rowsOf(deps, keys, departments);
}

export async function exportRecords(
  deps: AppDeps,
  actor: Actor | null,
  query: ExportQuery,
): Promise<{ fileName: string; contentType: string; stream: Readable }> {
  requirePermission(actor, 'task:task:read');
  const rows = recordRows(deps, actor, query);
  const sheet = {
    name: '行政检查行为数据',
    header: recordHeader,
    widths: recordHeader.map((h) => (h.includes('编码') || h.includes('代码') ? 22 : 18)),
    marked: new Set(recordHeader.slice(0, REQUIRED_FIELDS)),
    rows,
  };
  return query.format === 'csv'
    ? { fileName: '行政检查行为数据.csv', contentType: 'text/csv; charset=utf-8', stream: csvStream(sheet) }
    : {
        fileName: '行政检查行为数据.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        stream: xlsxStream([sheet]),
      };
}
