import type { Db } from '../db/database';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { auditEntriesAfter } from './audit.repository';
import type { AuditLogRow } from './audit.table';

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; at: string; action: string; reason: string };
}

const batchSize = 2000;

/** Recomputes every entry's hash in order and checks each link to its predecessor. */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let previousHash = GENESIS_HASH;
  let afterSeq = -1;
  let checked = 0;
  for (;;) {
    const rows = await auditEntriesAfter(db, afterSeq, batchSize);
    for (const row of rows) {
      const reason = brokenReason(row, previousHash);
      if (reason) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: Number(row.seq), at: row.at.toISOString(), action: row.action, reason },
        };
      }
      previousHash = row.hash;
      checked += 1;
    }
    if (rows.length < batchSize) return { ok: true, checked };
    afterSeq = Number(rows[rows.length - 1]!.seq);
  }
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
