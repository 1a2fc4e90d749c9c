import type { z } from 'zod';
import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import { csvField } from '../shared/csv-field';
import { offsetOf, type Page } from '../shared/paging';
import type { dataUseQuery, dataUseView } from './data-use.schemas';
import { searchDataUse } from './data-use.repository';

type DataUseView = z.infer<typeof dataUseView>;

const after = (changes: Record<string, [unknown, unknown]> | null, key: string): unknown => changes?.[key]?.[1] ?? null;
const pad = (n: number) => String(n).padStart(2, '0');
/** China time 'YYYY-MM-DD HH:MM' of an instant. */
const chinaTime = (at: Date) => {
  const c = new Date(at.getTime() + 8 * 3600_000);
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
};

/**
 * 数据使用记录 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第二十二条、第四十七条、第四十八条): who downloaded which
 * export and who read which personal data, from the audit log. A department administrator sees the users of the
 * department only; the joint office and the supervision office see every department.
 */
export async function listDataUse(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof dataUseQuery>,
): Promise<Page<DataUseView>> {
  requirePermission(actor, 'audit:export:read');
  const { rows, total } = await searchDataUse(deps.db, {
    departmentId: departmentFilter(actor, 'audit:export:read'),
    kind: query.kind,
    from: query.from,
    to: query.to,
    q: query.q,
    offset: offsetOf(query),
    limit: query.pageSize,
  });
  return {
    total,
    items: rows.map((r) => {
      const rowsCount = after(r.changes, 'rows');
      const fileName = after(r.changes, 'fileName');
      return {
        seq: Number(r.seq),
        at: r.at.toISOString(),
        kind: r.action === 'export.download' ? ('export' as const) : ('personal_data' as const),
        actorName: r.actor_name,
        departmentName: r.department_name ?? '',
        summary: r.summary,
        rows: typeof rowsCount === 'number' ? rowsCount : null,
        fileName: typeof fileName === 'string' ? fileName : null,
        ip: r.ip,
      };
    }),
  };
}

const kindNames = { export: '导出下载', personal_data: '查阅个人信息' } as const;

/** The same list as CSV (up to 10,000 rows); the download is itself audited as an export. */
export async function dataUseCsv(deps: AppDeps, actor: Actor, query: z.infer<typeof dataUseQuery>): Promise<Buffer> {
  const page = await listDataUse(deps, actor, { ...query, page: 1, pageSize: 200 });
  const all: DataUseView[] = [...page.items];
  for (let p = 2; all.length < Math.min(page.total, 10_000); p += 1)
    all.push(...(await listDataUse(deps, actor, { ...query, page: p, pageSize: 200 })).items);
  const header = ['时间', '类型', '人员', '部门', '内容', '行数', '文件名', 'IP 地址'];
  const lines = [
    header,
    ...all.map((r) => [
      chinaTime(new Date(r.at)),
      kindNames[r.kind],
      r.actorName,
      r.departmentName,
      r.summary,
      r.rows === null ? '' : String(r.rows),
      r.fileName ?? '',
      r.ip ?? '',
    ]),
  ].map((l) => l.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
