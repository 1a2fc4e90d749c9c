import type { Actor } from '../auth/actor';
import { csvField } from '../shared/csv-field';
import type { AppDeps } from '../shared/context';
import { listTransfers } from './transfer-query.service';
import type { TransferQuery } from './transfer.schemas';

const header = [
  '编号',
  '类别',
  '来源',
  '来源编号',
  '当事人',
  '移送部门',
  '接收单位',
  '外部机关类别',
  '受理期限',
  '状态',
  '办理结果',
  '移送时间',
];

/**
 * 移送登记簿 as CSV (at most 5,000 rows, newest first), of what the actor may read; the download is audited with its
 * rows and query by the data-access hook (src/http/data-access-audit.ts).
 */
export async function exportTransfers(deps: AppDeps, actor: Actor | null, q: TransferQuery): Promise<string> {
  const page = await listTransfers(deps, actor, { ...q, page: 1, pageSize: 200 });
  const items = [...page.items];
  // Pages until the total (as first counted) or 5,000 rows; a short page ends it (rows that left the filter meanwhile).
  for (let p = 2, last = page.items.length; last === 200 && items.length < Math.min(page.total, 5000); p++) {
    const next = (await listTransfers(deps, actor, { ...q, page: p, pageSize: 200 })).items;
    items.push(...next);
    last = next.length;
  }
  const lines = items.map((t) =>
    [
      t.transferNo,
      t.kind,
      t.sourceType,
      t.sourceRef ?? '',
      t.subjectName,
      t.senderDepartmentName,
      t.receiverName,
      t.externalKind ?? '',
      t.acceptDueOn ?? '',
      t.overdue ? `${t.status}（逾期）` : t.status,
      t.outcome ?? '',
      t.transferredAt,
    ]
      .map(csvField)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
