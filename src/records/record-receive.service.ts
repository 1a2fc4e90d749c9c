import { randomBytes } from 'node:crypto';
import { type Actor, requirePermission } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import { auditSubjectOf } from '../audit/audit.service';
import { AppError, type FieldProblem, forbidden } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { findReceivedHead } from './record-query.repository';
import { type Sender, type Stored, storeRecord } from './record-store.service';
import { type ReceiveResult, type RecordInputOf, recordInputs, type RecordType } from './record.schemas';
import type { RecordChannel } from './record.table';

export const writePermission: Record<RecordType, Permission> = {
  registration: 'records:registration:write',
  licence: 'records:licence:write',
  penalty: 'records:penalty:write',
};

export type Validated<T> = { value: T } | { problems: FieldProblem[] };

/** The schema's rules and cross-field rules of one record, each problem naming its field. */
export function validateRecord<T extends RecordType>(type: T, raw: unknown): Validated<RecordInputOf[T]> {
  const parsed = recordInputs[type].safeParse(raw);
  if (parsed.success) return { value: parsed.data as RecordInputOf[T] };
  const problems = parsed.error.issues.map((issue) => ({
    field: issue.path.length ? String(issue.path[0]) : '',
    message: issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : issue.message,
  }));
  return { problems };
}

const senderOf = (actor: Actor, channel: RecordChannel): Sender => ({
  departmentId: actor.departmentId,
  channel,
  userId: actor.userId,
  audit: auditSubjectOf(actor),
});

/** One record in its own transaction; a rule that needs the database refuses it with its field. */
async function receiveOne<T extends RecordType>(
  deps: AppDeps,
  sender: Sender,
  type: T,
  input: RecordInputOf[T],
): Promise<Stored | { problems: FieldProblem[] }> {
  try {
    return await deps.db.transaction().execute((trx) => storeRecord(trx, deps, sender, type, input));
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION' && Array.isArray(error.details))
      return { problems: error.details };
    throw error;
  }
}

/**
 * Records from a department's system (`POST /api/records/<kind>`): one record or up to 1,000, each validated and
 * stored on its own (its own transaction), each with its outcome — created, updated (a new version), unchanged, or
 * refused with its per-field errors, nothing of it written. The sender is the token user's department.
 */
export async function receiveRecords(
  deps: AppDeps,
  actor: Actor,
  type: RecordType,
  records: readonly unknown[],
  channel: RecordChannel = '接口',
): Promise<ReceiveResult> {
  requirePermission(actor, writePermission[type]);
  const sender = senderOf(actor, channel);
  const result: ReceiveResult = { results: [], created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const [index, raw] of records.entries()) {
    const senderRecordId =
      raw && typeof raw === 'object' && typeof (raw as { senderRecordId?: unknown }).senderRecordId === 'string'
        ? (raw as { senderRecordId: string }).senderRecordId
        : null;
    const validated = validateRecord(type, raw);
    const stored = 'problems' in validated ? validated : await receiveOne(deps, sender, type, validated.value);
    if ('problems' in stored) {
      result.refused += 1;
      result.results.push({
        index,
        senderRecordId,
        outcome: 'refused',
        id: null,
        version: null,
        registrationNo: null,
        errors: stored.problems.map(({ field, message }) => ({ field, message })),
      });
      continue;
    }
    result[stored.outcome] += 1;
    result.results.push({ index, senderRecordId, ...stored, errors: [] });
  }
  return result;
}

/** A platform id for a record entered online (the department has no system of its own to number it). */
const onlineRecordId = (now: Date) => `ZX${chinaDate(now).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;

/**
 * Online entry (《浦东新区“六个双”政府综合监管实施办法（暂行）》运行管理办法第十七条: departments without a system enter
 * records on the platform): one record, its errors as a 400 with every field named; `id` corrects a record the actor's
 * department sent before (a new version of it).
 */
export async function enterRecord(
  deps: AppDeps,
  actor: Actor,
  type: RecordType,
  raw: Record<string, unknown> | null,
  id?: number,
): Promise<Stored> {
  requirePermission(actor, writePermission[type]);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new AppError('VALIDATION', '请求体应为一条记录（JSON 对象）');
  let senderRecordId = typeof raw['senderRecordId'] === 'string' ? raw['senderRecordId'].trim() : '';
  if (id !== undefined) {
    const head = await findReceivedHead(deps.db, type, id);
    if (!head) throw new AppError('NOT_FOUND', '记录不存在');
    if (head.sender_department_id !== actor.departmentId) throw forbidden('只能更正本部门报送的记录');
    senderRecordId = head.sender_record_id;
  }
  const validated = validateRecord(type, {
    ...raw,
    senderRecordId: senderRecordId || onlineRecordId(deps.clock.now()),
  });
  if ('problems' in validated) throw invalid(validated.problems);
  const stored = await receiveOne(deps, senderOf(actor, '在线'), type, validated.value);
  if ('problems' in stored) throw invalid(stored.problems);
  return stored;
}

const invalid = (problems: FieldProblem[]) =>
  new AppError('VALIDATION', `输入有误：${problems.map((p) => p.message).join('；')}`, problems);
