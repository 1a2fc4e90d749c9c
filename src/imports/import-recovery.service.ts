import type { AppDeps } from '../shared/context';
import { importsRunningHere } from './import-admission';
import { listUploads, removeUpload } from './import-file';
import { completeInterruptedWrittenJobs, failInterruptedJobs, jobStatuses } from './import-job.repository';
import { removeStaged } from './import-staging';
import { jobsRunningHere } from './import.service';

export const INTERRUPTED_JOB = '平台重启时任务未完成（进程中断），请重新导入';

/** An upload with no job row is another platform's (sharing the folder) or an upload cut off before its job: kept a day. */
const UNCLAIMED_UPLOAD_MS = 24 * 3600 * 1000;

/**
 * Start-up clean-up after a crash or kill: jobs still 运行中 that this process is not running are
 * marked failed with the reason and their staged rows removed, and uploads left in the upload folder by ended jobs are deleted.
 * The server runs it once before it listens (one server per database, docs/deploy.md).
 */
export async function recoverImportJobs(deps: AppDeps): Promise<{ failedJobs: number; removedUploads: number }> {
  const here = new Set([...importsRunningHere(), ...jobsRunningHere()]);
  const now = deps.clock.now();
  // Killed between the final transaction and the job's report: the rows are all there, the job is done.
  const written = await completeInterruptedWrittenJobs(deps.db, [...here], now);
  const failed = await failInterruptedJobs(deps.db, [...here], INTERRUPTED_JOB, now);
  // Their validated rows staged on disk were never written (they are written only in the job's final transaction).
  await removeStaged([...failed, ...written].map((j) => j.id));
  const uploads = (await listUploads(deps.config.imports.uploadDir)).filter((u) => !here.has(u.jobId));
  const status = new Map(
    (
      await jobStatuses(
        deps.db,
        uploads.map((u) => u.jobId),
      )
    ).map((j) => [j.id, j.status]),
  );
  let removed = 0;
  for (const upload of uploads) {
    const jobStatus = status.get(upload.jobId);
    const ended = jobStatus !== undefined && jobStatus !== 'running';
    if (ended || (jobStatus === undefined && now.getTime() - upload.modifiedAt.getTime() > UNCLAIMED_UPLOAD_MS)) {
      await removeUpload(upload);
      removed += 1;
    }
  }
  return { failedJobs: failed.length, removedUploads: removed };
}
