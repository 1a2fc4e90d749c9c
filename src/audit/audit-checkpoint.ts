import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../shared/canonical-json';

/** The chain head a checkpoint vouches for: the newest entry's sequence and hash, and how many entries there were. */
export interface ChainHead {
  seq: number;
  hash: string;
  count: number;
}

/** One line of the checkpoint file, as written and as published. */
export const storedCheckpoint = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  count: z.number().int().positive(),
  /** China time with its offset, e.g. 2026-12-06T06:25:06.746+08:00 (what people read in the published text). */
  at: z.iso.datetime({ offset: true }),
  algorithm: z.literal('ed25519'),
  /** SPKI DER, base64. */
  publicKey: z.string().min(1),
  /** Ed25519 over checkpointSignedText, base64. */
  signature: z.string().min(1),
});
export type StoredCheckpoint = z.infer<typeof storedCheckpoint>;

/**
 * The exact text a checkpoint's signature covers: canonical JSON (keys sorted, no spaces) of
 * { at, count, hash, kind: "lianjian-audit-checkpoint", seq } — so anyone can re-check it with the public key.
 */
export const checkpointSignedText = (c: ChainHead & { at: string }): string =>
  canonicalJson({ kind: 'lianjian-audit-checkpoint', seq: c.seq, hash: c.hash, count: c.count, at: c.at });

export function signCheckpoint(
  key: { privateKey: KeyObject; publicKeyBase64: string },
  head: ChainHead,
  at: Date,
): StoredCheckpoint {
  const fields = { seq: head.seq, hash: head.hash, count: head.count, at: chinaTimestamp(at) };
  const signature = sign(null, Buffer.from(checkpointSignedText(fields), 'utf8'), key.privateKey).toString('base64');
  return { ...fields, algorithm: 'ed25519', publicKey: key.publicKeyBase64, signature };
}

/** Whether the signature is a valid Ed25519 signature of the checkpoint by the public key it names. */
export function checkpointSignatureValid(c: StoredCheckpoint): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(c.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(checkpointSignedText(c), 'utf8'), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** An instant as ISO 8601 in China Standard Time (UTC+8, no daylight saving). */
export const chinaTimestamp = (instant: Date): string =>
  new Date(instant.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

/** A hash as shown in messages: its first 12 hex digits. */
export const shortHash = (hash: string): string => `${hash.slice(0, 12)}…`;
