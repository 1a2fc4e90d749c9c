import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import {
  assertFieldKey,
  decryptField,
  encryptField,
  type FieldKey,
  fieldKey,
  keyedFingerprint,
  keyIdOfCipher,
} from '../shared/field-key';
import { oneComplainantCipher } from './complaint-intake.repository';

/**
 * 吹哨人保护: a complainant's name, phone and ID number exist only as one AES-256-GCM cipher made with the key file
 * LIANJIAN_COMPLAINANT_KEY_FILE, kept apart from the database and from the ID-number key of received records (each
 * file can have its own custodian; the handling is the one of src/shared/field-key.ts). The same key makes the hash of
 * a complaint's lookup code, so a copy of the database does not let anyone try codes offline either.
 */
export interface ComplainantIdentity {
  name: string;
  phone: string;
  idNumber: string | null;
}

const use = { what: '投诉举报人身份信息', env: 'LIANJIAN_COMPLAINANT_KEY_FILE' };

const keyOf = (config: AppConfig): FieldKey => fieldKey(config.complainantKeyFile, use);

export const sealIdentity = (config: AppConfig, identity: ComplainantIdentity): string =>
  encryptField(keyOf(config), JSON.stringify(identity));

export const openIdentity = (config: AppConfig, cipher: string): ComplainantIdentity =>
  JSON.parse(decryptField(keyOf(config), cipher, use)) as ComplainantIdentity;

/** The stored form of a lookup code: keyed by the ticket, so one code never matches another complaint. */
export const lookupCodeHash = (config: AppConfig, ticketNo: string, code: string): string =>
  keyedFingerprint(keyOf(config), `complaint-lookup:${ticketNo}:${code}`);

/** At start: the key file is well-formed and is the one the stored identities were encrypted with. */
export async function checkComplainantKeyAtStart(db: Db, config: AppConfig): Promise<void> {
  const cipher = await oneComplainantCipher(db);
  assertFieldKey(config.complainantKeyFile, cipher ? keyIdOfCipher(cipher) : null, use);
}
