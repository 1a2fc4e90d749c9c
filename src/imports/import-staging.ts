import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * The validated rows of an import, kept on disk in the upload folder's `staging/` until they are written:
 * the file is read to its end with no transaction open, then the rows are written in short transactions
 * (src/imports/import-apply.ts). Next to the rows, the plan says how to write them (the spec's kind, the
 * importer, the columns present, the job's time), so a process killed half-way through the write finishes
 * it at start-up from these two files. v8 serialisation keeps dates and other values exactly as the
 * spec's `validate` made them. Both files are removed when the job ends.
 */
export interface Staging {
  append(batch: readonly unknown[]): Promise<void>;
  /** Flushes the rows and the plan to disk (fsync): after this the write can be finished after a crash. */
  seal(plan: unknown): Promise<void>;
  /** The appended batches in order. */
  batches(): AsyncGenerator<unknown[]>;
  remove(): Promise<void>;
}

export const stagingDir = (uploadDir: string) => join(uploadDir, 'staging');
export const stagingPath = (uploadDir: string, jobId: string) => join(stagingDir(uploadDir), `${jobId}.stage`);
const planPath = (uploadDir: string, jobId: string) => join(stagingDir(uploadDir), `${jobId}.plan`);

async function* readBatches(path: string): AsyncGenerator<unknown[]> {
  const reader = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    for (let at = 0; ;) {
      const { bytesRead } = await reader.read(head, 0, 4, at);
      if (bytesRead < 4) return;
      const body = Buffer.alloc(head.readUInt32LE());
      const { bytesRead: got } = await reader.read(body, 0, body.length, at + 4);
      // A batch cut short by a crash while staging belongs to a job that never started writing.
      if (got < body.length) throw new Error('暂存文件不完整');
      at += 4 + body.length;
      yield deserialize(body) as unknown[];
    }
  } finally {
    await reader.close();
  }
}

const removeFiles = (uploadDir: string, jobId: string) =>
  Promise.all([rm(stagingPath(uploadDir, jobId), { force: true }), rm(planPath(uploadDir, jobId), { force: true })]);

export async function openStaging(uploadDir: string, jobId: string): Promise<Staging> {
  await mkdir(stagingDir(uploadDir), { recursive: true, mode: 0o700 });
  const path = stagingPath(uploadDir, jobId);
  const writer = await open(path, 'w', 0o600);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await writer.close();
  };
  return {
    async append(batch) {
      const body = serialize(batch);
      const head = Buffer.alloc(4);
      head.writeUInt32LE(body.length);
      await writer.write(Buffer.concat([head, body]));
    },
    async seal(plan) {
      await writer.sync();
      await close();
      const planFile = await open(planPath(uploadDir, jobId), 'w', 0o600);
      try {
        await planFile.write(serialize(plan));
        await planFile.sync();
      } finally {
        await planFile.close();
      }
    },
    async *batches() {
      await close();
      yield* readBatches(path);
    },
    async remove() {
      await close();
      await removeFiles(uploadDir, jobId);
    },
  };
}

/** A job's sealed staging left by a process that ended while writing it; null when the files are gone. */
export async function reopenStaging(
  uploadDir: string,
  jobId: string,
): Promise<{ plan: unknown; staging: Staging } | null> {
  const plan = await readFile(planPath(uploadDir, jobId)).catch(() => null);
  if (plan === null) return null;
  const path = stagingPath(uploadDir, jobId);
  return {
    plan: deserialize(plan),
    staging: {
      append: () => Promise.reject(new Error('暂存已封存')),
      seal: () => Promise.reject(new Error('暂存已封存')),
      batches: () => readBatches(path),
      remove: async () => {
        await removeFiles(uploadDir, jobId);
      },
    },
  };
}

/** Removes the staged rows of jobs that will never be written (found running at start-up). */
export const removeStaged = (uploadDir: string, jobIds: readonly string[]): Promise<unknown> =>
  Promise.all(jobIds.map((id) => removeFiles(uploadDir, id)));
