import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Db } from '../db/database';

export interface PlatformKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER, base64: the form the key is published in. */
  publicKeyBase64: string;
}

/**
 * One of the platform's Ed25519 keys (draw records, 检查码 …), one per purpose, created on first
 * use and kept in platform_keys. Two processes creating it at once keep the first one written.
 */
export async function platformKey(db: Db, purpose: string, now: Date): Promise<PlatformKey> {
  let row = await db.selectFrom('platform_keys').selectAll().where('purpose', '=', purpose).executeTakeFirst();
  if (!row) {
    const pair = generateKeyPairSync('ed25519');
    await db
      .insertInto('platform_keys')
      .values({
        purpose,
        algorithm: 'ed25519',
        created_at: now,
        public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        private_key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      })
      .onConflict((oc) => oc.column('purpose').doNothing())
      .execute();
    row = await db.selectFrom('platform_keys').selectAll().where('purpose', '=', purpose).executeTakeFirstOrThrow();
  }
  return {
    privateKey: createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: Buffer.from(row.public_key, 'base64'), format: 'der', type: 'spki' }),
    publicKeyBase64: row.public_key,
  };
}
