import { sign } from 'node:crypto';
import type { Db } from '../db/database';
import { platformKey } from '../platform-keys/platform-key.service';
import type { RecordSignature } from './engine/verify';

export interface PlatformSigner {
  publicKey: string;
  sign(digest: string): RecordSignature;
}

/**
 * The platform's Ed25519 key for draw records (its public half is published with every record
 * and at /api/public/draws/key).
 */
export async function drawSigner(db: Db, now: Date): Promise<PlatformSigner> {
  const key = await platformKey(db, 'draw-record', now);
  const publicKey = key.publicKeyBase64;
  return {
    publicKey,
    sign: (digest) => ({
      algorithm: 'ed25519',
      publicKey,
      value: sign(null, Buffer.from(digest, 'utf8'), key.privateKey).toString('base64'),
    }),
  };
}
