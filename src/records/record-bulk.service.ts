import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { writePermission } from './record-receive.service';
import { type Sender, storeRecord } from './record-store.service';
import { findTaskByNo } from './record.repository';
import type { RecordInputOf, RecordType } from './record.schemas';
import { subjectByUscc } from '../subjects/subject.service';

// What the batch files (src/imports/specs/record.import.ts) need from the records intake: the same validation and
// the same store as the API and online entry, with the import engine owning the transaction.

export { validateRecord } from './record-receive.service';
export { licenceFieldNames, penaltyFieldNames, registrationFieldNames } from './record-fields';

/** The sender of an import: the importer's department (a command-line import has no department and is refused). */
export function importSender(actor: Actor | null, type: RecordType): Sender {
  if (!actor)
    throw new AppError(
      'VALIDATION',
      '登记注册、许可和处罚信息须由部门用户在平台上导入（报送部门即导入人的部门），不能从命令行导入',
    );
  requirePermission(actor, writePermission[type]);
  return { departmentId: actor.departmentId, channel: '批量', userId: actor.userId, audit: auditSubjectOf(actor) };
}

/**
 * Why a penalty cannot name the task `taskNo`, or null: the task must exist and be on the subject with the credit
 * code (checked while the file is read, so the row is refused with its column instead of failing the write).
 */
export async function taskLinkProblem(db: Db, taskNo: string, uscc: string | null): Promise<string | null> {
  const task = await findTaskByNo(db, taskNo);
  if (!task) return `任务 ${taskNo} 不存在`;
  const subject = uscc ? await subjectByUscc(db, uscc) : undefined;
  if (!subject || Number(subject.id) !== Number(task.subject_id)) return `任务 ${taskNo} 的检查对象不是该行政相对人`;
  return null;
}

/** Stores a slice of validated records in the import's transaction, each as the API would; counts by outcome. */
export async function storeImportedRecords<T extends RecordType>(
  trx: Db,
  deps: AppDeps,
  sender: Sender,
  type: T,
  inputs: readonly RecordInputOf[T][],
) {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const input of inputs) {
    const stored = await storeRecord(trx, deps, sender, type, input);
    if (stored.outcome === 'created') counts.inserted += 1;
    else counts[stored.outcome] += 1;
  }
  return counts;
}
