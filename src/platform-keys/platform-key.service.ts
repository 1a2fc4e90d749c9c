import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Db } from '../db/database';
import { deletePlatformKey, findPlatformKey, insertPlatformKeyIfAbsent } from './platform-key.repository';

export interface PlatformKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER, base64: the form the key is published in. */
  publicKeyBase64: string;
}

/**
 * The keys read so far, per database handle: a key, once stored, never changes (the first one written is kept and
 * none is replaced), so the public verification does not read and parse it for every request. Keyed by the handle
 * object, so a transaction (its own handle) reads it itself, and a key written inside a rolled-back one is never kept.
 */
const known = new WeakMap<Db, Map<string, PlatformKey>>();

/**
 * One of the platform's Ed25519 keys (draw records, 检查码 …), one per purpose, created on first
 * use and kept in platform_keys. Two processes creating it at once keep the first one written.
 */
export async function platformKey(db: Db, purpose: string, now: Date): Promise<PlatformKey> {
  const cached = known.get(db)?.get(purpose);
  if (cached) return cached;
  const key = await readOrCreate(db, purpose, now);
  if (!db.isTransaction) {
    let keys = known.get(db);
    if (!keys) known.set(db, (keys = new Map()));
    keys.set(purpose, key);
  }
  return key;
}

/**
 * Drops a key so the next use creates a fresh one (a demo database loaded from the prebuilt artefact must not keep
 * the build's 查询码 key): deleted and forgotten by this handle's cache together.
 */
export async function discardPlatformKey(db: Db, purpose: string): Promise<void> {
  await deletePlatformKey(db, purpose);
  known.get(db)?.delete(purpose);
}

async function readOrCreate(db: Db, purpose: string, now: Date): Promise<PlatformKey> {
  let row = await findPlatformKey(db, purpose);
  if (!row) {
    const pair = generateKeyPairSync('ed25519');
    await insertPlatformKeyIfAbsent(db, {
      purpose,
      algorithm: 'ed25519',
      created_at: now,
      public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      private_key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    });
    row = await findPlatformKey(db, purpose);
    if (!row) throw new Error(`platform key ${purpose} was not stored`);
  }
  return {
    privateKey: createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: Buffer.from(row.public_key, 'base64'), format: 'der', type: 'spki' }),
    publicKeyBase64: row.public_key,
  };
}
