import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file to import: where it is, the name the user gave it, its SHA-256 (kept with the job and in the audit entry) and size. */
export interface ImportFile {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
}

const uploadDir = join(tmpdir(), 'lianjian-imports');

/** Streams an upload to a temporary file, hashing it on the way (the caller removes it when the job ends). */
export async function saveUpload(stream: Readable, fileName: string): Promise<ImportFile> {
  await mkdir(uploadDir, { recursive: true });
  const path = join(uploadDir, randomUUID());
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
    await pipeline(stream, tap, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, fileName: basename(fileName) || '未命名文件', sha256: hash.digest('hex'), size };
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

export const removeUpload = (file: ImportFile): Promise<void> => rm(file.path, { force: true });
