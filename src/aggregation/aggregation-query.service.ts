import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { daysLate, unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf, type Page } from '../shared/paging';
import type { z } from 'zod';
import type { AggregationBatchTable, DataAnomalyTable } from './aggregation.table';
import { kindFields, kindHome, ownKinds, recordKinds } from './aggregation-fields';
import type {
  actionRecordQuery,
  actionRecordView,
  anomalyListQuery,
  anomalyView,
  batchDetail,
  batchListQuery,
  batchView,
  fieldSpecView,
  overdueSummary,
} from './aggregation.schemas';
import {
  findBatch,
  listActionRecords,
  listAnomalies,
  listBatches,
  overdueByDepartment,
  recordsOfBatch,
} from './aggregation-query.repository';
import type { Selectable } from 'kysely';
import { withCitizenCodeMasked } from './party-mask';

type BatchRow = Selectable<AggregationBatchTable> & { department_name: string };
type AnomalyRow = Selectable<DataAnomalyTable> & { department_name: string; batch_no: string | null };

const presentBatch = (b: BatchRow): z.infer<typeof batchView> => ({
  id: b.id,
  batchNo: b.batch_no,
  senderBatchNo: b.sender_batch_no,
  departmentId: b.department_id,
  departmentName: b.department_name,
  channel: b.channel,
  recordKind: b.record_kind,
  fileName: b.file_name,
  recordCount: b.record_count,
  acceptedCount: b.accepted_count,
  anomalyCount: b.anomaly_count,
  status: b.status,
  receivedAt: b.received_at.toISOString(),
});

/** Working days left to the deadline (0 on the due day, negative when overdue). */
export function daysLeft(cal: WorkCalendar, dueOn: string | null, today: string): number | null {
  if (!dueOn) return null;
  if (dueOn < today) return -daysLate(cal, dueOn, today);
  return unlessYearMissing(() => cal.countWorkingDays(today, dueOn));
}

const presentAnomaly = (a: AnomalyRow, cal: WorkCalendar, today: string): z.infer<typeof anomalyView> => ({
  id: a.id,
  departmentId: a.department_id,
  departmentName: a.department_name,
  batchId: a.batch_id,
  batchNo: a.batch_no,
  recordKind: a.record_kind,
  recordKey: a.record_key,
  rowNo: a.row_no,
  field: a.field,
  problem: a.problem,
  message: a.message,
  detectedAt: a.detected_at.toISOString(),
  dueOn: a.due_on,
  daysLeft: a.status === '待整改' ? daysLeft(cal, a.due_on, today) : null,
  status: a.status,
  resolvedAt: a.resolved_at?.toISOString() ?? null,
  resolutionNote: a.resolution_note,
  record: a.record_payload,
});

/** Batches: a department sees its own, the joint office and the supervision office every department's. */
export async function batchList(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof batchListQuery>,
): Promise<Page<z.infer<typeof batchView>>> {
  requirePermission(actor, 'aggregation:read');
  const { rows, total } = await listBatches(deps.db, {
    departmentId: departmentFilter(actor, 'aggregation:read'),
    kind: query.kind,
    channel: query.channel,
    offset: offsetOf(query),
    limit: query.pageSize,
  });
  return { items: rows.map(presentBatch), total };
}

/** A batch with its records and anomalies; a batch of another department answers 404 to a department user. */
export async function batchDetailOf(deps: AppDeps, actor: Actor, id: number): Promise<z.infer<typeof batchDetail>> {
  requirePermission(actor, 'aggregation:read');
  const batch = await findBatch(deps.db, id);
  const scope = departmentFilter(actor, 'aggregation:read');
  if (!batch || (scope !== null && batch.department_id !== scope)) throw notFound('汇聚批次');
  const today = chinaDate(deps.clock.now());
  const cal = await workCalendar(deps.db);
  const [records, anomalies] = await Promise.all([
    recordsOfBatch(deps.db, id),
    listAnomalies(deps.db, { departmentId: batch.department_id, batchId: id, offset: 0, limit: 2000 }),
  ]);
  return {
    ...presentBatch(batch),
    records: records.map((r) => ({
      id: r.id,
      senderKey: r.sender_key,
      recordKind: r.record_kind,
      payload: withCitizenCodeMasked(r.payload),
      deleted: r.deleted,
      rowNo: r.row_no,
      home: r.home,
      homeRef: r.home_ref,
      updatedAt: r.updated_at.toISOString(),
    })),
    anomalies: anomalies.rows.map((a) => presentAnomaly(a, cal, today)),
  };
}

export async function anomalyList(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof anomalyListQuery>,
): Promise<Page<z.infer<typeof anomalyView>>> {
  requirePermission(actor, 'aggregation:read');
  const today = chinaDate(deps.clock.now());
  const { rows, total } = await listAnomalies(deps.db, {
    departmentId: departmentFilter(actor, 'aggregation:read'),
    status: query.status,
    problem: query.problem,
    kind: query.kind,
    batchId: query.batchId,
    overdueOn: query.overdue === 'true' ? today : undefined,
    offset: offsetOf(query),
    limit: query.pageSize,
  });
  const cal = await workCalendar(deps.db);
  return { items: rows.map((a) => presentAnomaly(a, cal, today)), total };
}

/** Overdue open anomalies by department (《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十六条). */
export async function overdueList(deps: AppDeps, actor: Actor): Promise<z.infer<typeof overdueSummary>> {
  requirePermission(actor, 'aggregation:read');
  const rows = await overdueByDepartment(
    deps.db,
    chinaDate(deps.clock.now()),
    departmentFilter(actor, 'aggregation:read'),
  );
  const departments = rows.map((r) => ({ departmentId: r.id, departmentName: r.name, overdue: Number(r.n) }));
  return { total: departments.reduce((n, d) => n + d.overdue, 0), departments };
}

/** The 监管行为信息库: records of the kinds no other register holds, visible to the sender and to all-scope roles. */
export async function actionRecordList(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof actionRecordQuery>,
): Promise<Page<z.infer<typeof actionRecordView>>> {
  requirePermission(actor, 'aggregation:read');
  const { rows, total } = await listActionRecords(deps.db, {
    departmentId: departmentFilter(actor, 'aggregation:read'),
    kind: query.kind,
    q: query.q,
    kinds: ownKinds,
    offset: offsetOf(query),
    limit: query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      recordKind: r.record_kind,
      senderKey: r.sender_key,
      departmentName: r.department_name,
      payload: withCitizenCodeMasked(r.payload),
      updatedAt: r.updated_at.toISOString(),
    })),
    total,
  };
}

/** The field specification the validator uses, for the 接口说明 page and the online forms. */
export const fieldSpecs = (): z.infer<typeof fieldSpecView>[] =>
  recordKinds.map((kind) => ({
    kind,
    home: kindHome[kind],
    fields: kindFields[kind].map((f) => ({
      name: f.name,
      type: f.type,
      required: f.required,
      max: f.max ?? null,
      options: f.options ? [...f.options] : null,
      note: f.note ?? null,
      example: f.example,
    })),
  }));
