import { type Actor, requirePermission } from '../auth/actor';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { checkpointSignatureValid, checkpointSignedText, signCheckpoint, shortHash } from './audit-checkpoint';
import { auditSubjectOf, type AuditSubject, recordAudit } from './audit.service';
import { findChainHead } from './audit.repository';
import type { CheckpointView, PublicCheckpointList } from './audit.schemas';
import { checkpointKeyForSigning, readCheckpointKey } from './checkpoint-key';
import { appendCheckpointLine, readCheckpointLines } from './checkpoint-file';

const systemSubject: AuditSubject = { userId: null, name: '系统', departmentId: null, ip: null };

/**
 * Signs the chain head (newest entry's sequence and hash, entry count, time) with the checkpoint key and
 * appends it to the checkpoint file outside the database; then records that it did so (the next checkpoint
 * covers that entry).
 */
export async function writeCheckpoint(deps: AppDeps, subject: AuditSubject): Promise<CheckpointView> {
  const { dir, keyFile } = deps.config.auditCheckpoints;
  const key = checkpointKeyForSigning(keyFile, readCheckpointLines(dir).length);
  const head = await findChainHead(deps.db);
  if (!head) throw new AppError('CONFLICT', '审计日志为空，无需写入检查点');
  const now = deps.clock.now();
  const checkpoint = signCheckpoint(key, head, now);
  const no = appendCheckpointLine(dir, checkpoint);
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps.config.auditHash, now, subject, {
      action: 'audit.checkpoint',
      entityType: 'audit_checkpoint',
      entityId: no,
      summary: `写入审计日志检查点 #${no}：至第 ${head.seq} 条（共 ${head.count} 条，哈希 ${shortHash(head.hash)}）`,
    }),
  );
  return { no, ...checkpoint };
}

export async function writeCheckpointAs(deps: AppDeps, actor: Actor): Promise<CheckpointView> {
  requirePermission(actor, 'audit:log:verify');
  return writeCheckpoint(deps, auditSubjectOf(actor));
}

/** Daily checkpoint (run with the hourly jobs): writes one unless one was written today (China time). */
export async function dailyAuditCheckpoint(deps: AppDeps, now: Date): Promise<void> {
  const lines = readCheckpointLines(deps.config.auditCheckpoints.dir);
  const last = lines.at(-1)?.checkpoint;
  if (last && chinaDate(new Date(last.at)) === chinaDate(now)) return;
  await writeCheckpoint(deps, systemSubject);
}

/**
 * The checkpoints as published on the portal, newest first, with the text each signature covers and the
 * platform's checkpoint public key. Lines that do not parse are left out (`audit verify` reports them).
 */
export function publicCheckpoints(deps: AppDeps): PublicCheckpointList {
  const { dir, keyFile } = deps.config.auditCheckpoints;
  const items = readCheckpointLines(dir)
    .flatMap((l) =>
      l.checkpoint ? [{ no: l.no, ...l.checkpoint, signedText: checkpointSignedText(l.checkpoint) }] : [],
    )
    .reverse();
  return { algorithm: 'ed25519', publicKey: readCheckpointKey(keyFile)?.publicKeyBase64 ?? null, items };
}

/** A checkpoint whose signature holds, with its number in the file. */
export interface TrustedCheckpoint {
  no: number;
  seq: number;
  hash: string;
  count: number;
  at: string;
}

/**
 * The checkpoints `audit verify` compares the chain with, and the problems with the file itself: a line
 * that does not parse, a signature that does not hold, a checkpoint signed by another key than the platform's.
 */
export function trustedCheckpoints(deps: AppDeps): {
  checkpoints: TrustedCheckpoint[];
  problems: string[];
  total: number;
} {
  const { dir, keyFile } = deps.config.auditCheckpoints;
  const lines = readCheckpointLines(dir);
  const problems: string[] = [];
  const key = readCheckpointKey(keyFile);
  if (!key && lines.length > 0) problems.push(`审计检查点签名密钥文件不存在（${keyFile}），无法确认检查点由本平台签发`);
  const checkpoints: TrustedCheckpoint[] = [];
  for (const { no, checkpoint: c } of lines) {
    if (!c) problems.push(`检查点 #${no} 无法解析（检查点文件第 ${no} 行被改动）`);
    else if (!checkpointSignatureValid(c)) problems.push(`检查点 #${no} 的签名无效（检查点被改动或伪造）`);
    else if (key && c.publicKey !== key.publicKeyBase64)
      problems.push(`检查点 #${no} 不是用本平台的检查点密钥签名的（公钥不符，检查点被伪造或密钥被更换）`);
    else checkpoints.push({ no, seq: c.seq, hash: c.hash, count: c.count, at: c.at });
  }
  return { checkpoints, problems, total: lines.length };
}
