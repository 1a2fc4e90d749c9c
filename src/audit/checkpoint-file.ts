import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type StoredCheckpoint, storedCheckpoint } from './audit-checkpoint';

const FILE_NAME = 'checkpoints.jsonl';

/** A line of the checkpoint file: its number (检查点 #n) and the checkpoint, or null when it does not parse. */
export interface CheckpointLine {
  no: number;
  checkpoint: StoredCheckpoint | null;
}

export const checkpointFilePath = (dir: string): string => join(dir, FILE_NAME);

/** Every line of the append-only checkpoint file (JSON lines), in the order written; none when there is no file. */
export function readCheckpointLines(dir: string): CheckpointLine[] {
  const file = checkpointFilePath(dir);
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, i) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = null;
    }
    const checked = storedCheckpoint.safeParse(parsed);
    return { no: i + 1, checkpoint: checked.success ? checked.data : null };
  });
}

/** Appends one checkpoint as one line (O_APPEND, one write) and returns its number. */
export function appendCheckpointLine(dir: string, checkpoint: StoredCheckpoint): number {
  mkdirSync(dir, { recursive: true });
  const before = readCheckpointLines(dir).length;
  appendFileSync(checkpointFilePath(dir), `${JSON.stringify(checkpoint)}\n`, { flag: 'a' });
  return before + 1;
}
