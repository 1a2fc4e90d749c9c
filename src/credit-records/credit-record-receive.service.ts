import { randomBytes } from 'node:crypto';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, type FieldProblem } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { CreditWrite } from './credit-write';
import { afterCreditRecordsChanged } from './credit-hooks';
import { defaultSeverity } from './credit-record-fields';
import { type CreditRecordDraft, storeCreditRecord } from './credit-record-store.service';
import type { CreditChannel } from './credit-record.table';
import {
  type CreditReceiveResult,
  type CreditRecordInput,
  creditRecordInput,
  type CreditStoredView,
} from './credit-record.schemas';

export type Validated<T> = { value: T } | { problems: FieldProblem[] };

/** The schema's rules and cross-field rules of one record, each problem naming its field. */
export function validateCreditRecord(raw: unknown): Validated<CreditRecordInput> {
  const parsed = creditRecordInput.safeParse(raw);
  if (parsed.success) return { value: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.length ? String(issue.path[0]) : '',
      message: issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : issue.message,
    })),
  };
}

/** A record as its sender's department sent it: keyed by (department, sender's record id). */
export function draftOf(input: CreditRecordInput, departmentId: number, channel: CreditChannel): CreditRecordDraft {
  return {
    source: '外部报送',
    sourceRef: `${departmentId}:${input.senderRecordId}`,
    channel,
    senderDepartmentId: departmentId,
    departmentName: input.departmentName,
    uscc: input.uscc,
    subjectName: input.subjectName,
    kind: input.kind,
    severity: input.severity ?? defaultSeverity[input.kind],
    title: input.title,
    detail: input.detail,
    occurredOn: input.decidedOn,
    countsFrom: input.decidedOn,
    countsUntil: input.countsUntil,
    basisDocNo: input.basisDocNo,
    end:
      input.action === '移出'
        ? { status: '已移出', on: input.removedOn!, reason: `移出${input.kind}：${input.removalReason || input.title}` }
        : null,
  };
}

const notListed: FieldProblem = { field: 'senderRecordId', message: '未找到该业务系统记录编号的列入记录，不能移出' };

/** Stores one record in the caller's transaction: its outcome, or the problem that refuses it. */
export async function storeReceived(
  w: CreditWrite,
  departmentId: number,
  channel: CreditChannel,
  input: CreditRecordInput,
): Promise<CreditStoredView | { problems: FieldProblem[] }> {
  const stored = await storeCreditRecord(w, draftOf(input, departmentId, channel));
  if (stored.outcome === 'none' || !stored.record) return { problems: [notListed] };
  if (stored.outcome !== 'unchanged') await afterCreditRecordsChanged(w, [stored.record.id]);
  return {
    outcome: stored.outcome,
    id: stored.record.id,
    recordNo: stored.record.record_no,
    version: stored.record.version,
  };
}

/** The outcome's problems as the rolled-back transaction's error, so nothing of a refused record is written. */
class Refused extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('refused');
  }
}

async function receiveOne(deps: AppDeps, actor: Actor, channel: CreditChannel, input: CreditRecordInput) {
  try {
    return await deps.db.transaction().execute(async (trx: Db) => {
      const w = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
      const stored = await storeReceived(w, actor.departmentId, channel, input);
      if ('problems' in stored) throw new Refused(stored.problems);
      return stored;
    });
  } catch (error) {
    if (error instanceof Refused) return { problems: error.problems };
    throw error;
  }
}

/**
 * Credit records from a department's system (`POST /api/credit/records`): one or up to 1,000, each validated and
 * stored in its own transaction with its outcome (created, updated, unchanged, refused with per-field errors).
 * The sender is the token user's department.
 */
export async function receiveCreditRecords(
  deps: AppDeps,
  actor: Actor,
  records: readonly unknown[],
  channel: CreditChannel = '接口',
): Promise<CreditReceiveResult> {
  requirePermission(actor, 'credit:record:write');
  const result: CreditReceiveResult = { results: [], created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const [index, raw] of records.entries()) {
    const id = (raw as { senderRecordId?: unknown } | null)?.senderRecordId;
    const senderRecordId = typeof id === 'string' ? id : null;
    const validated = validateCreditRecord(raw);
    const stored = 'problems' in validated ? validated : await receiveOne(deps, actor, channel, validated.value);
    if ('problems' in stored) {
      result.refused += 1;
      result.results.push({
        index,
        senderRecordId,
        outcome: 'refused',
        id: null,
        recordNo: null,
        version: null,
        errors: stored.problems.map(({ field, message }) => ({ field, message })),
      });
      continue;
    }
    result[stored.outcome] += 1;
    result.results.push({ index, senderRecordId, ...stored, errors: [] });
  }
  return result;
}

const invalid = (problems: FieldProblem[]) =>
  new AppError('VALIDATION', `输入有误：${problems.map((p) => p.message).join('；')}`, problems);

/**
 * Online entry by a department without a system of its own: one record, errors as a 400 naming every field.
 * Without a 业务系统记录编号 the platform numbers it (ZX<date>-<random>).
 */
export async function enterCreditRecord(deps: AppDeps, actor: Actor, raw: unknown): Promise<CreditStoredView> {
  requirePermission(actor, 'credit:record:write');
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new AppError('VALIDATION', '请求体应为一条记录（JSON 对象）');
  const given = (raw as { senderRecordId?: unknown }).senderRecordId;
  const senderRecordId =
    typeof given === 'string' && given.trim()
      ? given
      : `ZX${chinaDate(deps.clock.now()).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
  const validated = validateCreditRecord({ ...raw, senderRecordId });
  if ('problems' in validated) throw invalid(validated.problems);
  const stored = await receiveOne(deps, actor, '在线', validated.value);
  if ('problems' in stored) throw invalid(stored.problems);
  return stored;
}
