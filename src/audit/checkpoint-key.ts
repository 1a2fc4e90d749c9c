import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../shared/app-error';

export interface CheckpointKey {
  privateKey: KeyObject;
  /** SPKI DER, base64: the form it is published in. */
  publicKeyBase64: string;
}

/**
 * The Ed25519 key that signs audit checkpoints, read from its file (PKCS#8 PEM). It is kept out of the
 * database on purpose: whoever can rewrite the database must not also be able to sign a matching checkpoint.
 */
export function readCheckpointKey(file: string): CheckpointKey | null {
  if (!existsSync(file)) return null;
  try {
    const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    const publicKeyBase64 = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
    return { privateKey, publicKeyBase64 };
  } catch {
    throw new AppError('INTERNAL', `审计检查点签名密钥文件 ${resolve(file)} 不是有效的 Ed25519 私钥（PKCS#8 PEM）`);
  }
}

/**
 * The signing key, created (readable by this account only) when there is none and no checkpoint has been
 * written yet. A missing key with checkpoints already written is an error: a new key would hide the loss.
 */
export function checkpointKeyForSigning(file: string, checkpointsWritten: number): CheckpointKey {
  const existing = readCheckpointKey(file);
  if (existing) return existing;
  if (checkpointsWritten > 0)
    throw new AppError(
      'CONFLICT',
      `审计检查点签名密钥文件 ${resolve(file)} 不存在，但已写入 ${checkpointsWritten} 个检查点：请恢复原密钥文件（LIANJIAN_AUDIT_KEY_FILE），不能另生成新密钥`,
    );
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const pair = generateKeyPairSync('ed25519');
  try {
    writeFileSync(file, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process created it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readCheckpointKey(file)!;
}
