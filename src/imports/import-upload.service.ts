import type { Readable } from 'node:stream';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf } from '../audit/audit.service';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { admitImport } from './import-admission';
import { type ImportFile, removeUpload, saveUpload } from './import-file';
import type { ImportMode } from './import-job.table';
import { createJob, executeJob, requireImportKind } from './import.service';

/** The file part of a multipart request, read only when asked for (after the caller is admitted). */
export interface UploadedPart {
  file: Readable;
  filename: string;
}

/**
 * Accepts an upload and imports it in the background; the caller polls the job. In order: the
 * caller's permission for this register, a place among the running imports (one per user, a few in
 * all), and only then the upload is read and saved. The upload is removed when the job ends, fails
 * or is refused, and the place is given back.
 */
export async function receiveImport(
  deps: AppDeps,
  actor: Actor,
  kindName: string,
  mode: ImportMode,
  readPart: () => Promise<UploadedPart | undefined>,
): Promise<{ jobId: string }> {
  const kind = requireImportKind(kindName);
  requirePermission(actor, kind.permission);
  const ticket = admitImport(actor, deps.config.imports.maxRunning, deps.clock.now());
  let file: ImportFile | undefined;
  try {
    const part = await readPart();
    if (!part) throw new AppError('BAD_FILE', '请求中没有文件');
    file = await saveUpload(deps.config.imports.uploadDir, ticket.jobId, part.file, part.filename);
    ticket.named(file.fileName);
    await createJob(deps, kind, file, mode, actor.userId, ticket.jobId);
  } catch (error) {
    if (file) await removeUpload(file);
    ticket.release();
    throw error;
  }
  const saved = file;
  const end = async () => {
    await removeUpload(saved).catch(() => undefined);
    ticket.release();
  };
  void executeJob(deps, kind, ticket.jobId, saved, mode, actor, auditSubjectOf(actor), { beforeEnd: end })
    .catch(() => undefined) // the job's row could not be updated (database gone): start-up marks it failed
    .finally(end);
  return { jobId: ticket.jobId };
}
