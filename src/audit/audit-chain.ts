import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';
import type { HashAlgorithm } from './audit.table';

export { canonicalJson };

export const GENESIS_HASH = '0'.repeat(64);

export function digest(algorithm: HashAlgorithm, value: unknown): string {
  return createHash(algorithm).update(canonicalJson(value), 'utf8').digest('hex');
}

/** The fields an entry's hash covers: everything but the hash itself. */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorUserId: number | null;
  actorName: string;
  actorDepartmentId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  ip: string | null;
  algorithm: HashAlgorithm;
  prevHash: string;
}

export function entryHash(fields: ChainedFields): string {
  return digest(fields.algorithm, fields);
}
