import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { AppError } from '../shared/app-error';

/**
 * Imports admitted in this process, from the moment the upload starts until the job ends: each
 * user at most one, and at most `maxRunning` together (an XLSX import holds its shared strings in
 * memory; three at once took the process past its heap). The place is taken before a byte of the
 * upload is read, so a refused caller leaves nothing on disk.
 */
interface Slot {
  userId: number;
  fileName: string | null;
  since: Date;
}
const slots = new Map<string, Slot>();

/** A place among the running imports, named by the job it becomes. */
export interface ImportTicket {
  jobId: string;
  /** The upload is saved: the file's name, for the message a second upload of the same user gets. */
  named(fileName: string): void;
  release(): void;
}

const chinaTime = (instant: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(instant);

export function admitImport(actor: Actor, maxRunning: number, now: Date): ImportTicket {
  const mine = [...slots.entries()].find(([, s]) => s.userId === actor.userId);
  if (mine) {
    const [jobId, slot] = mine;
    throw new AppError(
      'CONFLICT',
      slot.fileName
        ? `您的导入任务（文件“${slot.fileName}”，${chinaTime(slot.since)} 开始，任务编号 ${jobId}）仍在运行，每人同时只能运行一个导入任务，请等它结束后再提交`
        : `您的另一个文件正在上传（${chinaTime(slot.since)} 开始），每人同时只能运行一个导入任务，请等它完成后再提交`,
      { jobId },
    );
  }
  if (slots.size >= maxRunning)
    throw new AppError(
      'RATE_LIMITED',
      `平台正在运行 ${slots.size} 个导入任务，已达同时运行的上限（${maxRunning} 个），请稍后再试`,
    );
  const jobId = randomUUID();
  const slot: Slot = { userId: actor.userId, fileName: null, since: now };
  slots.set(jobId, slot);
  return {
    jobId,
    named: (fileName) => {
      slot.fileName = fileName;
    },
    release: () => {
      slots.delete(jobId);
    },
  };
}

/** Jobs admitted here and not yet ended (their rows say running and their uploads are in use). */
export const importsRunningHere = (): ReadonlySet<string> => new Set(slots.keys());
