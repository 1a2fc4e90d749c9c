import { recordAudit } from '../audit/audit.service';
import type { AppDeps } from '../shared/context';
import { deriveFromLicence, deriveFromPenalty } from './credit-from-records.service';
import { recordCreditFromTask } from './credit-from-tasks.service';
import { CREDIT_PLATFORM } from './credit-from-records.service';
import { allPenaltyIds, completedTaskIds, revokedLicenceIds } from './credit-sources.repository';

export interface RebuildReport {
  penalties: number;
  licences: number;
  tasks: number;
  written: number;
}

/**
 * The one-time backfill of an installation that held penalties, licences and inspected tasks before credit records
 * existed: every derivation over every source, idempotently (a record already derived and unchanged is left alone),
 * one transaction per source, one audit entry for the run. `progress` is told after each source.
 */
export async function rebuildCreditRecords(
  deps: AppDeps,
  progress: (done: number, total: number) => void = () => {},
): Promise<RebuildReport> {
  const penalties = await allPenaltyIds(deps.db);
  const licences = await revokedLicenceIds(deps.db);
  const tasks = await completedTaskIds(deps.db);
  const total = penalties.length + licences.length + tasks.length;
  let done = 0;
  let written = 0;
  const each = async (
    ids: { id: number }[],
    derive: (w: Parameters<typeof deriveFromPenalty>[0], id: number) => Promise<number[]>,
  ) => {
    for (const { id } of ids) {
      written += (
        await deps.db
          .transaction()
          .execute((trx) => derive({ trx, deps, now: deps.clock.now(), who: CREDIT_PLATFORM }, Number(id)))
      ).length;
      done += 1;
      progress(done, total);
    }
  };
  await each(penalties, deriveFromPenalty);
  await each(licences, deriveFromLicence);
  await each(tasks, recordCreditFromTask);
  const report = { penalties: penalties.length, licences: licences.length, tasks: tasks.length, written };
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps.config.auditHash, deps.clock.now(), CREDIT_PLATFORM, {
      action: 'credit_record.rebuild',
      entityType: 'credit_record',
      summary: `重建信用记录：行政处罚 ${report.penalties} 条、撤销吊销的许可 ${report.licences} 条、已检查任务 ${report.tasks} 个，新增或更新 ${written} 条信用记录`,
      after: report,
    }),
  );
  return report;
}
