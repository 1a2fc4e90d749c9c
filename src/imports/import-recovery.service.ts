import type { AppDeps } from '../shared/context';
import { importsRunningHere } from './import-admission';
import { type ApplyPlan, applyStaged } from './import-apply';
import { listUploads, removeUpload } from './import-file';
import {
  completeInterruptedWrittenJobs,
  failInterruptedJobs,
  failJobAtStartUp,
  finishWrittenJob,
  jobStatuses,
  jobsLeftWriting,
} from './import-job.repository';
import { importKindOf } from './import-kinds';
import { removeStaged, reopenStaging } from './import-staging';
import { jobsRunningHere } from './import.service';

export const INTERRUPTED_JOB = '平台重启时任务未完成（进程中断），请重新导入';
export const STAGING_LOST =
  '平台重启时任务正在写入，但暂存的数据已不在上传目录中，无法继续写入；已写入的行见统计，请重新导入同一文件补齐（按主键更新，不会产生重复记录）';

/** An upload with no job row is another platform's (sharing the folder) or an upload cut off before its job: kept a day. */
const UNCLAIMED_UPLOAD_MS = 24 * 3600 * 1000;

/**
 * Start-up clean-up after a crash or kill: a job that had started writing its staged rows is finished from
 * where it stopped (its import is then all there); other jobs still 运行中 that this process is not running
 * are marked failed with the reason and their staged rows removed (they had written nothing); uploads left
 * in the upload folder by ended jobs are deleted. The server runs it once before it listens (one server per
 * database, docs/deploy.md).
 */
export async function recoverImportJobs(
  deps: AppDeps,
): Promise<{ failedJobs: number; finishedJobs: number; removedUploads: number }> {
  const here = new Set([...importsRunningHere(), ...jobsRunningHere()]);
  const uploadDir = deps.config.imports.uploadDir;
  const finished = await finishInterruptedWrites(deps, [...here]);
  // Killed between the last write transaction and the job's report: the rows are all there, the job is done.
  const written = await completeInterruptedWrittenJobs(deps.db, [...here], deps.clock.now());
  const failed = await failInterruptedJobs(deps.db, [...here], INTERRUPTED_JOB, deps.clock.now());
  await removeStaged(
    uploadDir,
    [...failed, ...written].map((j) => j.id),
  );
  const now = deps.clock.now();
  const uploads = (await listUploads(uploadDir)).filter((u) => !here.has(u.jobId));
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
  return { failedJobs: failed.length, finishedJobs: finished, removedUploads: removed };
}

/**
 * Finishes every job whose write had started when its process ended: the rest of its rows are written
 * from the staging left on disk, then the job is done with its file's figures. Returns how many were finished.
 */
async function finishInterruptedWrites(deps: AppDeps, here: string[]): Promise<number> {
  const uploadDir = deps.config.imports.uploadDir;
  let done = 0;
  for (const job of await jobsLeftWriting(deps.db, here)) {
    const kind = importKindOf(job.kind);
    const sealed = await reopenStaging(uploadDir, job.id);
    // Written but its figures lost with the staging: completeInterruptedWrittenJobs ends it done.
    if (job.committed && !sealed) continue;
    try {
      if (!kind || !sealed) throw new Error(STAGING_LOST);
      const plan = sealed.plan as ApplyPlan;
      if (!job.committed) await applyStaged(deps, kind, sealed.staging, plan, { from: job.apply_state ?? undefined });
      await finishWrittenJob(deps.db, job.id, plan, deps.clock.now());
      done += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await failJobAtStartUp(
        deps.db,
        job.id,
        message === STAGING_LOST ? message : `平台重启后继续写入失败：${message}`,
        deps.clock.now(),
      );
    } finally {
      await sealed?.staging.remove();
    }
  }
  return done;
}
