import { createHash } from 'node:crypto';
import type { HashAlgorithm } from './audit.table';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

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
