import type { Db } from '../db/database';
import { deleteOffsiteRecord, findOffsiteRecord, listOffsiteRecordResults } from './offsite-withdrawal.repository';

/**
 * Withdraws a department's off-site record of a task (its results were returned in review) so the
 * department can record it again; returns what the record said, for the audit entry of the return.
 */
export async function withdrawOffsiteRecord(trx: Db, taskId: number, departmentId: number) {
  const [head, results] = await Promise.all([
    findOffsiteRecord(trx, taskId, departmentId),
    listOffsiteRecordResults(trx, taskId, departmentId),
  ]);
  await deleteOffsiteRecord(trx, taskId, departmentId);
  return {
    method: head.method,
    dataSource: head.data_source,
    conductedOn: head.conducted_on,
    recordedById: Number(head.recorded_by),
    recordedBy: head.recorded_by_name,
    results,
  };
}
