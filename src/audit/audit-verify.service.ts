import type { Db } from '../db/database';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { shortHash } from './audit-checkpoint';
import { type TrustedCheckpoint, trustedCheckpoints } from './audit-checkpoint.service';
import { auditEntriesAfter } from './audit.repository';
import type { ChainReport } from './audit.schemas';
import type { AuditLogRow } from './audit.table';

export type { ChainReport };

const batchSize = 2000;

/**
 * Checks the chain (every link and every hash recomputed) and compares it with the signed checkpoints kept
 * outside the database, so that a chain cut short or rewritten from some entry on — internally consistent
 * again — is found too. Problems are reported in Chinese; `ok` only when there are none.
 */
export async function verifyAuditLog(deps: AppDeps): Promise<ChainReport> {
  const trusted = trustedCheckpoints(deps);
  const { recordedCheckpoints, ...report } = await verifyAuditChain(deps.db, trusted.checkpoints);
  const problems = [...trusted.problems, ...report.problems];
  // Each checkpoint written is also an entry of the chain: lines cut from the end of the file show there.
  if (recordedCheckpoints > trusted.total)
    problems.push(
      `检查点文件缺少检查点：审计日志记载已写入检查点 #${recordedCheckpoints}，检查点文件中只有 ${trusted.total} 个（检查点文件被删改）`,
    );
  return {
    ...report,
    ok: report.ok && problems.length === 0,
    problems,
    checkpoints: { ...report.checkpoints, total: trusted.total },
  };
}

/** Compares the chain, walked in order, with the checkpoints (sorted by the sequence they vouch for). */
class CheckpointComparison {
  private next = 0;
  /** The first entry after the last checkpoint that matched: where a rewrite found later can have begun. */
  private rewriteFrom: number | null = null;
  private rewriteReported = false;
  readonly problems: string[] = [];

  constructor(private readonly checkpoints: TrustedCheckpoint[]) {}

  /** One entry of the chain, `count` entries so far including it. */
  see(seq: number, hash: string, count: number): void {
    this.rewriteFrom ??= seq;
    for (; this.next < this.checkpoints.length && this.checkpoints[this.next]!.seq <= seq; this.next += 1) {
      const c = this.checkpoints[this.next]!;
      if (c.seq < seq) {
        this.problems.push(
          `检查点 #${c.no} 记录的第 ${c.seq} 条（哈希 ${shortHash(c.hash)}）在数据库中不存在：记录被删除`,
        );
      } else if (c.hash !== hash) {
        if (!this.rewriteReported)
          this.problems.push(
            `第 ${this.rewriteFrom} 条起的记录被改写（与 ${chinaDate(new Date(c.at))} 检查点 #${c.no} 不符：检查点记录第 ${c.seq} 条的哈希为 ${shortHash(c.hash)}，数据库中为 ${shortHash(hash)}）`,
          );
        this.rewriteReported = true;
      } else if (c.count !== count) {
        this.problems.push(
          `检查点 #${c.no} 时第 ${c.seq} 条及以前共有 ${c.count} 条记录，数据库中现有 ${count} 条：${c.count > count ? '有记录被删除' : '有记录被插入'}`,
        );
      } else {
        this.rewriteFrom = null;
      }
    }
  }

  /** After the newest entry: checkpoints beyond it mean the tail of the log is gone. */
  finish(lastSeq: number | null): void {
    const beyond = this.checkpoints.slice(this.next);
    if (beyond.length === 0) return;
    const latest = beyond.reduce((a, b) => (b.seq >= a.seq ? b : a));
    this.problems.push(
      `审计日志末尾缺失：检查点 #${latest.no} 记录至第 ${latest.seq} 条（哈希 ${shortHash(latest.hash)}），数据库中只到第 ${lastSeq ?? 0} 条`,
    );
  }
}

/**
 * Recomputes every entry's hash in order, checks each link to its predecessor, and compares with `checkpoints`;
 * also returns the highest checkpoint number the chain records as written.
 */
export async function verifyAuditChain(
  db: Db,
  checkpoints: TrustedCheckpoint[] = [],
): Promise<ChainReport & { recordedCheckpoints: number }> {
  const sorted = [...checkpoints].sort((a, b) => a.seq - b.seq || a.no - b.no);
  const comparison = new CheckpointComparison(sorted);
  const latest = checkpoints.reduce<TrustedCheckpoint | null>((a, b) => (!a || b.no > a.no ? b : a), null);
  const summary = {
    total: checkpoints.length,
    trusted: checkpoints.length,
    latest: latest && { no: latest.no, seq: latest.seq, at: latest.at },
  };
  let previousHash = GENESIS_HASH;
  let afterSeq = -1;
  let lastSeq: number | null = null;
  let checked = 0;
  let recordedCheckpoints = 0;
  for (;;) {
    const rows = await auditEntriesAfter(db, afterSeq, batchSize);
    for (const row of rows) {
      const reason = brokenReason(row, previousHash);
      if (reason) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: Number(row.seq), at: row.at.toISOString(), action: row.action, reason },
          checkpoints: summary,
          problems: comparison.problems,
          recordedCheckpoints,
        };
      }
      previousHash = row.hash;
      checked += 1;
      lastSeq = Number(row.seq);
      comparison.see(lastSeq, row.hash, checked);
      if (row.action === 'audit.checkpoint' && /^\d+$/.test(row.entity_id ?? ''))
        recordedCheckpoints = Math.max(recordedCheckpoints, Number(row.entity_id));
    }
    if (rows.length < batchSize) break;
    afterSeq = Number(rows[rows.length - 1]!.seq);
  }
  comparison.finish(lastSeq);
  const problems = comparison.problems;
  return { ok: problems.length === 0, checked, checkpoints: summary, problems, recordedCheckpoints };
}

function brokenReason(row: AuditLogRow, previousHash: string): string | null {
  if (row.prev_hash !== previousHash) return '前一条记录的哈希与本条记载的不一致（记录被删除、插入或前一条被改动）';
  const recomputed = entryHash({
    seq: Number(row.seq),
    at: row.at,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorDepartmentId: row.actor_department_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    changes: row.changes,
    ip: row.ip,
    algorithm: row.algorithm,
    prevHash: row.prev_hash,
  });
  return recomputed === row.hash ? null : '按记录内容重新计算的哈希与存储的哈希不一致（记录内容被改动）';
}
