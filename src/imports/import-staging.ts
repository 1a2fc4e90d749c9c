import { mkdir, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * The validated rows of a running import, kept on disk until the file has been read to its end, so the
 * database is written in one short final transaction instead of one held open while the file is parsed
 * (PGlite has one connection: an open transaction stops every other request). v8 serialisation keeps
 * dates and other values exactly as the spec's `validate` made them. A job killed mid-way leaves only
 * this file behind, never rows in the registers; start-up removes it with the job.
 */
const stagingDir = join(tmpdir(), 'lianjian-import-staging');

export interface Staging {
  append(batch: readonly unknown[]): Promise<void>;
  /** The appended batches in order. */
  batches(): AsyncGenerator<unknown[]>;
  remove(): Promise<void>;
}

export const stagingPath = (jobId: string) => join(stagingDir, `${jobId}.stage`);

export async function openStaging(jobId: string): Promise<Staging> {
  await mkdir(stagingDir, { recursive: true, mode: 0o700 });
  const path = stagingPath(jobId);
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
    async *batches() {
      await close();
      const reader = await open(path, 'r');
      try {
        const head = Buffer.alloc(4);
        for (let at = 0; ;) {
          const { bytesRead } = await reader.read(head, 0, 4, at);
          if (bytesRead < 4) return;
          const body = Buffer.alloc(head.readUInt32LE());
          await reader.read(body, 0, body.length, at + 4);
          at += 4 + body.length;
          yield deserialize(body) as unknown[];
        }
      } finally {
        await reader.close();
      }
    },
    async remove() {
      await close();
      await rm(path, { force: true });
    },
  };
}

/** Removes the staged rows of jobs that will never finish (found running at start-up). */
export const removeStaged = (jobIds: readonly string[]): Promise<void[]> =>
  Promise.all(jobIds.map((id) => rm(stagingPath(id), { force: true })));
