import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { keyIdOfCipher } from '../shared/field-key';
import { assertRecordKey } from './record-id-key';
import { storedCiphers } from './record.repository';

/**
 * At start: the ID-number key file is well-formed (created when there is none and nothing is encrypted yet) and is
 * the key the stored ciphers were made with; otherwise the platform does not start, saying which file to restore.
 */
export async function checkRecordKeyAtStart(db: Db, config: AppConfig): Promise<void> {
  const ids = (await storedCiphers(db)).map(keyIdOfCipher).filter((id): id is string => id !== null);
  assertRecordKey(config.recordKeyFile, ids[0] ?? null);
}
