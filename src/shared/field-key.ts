import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from './app-error';

/**
 * An AES-256-GCM key kept in a file outside the database, for the few fields that must not be readable from a copy
 * of the database alone: natural persons' ID numbers in received records (LIANJIAN_RECORD_KEY_FILE) and the identity
 * and contact of a complainant (LIANJIAN_COMPLAINANT_KEY_FILE). The file holds 32 random bytes in base64; every
 * cipher names the key it was made with (the first 8 hex digits of the key's SHA-256), so a start with another key
 * file is refused instead of leaving the fields unreadable. SM4 is not offered: the OpenSSL of Node 20 has SM4 only
 * in unauthenticated modes (no sm4-gcm), and a cipher without an authentication tag could be altered unnoticed.
 */
export interface FieldKey {
  key: Buffer;
  id: string;
}

/** What the key protects and the setting that names its file, for the messages. */
export interface FieldKeyUse {
  what: string;
  env: string;
}

const cache = new Map<string, FieldKey>();

function parseKey(file: string, use: FieldKeyUse): FieldKey {
  const text = readFileSync(file, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text)
    throw new AppError(
      'INTERNAL',
      `${use.what}加密密钥文件 ${resolve(file)} 无效：应为 32 字节随机数的 base64 文本（${use.env}）`,
    );
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 8) };
}

/** The key of `file`, created (readable by this account only) when the file does not exist. */
export function fieldKey(file: string, use: FieldKeyUse): FieldKey {
  const cached = cache.get(file);
  if (cached) return cached;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process created it first: use that one.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = parseKey(file, use);
  cache.set(file, key);
  return key;
}

/**
 * Checked at start: the key file is readable and well-formed, and it is the key the stored ciphers were made with.
 * `storedKeyId` is the key id of a stored cipher (null when none is stored: any well-formed key, or none yet, will do).
 */
export function assertFieldKey(file: string, storedKeyId: string | null, use: FieldKeyUse): void {
  // Nothing encrypted and no file yet: the key is made when the first field is encrypted.
  if (storedKeyId === null && !existsSync(file)) return;
  if (storedKeyId !== null && !existsSync(file))
    throw new AppError(
      'INTERNAL',
      `${use.what}加密密钥文件 ${resolve(file)} 不存在，但数据库中已有用它加密的${use.what}：请恢复原密钥文件（${use.env}），不能另生成新密钥`,
    );
  const key = fieldKey(file, use);
  if (storedKeyId !== null && key.id !== storedKeyId)
    throw new AppError(
      'INTERNAL',
      `${use.what}加密密钥文件 ${resolve(file)} 与数据库中已加密的${use.what}不匹配（密钥标识 ${key.id}，数据使用 ${storedKeyId}）：请使用原密钥文件（${use.env}）`,
    );
}

/** `v1.<key id>.<iv>.<tag>.<cipher text>` (base64 parts). */
export function encryptField(key: FieldKey, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return ['v1', key.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    '.',
  );
}

export function decryptField(key: FieldKey, cipherText: string, use: FieldKeyUse): string {
  const [version, keyId, iv, tag, body] = cipherText.split('.');
  if (version !== 'v1' || keyId !== key.id || !iv || !tag || body === undefined)
    throw new AppError('INTERNAL', `${use.what}密文不是用当前密钥加密的`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** The key id a cipher names. */
export const keyIdOfCipher = (cipherText: string): string | null => cipherText.split('.')[1] ?? null;

/** A keyed fingerprint (HMAC-SHA256): comparable without revealing a guessable value to a reader of the database. */
export const keyedFingerprint = (key: FieldKey, text: string): string =>
  createHmac('sha256', key.key).update(text).digest('hex');
