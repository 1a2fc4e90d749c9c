import { z } from 'zod';
import { pageQuery } from '../shared/paging';

export const auditListQuery = pageQuery.extend({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  action: z.string().trim().max(60).optional(),
  entityType: z.string().trim().max(30).optional(),
  actor: z.string().trim().max(30).optional(),
  entityId: z.string().trim().max(64).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actorUserId: z.number().nullable(),
  actorName: z.string(),
  actorDepartmentName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The entity id in words (a role or setting by name, a personal-data read by its kind). */
  entityText: z.string(),
  summary: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
  /** The changes as the audit page shows them: Chinese field names, values in words, China time. */
  details: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  ip: z.string().nullable(),
  algorithm: z.enum(['sha256', 'sm3']),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const chainReportView = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ seq: z.number(), at: z.string(), action: z.string(), reason: z.string() }).optional(),
  /** Checkpoints compared with the chain (signature valid) and the latest of them. */
  checkpoints: z.object({
    total: z.number(),
    trusted: z.number(),
    latest: z.object({ no: z.number(), seq: z.number(), at: z.string() }).nullable(),
  }),
  /** Chinese: a missing tail, a rewritten range, a checkpoint whose signature fails … (empty when all is well). */
  problems: z.array(z.string()),
});
export type ChainReport = z.infer<typeof chainReportView>;

export const checkpointView = z.object({
  /** 检查点 #n: the line number in the checkpoint file. */
  no: z.number(),
  seq: z.number(),
  hash: z.string(),
  count: z.number(),
  at: z.string(),
  algorithm: z.literal('ed25519'),
  publicKey: z.string(),
  signature: z.string(),
});
export type CheckpointView = z.infer<typeof checkpointView>;

export const publicCheckpointList = z.object({
  algorithm: z.literal('ed25519'),
  /** The platform's checkpoint public key (SPKI DER, base64); null before the first checkpoint. */
  publicKey: z.string().nullable(),
  /** Newest first. */
  items: z.array(checkpointView.extend({ signedText: z.string() })),
});
export type PublicCheckpointList = z.infer<typeof publicCheckpointList>;
