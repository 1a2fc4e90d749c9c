import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../shared/app-error';

/**
 * One process at a time on an embedded (PGlite) data directory. Two processes writing one directory
 * corrupt it (a server and `lianjian audit verify` did, and the directory no longer opened after a
 * kill -9), so the directory holds a lock file created exclusively, naming its holder, as PostgreSQL's
 * own postmaster.pid does. A holder that died without removing it (kill -9, power loss) is detected
 * by its process id on this host and the lock is taken over.
 */
export const LOCK_FILE = 'lianjian.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO instant the holder opened the directory. */
  startedAt: string;
  /** The holder's command (start, audit verify, …). */
  command: string;
  /** The server's address once it listens; null for a command-line process. */
  url: string | null;
}

export interface DataDirLock {
  path: string;
  /** Records the server's address in the lock (so a second process can name it), or rewrites the lock as this process's. */
  announce(url: string | null): void;
  release(): void;
}

const held = new Set<string>();

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? (parsed as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Whether the holder is certainly gone: same host and no such process (or it is this process, which does not hold it). */
function isStale(path: string, holder: LockHolder | null): boolean {
  // An unreadable or half-written file: its writer died between creating and writing it.
  if (!holder) return true;
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !held.has(path);
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** China time, minutes, for the message: '2026-12-05 22:10'. */
const chinaMinute = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function lockHeldMessage(shownDir: string, holder: LockHolder): string {
  const parts = [
    `进程号 ${holder.pid}`,
    holder.host !== hostname() ? `主机 ${holder.host}` : '',
    `${chinaMinute(holder.startedAt)} 启动`,
    holder.url ? `服务地址 ${holder.url}` : `命令 lianjian ${holder.command}`,
  ].filter(Boolean);
  return `数据目录 ${shownDir} 正由另一个联检进程使用（${parts.join('，')}）。嵌入式数据库同一时间只能由一个进程打开：请先停止该进程，或改用 PostgreSQL（DATABASE_URL）。`;
}

/** The process's command line after the script, for the lock file ('start', 'audit verify'). */
const commandOf = () =>
  process.argv
    .slice(2)
    .filter((a) => !a.startsWith('-'))
    .join(' ') || 'node';

/**
 * Takes the directory's lock or throws a CONFLICT naming the holder. `shownDir` is the directory as the
 * operator configured it (for the message). The lock is removed by `release()` and when the process exits.
 */
export function lockDataDir(dataDir: string, shownDir = dataDir): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: commandOf(),
    url: null,
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (attempt < 3 && isStale(path, holder)) {
        // Another process may take over the same stale lock at the same moment: O_EXCL decides who wins.
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
        continue;
      }
      throw new AppError('CONFLICT', lockHeldMessage(shownDir, holder ?? { ...me, pid: 0, command: '未知' }));
    }
  }
  held.add(path);
  const onExit = () => release();
  process.once('exit', onExit);
  function release() {
    if (!held.delete(path)) return;
    process.removeListener('exit', onExit);
    // Only our own lock: never remove one another process took over.
    if (readHolder(path)?.pid === process.pid) {
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    }
  }
  return {
    path,
    announce(url) {
      if (held.has(path)) writeFileSync(path, JSON.stringify({ ...me, url }), { mode: 0o600 });
    },
    release,
  };
}
