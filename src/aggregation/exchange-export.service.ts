import { createHash, randomUUID } from 'node:crypto';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { excel } from '../imports/exceljs';
import { AppError, notFound } from '../shared/app-error';
import { canonicalJson } from '../shared/canonical-json';
import { chinaDate, chinaDateTime } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { csvField } from '../shared/csv-field';
import { KEY_FIELD, kindFields, OPERATION_FIELD, type Operation, type RecordKind } from './aggregation-fields';
import { nextSequenceNo } from './aggregation.repository';
import {
  exportedState,
  insertExport,
  itemByCode,
  listExports,
  listMappings,
  platformInspections,
  receivedInPeriod,
  saveExported,
  upsertMapping,
} from './exchange.repository';

/** A record to exchange: the sender key (部门编码 + 主键), its source and its national fields. */
interface Candidate {
  senderKey: string;
  source: string;
  fields: Record<string, unknown>;
  deleted: boolean;
}

const digestOf = (fields: Record<string, unknown>) => createHash('sha256').update(canonicalJson(fields)).digest('hex');
/** The province's division code (first two digits of the department's division, then 0000). */
const provinceOf = (division: string) => `${division.slice(0, 2)}0000`;
const fieldNames = (kind: RecordKind) =>
  kindFields[kind].map((f) => f.name).filter((n) => n !== KEY_FIELD && n !== OPERATION_FIELD);
export const exchangeHeader = (kind: RecordKind) => [
  '记录ID',
  '部门编码+主键',
  '入库时间',
  '数据来源',
  '批次号',
  '操作',
  ...fieldNames(kind),
];

type PlatformRow = Awaited<ReturnType<typeof platformInspections>>[number];

/** One platform inspection (task, department, item) as a national 行政检查行为 record, or why it cannot be one. */
function inspectionRecord(r: PlatformRow): Candidate | { key: string; reason: string } {
  const key = `${r.department_code}${r.task_no}-${r.item_code}`;
  if (!r.catalog_code || !r.list_code)
    return { key, reason: `监管事项 ${r.item_code}（${r.item_name}）尚未对应国家监管事项目录编码和检查实施清单编码` };
  const organisation = r.subject_kind !== '个体工商户' || /^9/.test(r.uscc);
  const fields: Record<string, unknown> = {
    双随机一公开计划id: '',
    监管事项目录编码: r.catalog_code,
    监管事项检查实施清单编码: r.list_code,
    检查行为名称: `${r.item_name}检查`,
    检查行为编号: r.task_no,
    实施机构: r.department_name,
    实施机构编码: r.department_code,
    监管对象类型: r.subject_kind,
    监管对象: r.subject_name,
    行政相对人: r.subject_name,
    行政相对人性质: organisation ? '法人' : '其他组织',
    证件类型: '001',
    行政相对人编码: r.uscc,
    注册地址: r.registered_address,
    经营地址: r.business_address,
    行政区划代码: r.division_code,
    检查形式: r.routine ? '01' : '02',
    检查类别: '现场检查',
    检查方式: r.routine ? '双随机' : '专项',
    检查结果: r.result,
    检查时间: r.inspected_on ?? chinaDate(r.submitted_at),
    检查人员: r.inspectors ?? '',
    报送时间: chinaDateTime(r.submitted_at),
    报送人员: '',
  };
  return { senderKey: key, source: `${provinceOf(r.department_division)}${r.department_code}`, fields, deleted: false };
}

async function candidates(db: Db, kind: RecordKind, from: string, to: string) {
  const refusals: { key: string; reason: string }[] = [];
  const out: Candidate[] = [];
  if (kind === '行政检查')
    for (const r of await platformInspections(db, from, to)) {
      const c = inspectionRecord(r);
      if ('reason' in c) refusals.push(c);
      else out.push(c);
    }
  for (const r of await receivedInPeriod(db, kind, from, to)) {
    const { [KEY_FIELD]: _key, [OPERATION_FIELD]: _op, ...fields } = r.payload;
    out.push({
      senderKey: `${r.department_code}${r.sender_key}`,
      source: `${provinceOf(r.division_code)}${r.department_code}`,
      fields,
      deleted: r.deleted,
    });
  }
  return { out, refusals };
}

const cell = (v: unknown) =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? v
      : Array.isArray(v)
        ? v
            .map((i) =>
              i && typeof i === 'object'
                ? `${(i as Record<string, string>)['姓名']}:${(i as Record<string, string>)['执法证号']}`
                : String(i),
            )
            .join(';')
        : String(v);

/**
 * An export for the provincial 互联网+监管 data centre (《朔州市平鲁区“互联网+监管”系统运行管理办法》第十三条、第二十五条):
 * the records of a kind changed in the period — for 行政检查 the platform's own inspections (refusing those whose item
 * has no national codes) and the received ones — in the exchange envelope (record id, 部门编码 + 主键, insert time,
 * source = province + department code, batch number = date + sequence, operation). What the province already has is
 * remembered: a record sent before goes again as u only when it changed, as d when it was deleted, not at all otherwise.
 */
