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
  summary: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
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
});
export type ChainReport = z.infer<typeof chainReportView>;
