import { createHash } from 'node:crypto';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { canonicalJson } from '../shared/canonical-json';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { BatchChannel, BatchStatus } from './aggregation.table';
import { isRecordKind, kindHome, ownKinds, recordKinds, type RecordKind } from './aggregation-fields';
import {
  closeAnomalies,
  departmentById,
  findRecord,
  finishBatch,
  insertAnomalies,
  insertBatch,
  insertRecord,
  knownCertificates,
  lockRecordKey,
  nextSequenceNo,
  openAnomaliesOfKey,
  missingReportMonth,
  openMissingReports,
  subjectNamesOf,
  updateRecord,
} from './aggregation.repository';
import { anomalyDueOn } from './anomaly-deadline';
import { handOff } from './record-handoff';
import { isCitizenCode } from './party-mask';
import { type CleanRecord, parseInspectors, type RecordProblem, validateRecord } from './record-validation';

/** Records in one batch at most (a larger delivery is split by the sender). */
export const MAX_BATCH_RECORDS = 2000;

export interface IncomingRecord {
  raw: unknown;
  /** The row in a batch file (header excluded), null for API and online entry. */
  rowNo: number | null;
}

export type RecordOutcome = 'created' | 'updated' | 'deleted' | 'unchanged' | 'refused';

export interface BatchAnswer {
  batchId: number;
  batchNo: string;
  status: BatchStatus;
  recordCount: number;
  acceptedCount: number;
  anomalyCount: number;
  results: {
    index: number;
    rowNo: number | null;
    key: string;
    outcome: RecordOutcome;
    problems: { field: string | null; problem: string; message: string; dueOn: string | null }[];
  }[];
}

/** Personal data a record may carry that the receipt keeps only masked (the register that holds it encrypts it). */
const personalFields = ['证件号码', '投诉举报人姓名', '投诉举报人电话'];
const stored = (r: CleanRecord) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, personalFields.includes(k) && v ? '（已脱敏）' : v]));
/** A refused record kept for correction: a citizen's 行政相对人编码 (an identity number) is not kept either. */
const storedRefused = (r: CleanRecord) =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, (personalFields.includes(k) || isCitizenCode(r, k)) && v ? '（已脱敏）' : v]),
  );
const digestOf = (r: CleanRecord) => {
  const { 操作: _operation, ...content } = r;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
};

interface Checked {
  index: number;
  rowNo: number | null;
  key: string;
  operation: string;
  record: CleanRecord;
  problems: RecordProblem[];
  outcome?: RecordOutcome;
  ref?: string | null;
}