export async function createExchangeExport(
  deps: AppDeps,
  actor: Actor,
  input: { kind: RecordKind; from: string; to: string },
) {
  requirePermission(actor, 'aggregation:manage');
  if (input.to < input.from)
    throw new AppError('VALIDATION', '截止日期不能早于起始日期', [{ field: 'to', message: '截止日期早于起始日期' }]);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // The batch number's lock first: two exports at once then read the exported state one after the other, so a
    // record is never sent twice as i.
    const batchNo = await nextSequenceNo(trx, 'exchange_exports', chinaDate(now));
    const { out, refusals } = await candidates(trx, input.kind, input.from, input.to);
    const state = await exportedState(
      trx,
      input.kind,
      out.map((c) => c.senderKey),
    );
    const rows: string[][] = [];
    const saved: { sender_key: string; record_id: string; content_digest: string; deleted: boolean }[] = [];
    const counts = { i: 0, u: 0, d: 0 };
    for (const c of out) {
      const before = state.get(c.senderKey);
      const digest = digestOf(c.fields);
      let op: Operation | null;
      if (c.deleted) op = before && !before.deleted ? 'd' : null;
      else if (!before || before.deleted) op = 'i';
      else op = before.content_digest === digest ? null : 'u';
      if (!op) continue;
      counts[op] += 1;
      const recordId = before?.record_id ?? randomUUID().replaceAll('-', '');
      saved.push({ sender_key: c.senderKey, record_id: recordId, content_digest: digest, deleted: op === 'd' });
      rows.push([
        recordId,
        c.senderKey,
        chinaDateTime(now),
        c.source,
        batchNo,
        op,
        ...fieldNames(input.kind).map((n) => cell(c.fields[n])),
      ]);
    }
    const { id } = await insertExport(trx, {
      batch_no: batchNo,
      record_kind: input.kind,
      period_from: input.from,
      period_to: input.to,
      inserted: counts.i,
      updated: counts.u,
      deleted: counts.d,
      refused: refusals.length,
      refusals: JSON.stringify(refusals),
      rows: JSON.stringify(rows),
      exported_by: actor.userId,
      exported_at: now,
    });
    await saveExported(
      trx,
      saved.map((s) => ({ ...s, record_kind: input.kind, last_export_id: id })),
    );
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'exchange_export.create',
      entityType: 'exchange_export',
      entityId: batchNo,
      summary: `生成省级交换数据（${input.kind}，${input.from} 至 ${input.to}，批次 ${batchNo}）：新增 ${counts.i}、更新 ${counts.u}、删除 ${counts.d}，未对应编码不予导出 ${refusals.length}`,
      after: {
        batchNo,
        recordKind: input.kind,
        inserted: counts.i,
        updated: counts.u,
        deleted: counts.d,
        refused: refusals.length,
      },
    });
    return {
      id,
      batchNo,
      inserted: counts.i,
      updated: counts.u,
      deleted: counts.d,
      refused: refusals.length,
      refusals,
    };
  });
}

export async function exchangeExports(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'aggregation:manage');
  return (await listExports(deps.db)).map((e) => ({
    id: e.id,
    batchNo: e.batch_no,
    recordKind: e.record_kind,
    from: e.period_from,
    to: e.period_to,
    inserted: e.inserted,
    updated: e.updated,
    deleted: e.deleted,
    refused: e.refused,
    refusals: e.refusals,
    exportedBy: e.exported_by_name ?? '',
    exportedAt: e.exported_at.toISOString(),
  }));
}

/** The export's file (CSV or XLSX), the same rows every time (each download is audited as an export by src/http/data-access-audit.ts). */
export async function exchangeFile(deps: AppDeps, actor: Actor, id: number, format: 'csv' | 'xlsx') {
  requirePermission(actor, 'aggregation:manage');
  const e = (await listExports(deps.db)).find((x) => x.id === id);
  if (!e) throw notFound('省级交换数据');
  const header = exchangeHeader(e.record_kind as RecordKind);
  const fileName = `省级交换-${e.record_kind}-${e.batch_no}.${format}`;
  let body: Buffer;
  if (format === 'csv') {
    const lines = [header, ...e.rows].map((l) => l.map(csvField).join(','));
    body = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  } else {
    const book = new (excel().Workbook)();
    const sheet = book.addWorksheet(e.record_kind);
    sheet.addRow(header);
    for (const r of e.rows) sheet.addRow(r);
    sheet.getRow(1).font = { bold: true };
    body = Buffer.from(await book.xlsx.writeBuffer());
  }
  return { fileName, body };
}

/** The national codes of the platform's supervision items (needed to export their inspections). */
export async function exchangeMappings(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'aggregation:manage');
  return (await listMappings(deps.db)).map((m) => ({
    itemCode: m.code,
    itemName: m.name,
    departmentName: m.department_name,
    catalogCode: m.catalog_code,
    listCode: m.list_code,
  }));
}

export async function setExchangeMapping(
  deps: AppDeps,
  actor: Actor,
  input: { itemCode: string; catalogCode: string; listCode: string },
) {
  requirePermission(actor, 'aggregation:manage');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const item = await itemByCode(trx, input.itemCode);
    if (!item) throw notFound(`监管事项 ${input.itemCode} `);
    await upsertMapping(trx, {
      item_code: input.itemCode,
      catalog_code: input.catalogCode,
      list_code: input.listCode,
      updated_by: actor.userId,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'exchange_mapping.update',
      entityType: 'exchange_mapping',
      entityId: input.itemCode,
      summary: `监管事项“${item.name}”（${input.itemCode}）对应国家监管事项目录编码 ${input.catalogCode}、检查实施清单编码 ${input.listCode}`,
      after: { itemCode: input.itemCode, catalogCode: input.catalogCode, listCode: input.listCode },
    });
  });
}
