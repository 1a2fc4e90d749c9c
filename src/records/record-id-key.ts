import {
  assertFieldKey,
  decryptField,
  encryptField,
  type FieldKey,
  fieldKey,
  keyedFingerprint,
} from '../shared/field-key';

/**
 * The AES-256-GCM key that encrypts a natural person's ID number in a received licence or penalty record, kept in a
 * file outside the database (LIANJIAN_RECORD_KEY_FILE): a copy of the database alone does not reveal the numbers.
 * The key handling is shared with the complainants' key (src/shared/field-key.ts).
 */
export type RecordKey = FieldKey;

const use = { what: '身份证号', env: 'LIANJIAN_RECORD_KEY_FILE' };

/** The key of `file`, created (readable by this account only) when the file does not exist. */
export const recordKey = (file: string): RecordKey => fieldKey(file, use);

/** Checked at start: see assertFieldKey. */
export const assertRecordKey = (file: string, storedKeyId: string | null): void =>
  assertFieldKey(file, storedKeyId, use);

export const encryptIdNumber = (key: RecordKey, idNumber: string): string => encryptField(key, idNumber);

export const decryptIdNumber = (key: RecordKey, cipherText: string): string => decryptField(key, cipherText, use);

/**
 * A keyed fingerprint of an ID number: what the record's digest includes instead of the number, so a changed number
 * is a changed record without the digest (a plain hash of a guessable number) revealing it.
 */
export const idNumberFingerprint = (key: RecordKey, idNumber: string): string => keyedFingerprint(key, idNumber);
