import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../shared/app-error';

/** A file to import: where it is, the name the user gave it, its SHA-256 (kept with the job and in the audit entry) and size. */
export interface ImportFile {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
}

/** The largest file an import accepts (the reverse proxy's client_max_body_size matches it, docs/deploy.md). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/** An upload is named by its job's id, so a file left behind is matched to its job at start-up. */
const UPLOAD_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.upload$/;
const uploadPath = (dir: string, jobId: string) => join(dir, `${jobId}.upload`);

/**
 * Streams an upload to the upload folder as `<jobId>.upload`, hashing it on the way (the job removes
 * it when it ends). Folder and file are private to the platform's account: uploads hold personal data.
 */
export async function saveUpload(dir: string, jobId: string, stream: Readable, fileName: string): Promise<ImportFile> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = uploadPath(dir, jobId);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, tap, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(path, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('TOO_LARGE', `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB 的上限，请分成几个文件导入`);
    throw error;
  }
  return { path, fileName: basename(fileName) || '未命名文件', sha256: hash.digest('hex'), size };
}

/** Uploads waiting in the folder, with the job each belongs to (other files are not the platform's and are left alone). */
export async function listUploads(dir: string): Promise<{ jobId: string; path: string; modifiedAt: Date }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const uploads = [];
  for (const name of names) {
    const jobId = UPLOAD_NAME.exec(name)?.[1];
    if (!jobId) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) uploads.push({ jobId, path, modifiedAt: info.mtime });
  }
  return uploads;
}

/** A file already on disk (command line). */
export async function describeFile(path: string): Promise<ImportFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { path, fileName: basename(path), sha256: hash.digest('hex'), size };
}

export const removeUpload = (file: { path: string }): Promise<void> => rm(file.path, { force: true });
