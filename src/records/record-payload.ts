import { createHash } from 'node:crypto';
import { maskIdCard } from '../users/id-card';
import { idNumberFingerprint, type RecordKey } from './record-id-key';
import type { LicenceInput, PenaltyInput, RecordInputOf, RecordType, RegistrationInput } from './record.schemas';
import type { RecordChannel, RecordKind } from './record.table';

export const kindOf: Record<RecordType, RecordKind> = {
  registration: '登记注册',
  licence: '行政许可',
  penalty: '行政处罚',
};

/** What is kept of a received record: the input with a natural person's ID number masked (never the number). */
export type StoredPayload<T extends RecordType> = T extends 'registration'
  ? RegistrationInput
  : Omit<RecordInputOf[T], 'idNumber'> & { idNumberMasked: string | null };

export function storedPayload<T extends RecordType>(type: T, input: RecordInputOf[T]): StoredPayload<T> {
  if (type === 'registration') return input as unknown as StoredPayload<T>;
  const { idNumber, ...rest } = input as LicenceInput | PenaltyInput;
  return { ...rest, idNumberMasked: idNumber ? maskIdCard(idNumber) : null } as unknown as StoredPayload<T>;
}

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;

/**
 * SHA-256 of the record's canonical JSON: the same record sent again has the same digest. A natural person's ID
 * number enters as its keyed fingerprint, so the digest neither reveals it nor misses a change of it.
 */
export function payloadDigest<T extends RecordType>(type: T, input: RecordInputOf[T], key: RecordKey): string {
  const idNumber = type === 'registration' ? null : (input as LicenceInput | PenaltyInput).idNumber;
  const body = idNumber ? { ...input, idNumber: idNumberFingerprint(key, idNumber) } : input;
  return createHash('sha256')
    .update(JSON.stringify(canonical({ type, body })))
    .digest('hex');
}

interface Meta {
  version: number;
  channel: RecordChannel;
}

/** What the audit log keeps of a registration version. */
export const registrationAudit = (p: RegistrationInput, m: Meta) => ({
  version: m.version,
  channel: m.channel,
  senderRecordId: p.senderRecordId,
  event: p.event,
  uscc: p.uscc,
  name: p.name,
  subjectKind: p.subjectKind,
  legalRepresentative: p.legalRepresentative,
  businessScope: p.businessScope,
  industryCodes: p.industryCodes,
  divisionCode: p.divisionCode,
  address: p.address,
  registeredOn: p.registeredOn,
  registrationAuthority: p.registrationAuthority,
  priorApproval: p.priorApproval,
});

const decisionAudit = (p: StoredPayload<'licence'> | StoredPayload<'penalty'>, m: Meta) => ({
  version: m.version,
  channel: m.channel,
  senderRecordId: p.senderRecordId,
  counterpartCategory: p.counterpartCategory,
  counterpartName: p.counterpartName,
  uscc: p.uscc,
  legalRepresentative: p.legalRepresentative,
  idNumberMasked: p.idNumberMasked,
  decidedOn: p.decidedOn,
  authorityName: p.authorityName,
  authorityUscc: p.authorityUscc,
  sourceUnitName: p.sourceUnitName,
  sourceUnitUscc: p.sourceUnitUscc,
  status: p.status,
  decisionDocNo: p.decisionDocNo,
});

/** What the audit log keeps of a licence version (keys named apart from other registers' 编号 and 内容). */
export const licenceAudit = (p: StoredPayload<'licence'>, m: Meta) => ({
  ...decisionAudit(p, m),
  decisionDocName: p.decisionDocName,
  category: p.category,
  certificateName: p.certificateName,
  licenceNo: p.certificateNo,
  licenceContent: p.content,
  validFrom: p.validFrom,
  validTo: p.validTo,
  approvalItemCode: p.approvalItemCode,
  appliedOn: p.appliedOn,
});

export const penaltyAudit = (p: StoredPayload<'penalty'>, m: Meta) => ({
  ...decisionAudit(p, m),
  violationType: p.violationType,
  violationFacts: p.violationFacts,
  penaltyBasis: p.legalBasis,
  categories: p.categories,
  penaltyContent: p.content,
  fineAmount: p.fineAmount,
  confiscatedAmount: p.confiscatedAmount,
  licenceAffected: p.licenceAffected,
  publicityUntil: p.publicityUntil,
  taskNo: p.taskNo,
});
