import { ref } from 'vue';
import { ApiError } from '@/api/http';
import { type CheckResult, inspectionApi } from './api';

/** One check item's result as the phone saves it. */
export interface ResultEntry {
  checkItemId: number;
  result: CheckResult;
  notes: string;
}

/**
 * What the inspector saved that has not reached the server yet (a dropped connection on site). Entries live in
 * localStorage, survive a reload, and are sent again in order. A department's results wait as one batch per
 * task, replayed as the one request it was (a later save of the same item replaces its entry); photos wait one
 * by one. A refusal by the server (4xx) is not retried: it is dropped and reported, since sending it again
 * would fail the same way.
 */
export type OutboxEntry =
  | { kind: 'results'; key: string; taskNo: string; entries: ResultEntry[]; savedAt: string }
  | {
      kind: 'photo';
      key: string;
      taskNo: string;
      checkItemId: number;
      fileName: string;
      dataUrl: string;
      savedAt: string;
    };

/** An entry kept by an earlier version of the page, which saved one item per request. */
interface LegacyResult extends ResultEntry {
  kind: 'result';
  taskNo: string;
  savedAt: string;
}

const storageKey = 'lianjian.inspection.outbox';
const batchKey = (taskNo: string) => `b:${taskNo}`;

function mergeInto(entries: ResultEntry[], later: readonly ResultEntry[]): ResultEntry[] {
  const ids = new Set(later.map((e) => e.checkItemId));
  return [...entries.filter((e) => !ids.has(e.checkItemId)), ...later];
}

/** Stored entries, with single results left by an earlier version folded into their task's batch. */
function load(): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    const out: OutboxEntry[] = [];
    for (const e of parsed as (OutboxEntry | LegacyResult)[]) {
      if (e.kind !== 'result') {
        out.push(e);
        continue;
      }
      const entry = { checkItemId: e.checkItemId, result: e.result, notes: e.notes };
      const batch = out.find((x) => x.kind === 'results' && x.taskNo === e.taskNo);
      if (batch?.kind === 'results') batch.entries = mergeInto(batch.entries, [entry]);
      else
        out.push({ kind: 'results', key: batchKey(e.taskNo), taskNo: e.taskNo, entries: [entry], savedAt: e.savedAt });
    }
    return out;
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

/** Keeps a department's results for later, joined with any batch of the task still waiting (the latest entry of an item wins). */
export function enqueueResults(taskNo: string, entries: readonly ResultEntry[]): void {
  const waiting = outbox.value.find((e) => e.kind === 'results' && e.taskNo === taskNo);
  enqueue({
    kind: 'results',
    key: batchKey(taskNo),
    taskNo,
    entries: mergeInto(waiting?.kind === 'results' ? waiting.entries : [], entries),
    savedAt: new Date().toISOString(),
  });
}

export const pendingFor = (taskNo: string) => outbox.value.filter((e) => e.taskNo === taskNo);

/** The results of the task waiting to be sent. */
export const pendingResults = (taskNo: string): ResultEntry[] =>
  pendingFor(taskNo).flatMap((e) => (e.kind === 'results' ? e.entries : []));

/** A failure worth retrying: no connection, a timeout or a server error. */
export function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  return (await fetch(dataUrl)).blob();
}

async function send(entry: OutboxEntry): Promise<void> {
  if (entry.kind === 'results') await inspectionApi.recordAll(entry.taskNo, entry.entries);
  else await inspectionApi.upload(entry.taskNo, entry.checkItemId, await dataUrlToBlob(entry.dataUrl), entry.fileName);
}

let flushing: Promise<{ sent: number; refused: string[] }> | null = null;

/** Sends what is waiting, oldest first; stops at the first transient failure. `sent` counts the requests that went through. */
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
        // Only this entry: a save made while it was on its way replaced it under the same key and stays.
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