function factsNeeded(kind: RecordKind, raws: unknown[]) {
  const certificates: string[] = [];
  const codes: string[] = [];
  for (const raw of raws) {
    if (!raw || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    if (kind === '行政检查') certificates.push(...(parseInspectors(r['检查人员']) ?? []).map((i) => i.执法证号));
    if (kind === '执法人员' && typeof r['执法证号'] === 'string') certificates.push(r['执法证号'].trim().toUpperCase());
    for (const name of ['统一社会信用代码', '行政相对人编码'])
      if (typeof r[name] === 'string') codes.push(r[name].trim().toUpperCase());
  }
  return { certificates, codes };
}

/** Validates every record and hands the valid ones to their register (before the batch's own transaction). */
async function check(
  deps: AppDeps,
  actor: Actor,
  kind: RecordKind,
  channel: BatchChannel,
  departmentCode: string,
  records: IncomingRecord[],
): Promise<Checked[]> {
  const needed = factsNeeded(
    kind,
    records.map((r) => r.raw),
  );
  const facts = {
    certificates: await knownCertificates(deps.db, needed.certificates),
    subjectNames: await subjectNamesOf(deps.db, needed.codes),
  };
  const seen = new Set<string>();
  const out: Checked[] = [];
  for (const [index, { raw, rowNo }] of records.entries()) {
    const v = validateRecord(kind, raw, facts);
    const c: Checked = { index, rowNo, ...v };
    if (v.key && seen.has(v.key))
      c.problems.push({ field: '主键', problem: '报送错误', message: `主键 ${v.key} 在本批次中重复` });
    if (v.key) seen.add(v.key);
    out.push(c);
    if (c.problems.length) continue;
    const existing = await findRecord(deps.db, actor.departmentId, kind, c.key);
    if (
      existing &&
      (c.operation === 'd' ? existing.deleted : !existing.deleted && existing.content_digest === digestOf(c.record))
    ) {
      c.outcome = 'unchanged';
      continue;
    }
    if (c.operation === 'd' && !existing) {
      c.problems.push({ field: '主键', problem: '报送错误', message: `主键 ${c.key} 没有报送过，无法删除` });
      continue;
    }
    if (ownKinds.includes(kind)) continue;
    if (c.operation === 'd') {
      c.problems.push({
        field: '操作',
        problem: '报送错误',
        message: `${kind}由${kindHome[kind]}登记，不能以 d 删除；请以 u 报送其当前状态`,
      });
      continue;
    }
    const knownInRegister =
      kind === '监管对象'
        ? facts.subjectNames.has(String(c.record['统一社会信用代码']))
        : kind === '执法人员' && facts.certificates.has(String(c.record['执法证号']));
    const handed = await handOff(deps, actor, kind, c.record, { channel, departmentCode, knownInRegister });
    if ('problems' in handed) c.problems.push(...handed.problems);
    else c.ref = handed.ref;
  }
  return out;
}

/** Stores an accepted record (insert, new content, or delete) and closes what it fixes. */
async function accept(
  trx: Db,
  c: Checked,
  ctx: { departmentId: number; kind: RecordKind; batchId: number; now: Date; recordKey: string },
): Promise<RecordOutcome> {
  await lockRecordKey(trx, ctx.departmentId, ctx.kind, c.key);
  const existing = await findRecord(trx, ctx.departmentId, ctx.kind, c.key);
  const values = {
    content_digest: digestOf(c.record),
    batch_id: ctx.batchId,
    row_no: c.rowNo,
    updated_at: ctx.now,
    home_ref: c.ref ?? existing?.home_ref ?? null,
    payload: JSON.stringify(stored(c.record)),
    deleted: c.operation === 'd',
  };
  let outcome: RecordOutcome;
  if (!existing) {
    await insertRecord(trx, {
      ...values,
      department_id: ctx.departmentId,
      record_kind: ctx.kind,
      sender_key: c.key,
      home: kindHome[ctx.kind],
      received_at: ctx.now,
    });
    outcome = 'created';
  } else {
    await updateRecord(
      trx,
      existing.id,
      c.operation === 'd' ? { ...values, payload: JSON.stringify(existing.payload) } : values,
    );
    outcome = c.operation === 'd' ? 'deleted' : 'updated';
  }
  await closeFixed(trx, ctx);
  return outcome;
}

/** A record of the key that passes validation fixes the key's open anomalies (已整改). */
async function closeFixed(
  trx: Db,
  ctx: { departmentId: number; kind: RecordKind; batchId: number; now: Date; recordKey: string },
) {
  const open = await openAnomaliesOfKey(trx, ctx.departmentId, ctx.kind, ctx.recordKey);
  await closeAnomalies(
    trx,
    open.map((a) => a.id),
    ctx.batchId,
    ctx.now,
    '重新上报的数据通过校验',
  );
}

/**
 * Receives one batch of a department's supervision data (《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条、
 * 第十七条): the same rules for the API, batch files and online entry. Every record is validated; a valid one is
 * handed to the register of its kind (or kept in the 监管行为信息库) and closes the open anomalies of its key (已整改);
 * each problem of an invalid one becomes an anomaly assigned to the sending department, due in 5 working days.
 * Re-delivering the same content changes nothing; a bad resend keeps the first anomaly and its deadline.
 */
export async function receiveBatch(
  deps: AppDeps,
  actor: Actor,
  input: {
    channel: Exclude<BatchChannel, '平台核查'>;
    kind: unknown;
    records: unknown;
    senderBatchNo?: string | null;
    fileName?: string | null;
    rows?: (number | null)[];
  },
): Promise<BatchAnswer> {
  requirePermission(actor, 'aggregation:write');
  if (!isRecordKind(input.kind))
    throw new AppError('VALIDATION', `数据类别应为 ${recordKinds.join('、')} 之一`, [
      { field: '数据类别', message: '数据类别无效' },
    ]);
  const kind = input.kind;
  if (!Array.isArray(input.records) || input.records.length === 0)
    throw new AppError('VALIDATION', '记录应为非空列表', [{ field: '记录', message: '请至少报送一条记录' }]);
  if (input.records.length > MAX_BATCH_RECORDS)
    throw new AppError('VALIDATION', `一个批次最多 ${MAX_BATCH_RECORDS} 条记录，请分批报送`, [
      { field: '记录', message: `超过 ${MAX_BATCH_RECORDS} 条` },
    ]);
  const department = await departmentById(deps.db, actor.departmentId);
  if (!department) throw notFound('报送部门');
  const records = input.records.map((raw, i) => ({ raw, rowNo: input.rows?.[i] ?? null }));
  const checked = await check(deps, actor, kind, input.channel, department.code, records);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const dueOn = anomalyDueOn(await workCalendar(deps.db), today);
  return deps.db.transaction().execute(async (trx) => {
    const batch = await insertBatch(trx, {
      batch_no: await nextSequenceNo(trx, 'aggregation_batches', today),
      department_id: actor.departmentId,
      channel: input.channel,
      record_kind: kind,
      file_name: input.fileName ?? null,
      received_at: now,
      created_by: actor.userId,
      token_name: actor.sessionKind === 'api' ? actor.name : null,
      sender_batch_no: input.senderBatchNo ?? null,
    });
    const answer: BatchAnswer = {
      batchId: batch.id,
      batchNo: batch.batch_no,
      status: '已接收',
      recordCount: checked.length,
      acceptedCount: 0,
      anomalyCount: 0,
      results: [],
    };
    /** Months (2026-11) for which this batch sent data: a 未报送 anomaly closes only when its own month arrives. */
    const monthsSent = new Set<string>();
    for (const c of checked) {
      const recordKey = c.key ? `${department.code}${c.key}` : '';
      const result: BatchAnswer['results'][number] = {
        index: c.index,
        rowNo: c.rowNo,
        key: c.key,
        outcome: c.outcome ?? 'refused',
        problems: [],
      };
      answer.results.push(result);
      if (!c.problems.length) {
        const ctx = { departmentId: department.id, kind, batchId: batch.id, now, recordKey };
        if (!c.outcome) result.outcome = await accept(trx, c, ctx);
        else await closeFixed(trx, ctx);
        answer.acceptedCount += 1;
        const checkedAt = c.record['检查时间'];
        if (result.outcome !== 'deleted' && typeof checkedAt === 'string' && /^\d{4}-\d{2}/.test(checkedAt))
          monthsSent.add(checkedAt.slice(0, 7));
        continue;
      }
      const open = recordKey ? await openAnomaliesOfKey(trx, department.id, kind, recordKey) : [];
      const fresh = c.problems.filter((p) => !open.some((o) => o.field === p.field && o.message === p.message));
      await insertAnomalies(
        trx,
        fresh.map((p) => ({
          department_id: department.id,
          batch_id: batch.id,
          record_kind: kind,
          record_key: recordKey,
          row_no: c.rowNo,
          field: p.field,
          field_label: p.field,
          problem: p.problem,
          message: p.message,
          detected_at: now,
          due_on: dueOn,
          record_payload: JSON.stringify(storedRefused(c.record)),
        })),
      );
      answer.anomalyCount += c.problems.length;
      result.problems = c.problems.map((p) => ({ ...p, dueOn }));
    }
    if (monthsSent.size) {
      const missing = await openMissingReports(trx, department.id, kind);
      await closeAnomalies(
        trx,
        missing.filter((m) => monthsSent.has(missingReportMonth(m.record_key))).map((m) => m.id),
        batch.id,
        now,
        `已报送${kind}数据`,
      );
    }
    const refused = answer.results.filter((r) => r.outcome === 'refused').length;
    answer.status = refused === 0 ? '已接收' : refused === checked.length ? '全部异常' : '部分异常';
    await finishBatch(trx, batch.id, {
      record_count: answer.recordCount,
      accepted_count: answer.acceptedCount,
      anomaly_count: answer.anomalyCount,
      status: answer.status,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'aggregation_batch.receive',
      entityType: 'aggregation_batch',
      entityId: batch.batch_no,
      summary: `${department.name}通过${input.channel}报送${kind}数据 ${answer.recordCount} 条（批次 ${batch.batch_no}）：接收 ${answer.acceptedCount} 条，异常 ${refused} 条`,
      after: {
        batchNo: batch.batch_no,
        channel: input.channel,
        recordKind: kind,
        records: answer.recordCount,
        accepted: answer.acceptedCount,
        refused,
      },
    });
    return answer;
  });
}
