import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database';
import { platformKey } from '../platform-keys/platform-key.service';

/** Letters and digits that cannot be mistaken for each other when read off paper (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;
const PURPOSE = 'credit-repair-query-code';

/**
 * The 查询码 printed on a document set's 《信用修复告知书》: with its 统一社会信用代码 the subject applies for repair of
 * that penalty and follows the application on the portal. Derived from a platform secret and the set's number (an
 * HMAC), so the served PDF can be generated again identically and the code is never stored.
 */
export async function repairQueryCode(db: Db, now: Date, setNo: string): Promise<string> {
  const key = await platformKey(db, PURPOSE, now);
  const secret = key.privateKey.export({ format: 'der', type: 'pkcs8' });
  const mac = createHmac('sha256', secret).update(`credit-repair:${setNo}`).digest();
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[mac[i]! % ALPHABET.length];
  return code;
}

/** Whether `given` is the set's 查询码 (case and spaces ignored; compared in constant time). */
export async function queryCodeMatches(db: Db, now: Date, setNo: string, given: string): Promise<boolean> {
  const expected = Buffer.from(await repairQueryCode(db, now, setNo));
  const actual = Buffer.from(given.replace(/\s+/g, '').toUpperCase());
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
