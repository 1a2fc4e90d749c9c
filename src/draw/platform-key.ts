import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { Db } from '../db/database';
import type { RecordSignature } from './engine/verify';

const PURPOSE = 'draw-record';

export interface PlatformSigner {
  publicKey: string;
  sign(digest: string): RecordSignature;
}

/**
 * The platform's Ed25519 key for draw records, created on first use and kept in the database
 * (its public half is published with every record and at /api/public/draws/key).
 */
export async function drawSigner(db: Db, now: Date): Promise<PlatformSigner> {
  let row = await db.selectFrom('platform_keys').selectAll().where('purpose', '=', PURPOSE).executeTakeFirst();
  if (!row) {
    const pair = generateKeyPairSync('ed25519');
    await db
      .insertInto('platform_keys')
      .values({
        purpose: PURPOSE, algorithm: 'ed25519', created_at: now,
        public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        private_key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      })
      .onConflict((oc) => oc.column('purpose').doNothing())
      .execute();
    row = await db.selectFrom('platform_keys').selectAll().where('purpose', '=', PURPOSE).executeTakeFirstOrThrow();
  }
  const key = createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' });
  const publicKey = row.public_key;
  return { publicKey, sign: (digest) => ({ algorithm: 'ed25519', publicKey, value: sign(null, Buffer.from(digest, 'utf8'), key).toString('base64') }) };
}
