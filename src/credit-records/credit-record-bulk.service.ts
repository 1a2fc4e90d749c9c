import { type Actor, requirePermission } from '../auth/actor';
import { type AuditSubject, auditSubjectOf } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, type FieldProblem } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { storeReceived } from './credit-record-receive.service';
import { findBySource } from './credit-record.repository';
import type { CreditRecordInput } from './credit-record.schemas';

// What the batch file (src/imports/specs/credit-record.import.ts) needs: the same validation and store as the API
// and online entry, with the import engine owning the transaction.

export { validateCreditRecord } from './credit-record-receive.service';
export { creditFieldNames } from './credit-record-fields';

export interface CreditImporter {
  departmentId: number;
  who: AuditSubject;
}

/** The importer: a department user with credit:record:write (the sender is the importer's department). */
export function creditImporter(actor: Actor | null): CreditImporter {
  if (!actor)
    throw new AppError('VALIDATION', '信用记录须由部门用户在平台上导入（报送部门即导入人的部门），不能从命令行导入');
  requirePermission(actor, 'credit:record:write');
  return { departmentId: actor.departmentId, who: auditSubjectOf(actor) };
}

/** Why a 移出 row cannot be applied (no 列入 record with its id from this department), or null. */
export async function removalProblem(
  db: Db,
  importer: CreditImporter,
  input: CreditRecordInput,
): Promise<FieldProblem | null> {
  if (input.action !== '移出') return null;
  const existing = await findBySource(db, '外部报送', `${importer.departmentId}:${input.senderRecordId}`);
  return existing ? null : { field: 'senderRecordId', message: '未找到该业务系统记录编号的列入记录，不能移出' };
}

/** Stores a slice of validated rows in the import's transaction, each as the API would; counts by outcome. */
export async function storeImportedCreditRecords(
  trx: Db,
  deps: AppDeps,
  now: Date,
  importer: CreditImporter,
  inputs: readonly CreditRecordInput[],
) {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const w = { trx, deps, now, who: importer.who };
  for (const input of inputs) {
    const stored = await storeReceived(w, importer.departmentId, '批量', input);
    if ('problems' in stored) throw new AppError('VALIDATION', stored.problems.map((p) => p.message).join('；'));
    if (stored.outcome === 'created') counts.inserted += 1;
    else counts[stored.outcome] += 1;
  }
  return counts;
}
