import { ref } from 'vue';
import { ApiError } from '@/api/http';
import { type CheckResult, inspectionApi } from './api';

/**
 * Entries the inspector saved that have not reached the server yet (a dropped connection on site).
 * They live in localStorage, survive a reload, and are sent again in order; a result is keyed by its
 * check item so the latest choice wins. A refusal by the server (4xx) is not retried: it is dropped
 * and reported, since sending it again would fail the same way.
 */
export type OutboxEntry =
  | {
      kind: 'result';
      key: string;
      taskNo: string;
      checkItemId: number;
      result: CheckResult;
      notes: string;
      savedAt: string;
    }
  | {
      kind: 'photo';
      key: string;
      taskNo: string;
      checkItemId: number;
      fileName: string;
      dataUrl: string;
      savedAt: string;
    };

const storageKey = 'lianjian.inspection.outbox';

function load(): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
  } catch {
    return [];
  }
}

export const outbox = ref<OutboxEntry[]>(load());

function persist(): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(outbox.value));
  } catch {
    // Storage full (large photos): the entries stay in memory for this page.
  }
}

export function enqueue(entry: OutboxEntry): void {
  outbox.value = [...outbox.value.filter((e) => e.key !== entry.key), entry];
  persist();
}

export const pendingFor = (taskNo: string) => outbox.value.filter((e) => e.taskNo === taskNo);

/** A failure worth retrying: no connection, a timeout or a server error. */
export function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  return (await fetch(dataUrl)).blob();
}

async function send(entry: OutboxEntry): Promise<void> {
  if (entry.kind === 'result')
    await inspectionApi.record(entry.taskNo, entry.checkItemId, { result: entry.result, notes: entry.notes });
  else await inspectionApi.upload(entry.taskNo, entry.checkItemId, await dataUrlToBlob(entry.dataUrl), entry.fileName);
}

let flushing: Promise<{ sent: number; refused: string[] }> | null = null;

/** Sends what is waiting, oldest first; stops at the first transient failure. */
export function flush(): Promise<{ sent: number; refused: string[] }> {
  flushing ??= (async () => {
    let sent = 0;
    const refused: string[] = [];
    try {
      for (const entry of [...outbox.value]) {
        try {
          await send(entry);
          sent += 1;
        } catch (error) {
          if (isTransient(error)) break;
          refused.push(error instanceof ApiError ? error.message : String(error));
        }
        outbox.value = outbox.value.filter((e) => e !== entry);
        persist();
      }
    } finally {
      flushing = null;
    }
    return { sent, refused };
  })();
  return flushing;
}

export function fileToDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
