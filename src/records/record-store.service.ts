import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import { maskIdCard } from '../users/id-card';
import type { AppDeps } from '../shared/context';
import { applyRegistrationToRegister } from '../subjects/subject-registration.service';
import { subjectByUscc } from '../subjects/subject.service';
import { afterLicenceReceived, afterPenaltyReceived, afterRegistrationReceived } from './record-hooks';
import { encryptIdNumber, recordKey } from './record-id-key';
import {
  kindOf,
  licenceAudit,
  payloadDigest,
  penaltyAudit,
  registrationAudit,
  type StoredPayload,
  storedPayload,
} from './record-payload';
import {
  findTaskByNo,
  insertLicence,
  insertPenalty,
  insertRegistration,
  insertVersion,
  lockLicence,
  lockPenalty,
  lockRegistration,
  lockSenderRecord,
  nextRegistrationNo,
  updateLicence,
  updatePenalty,
  updateRegistration,
  versionPayload,
} from './record.repository';
import type { LicenceInput, PenaltyInput, RecordInputOf, RecordType, RegistrationInput } from './record.schemas';
import type { RecordChannel } from './record.table';

/** Who sent a record and how: the sender department keys the record with the sender's own record id. */
export interface Sender {
  departmentId: number;
  channel: RecordChannel;
  userId: number | null;
  audit: AuditSubject;
}

export interface Stored {
  outcome: 'created' | 'updated' | 'unchanged';
  id: number;
  version: number;
  registrationNo: string | null;
}

/**
 * Stores one validated record inside the caller's transaction: the same payload again changes nothing (no version,
 * no audit); a changed payload is the next version; every accepted version is appended to received_record_versions
 * and audited, and the capabilities that react to records run (src/records/record-hooks.ts) in the same transaction.
 */
export async function storeRecord<T extends RecordType>(
  trx: Db,
  deps: AppDeps,
  sender: Sender,
  type: T,
  input: RecordInputOf[T],
): Promise<Stored> {
  const key = recordKey(deps.config.recordKeyFile);
  const digest = payloadDigest(type, input, key);
  await lockSenderRecord(trx, kindOf[type], sender.departmentId, input.senderRecordId);
  if (type === 'registration') return storeRegistration(trx, deps, sender, input as RegistrationInput, digest);
  if (type === 'licence') return storeLicence(trx, deps, sender, input as LicenceInput, digest);
  return storePenalty(trx, deps, sender, input as PenaltyInput, digest);
}

const receivedColumns = (sender: Sender, digest: string, now: Date) => ({
  channel: sender.channel,
  payload_digest: digest,
  received_by: sender.userId,
  updated_at: now,
});

async function appendVersion<T extends RecordType>(
  trx: Db,
  sender: Sender,
  type: T,
  recordId: number,
  version: number,
  payload: StoredPayload<T>,
  digest: string,
  now: Date,
) {
  await insertVersion(trx, {
    kind: kindOf[type],
    record_id: recordId,
    version,
    channel: sender.channel,
    payload: JSON.stringify(payload),
    payload_digest: digest,
    received_by: sender.userId,
    received_at: now,
  });
}

async function previous<T extends RecordType>(trx: Db, type: T, id: number, version: number) {
  const row = await versionPayload(trx, kindOf[type], id, version);
  return row?.payload as StoredPayload<T> | undefined;
}

async function storeRegistration(
  trx: Db,
  deps: AppDeps,
  sender: Sender,
  input: RegistrationInput,
  digest: string,
): Promise<Stored> {
  const existing = await lockRegistration(trx, sender.departmentId, input.senderRecordId);
  if (existing && existing.payload_digest === digest)
    return {
      outcome: 'unchanged',
      id: existing.id,
      version: existing.version,
      registrationNo: existing.registration_no,
    };
  const now = deps.clock.now();
  const subjectId = await applyRegistrationToRegister(trx, deps.config.auditHash, now, sender.audit, {
    ...input,
    kind: input.subjectKind,
  });
  const columns = {
    ...receivedColumns(sender, digest, now),
    subject_id: subjectId,
    event: input.event,
    uscc: input.uscc,
    name: input.name,
    subject_kind: input.subjectKind,
    legal_representative: input.legalRepresentative,
    business_scope: input.businessScope,
    industry_codes: input.industryCodes,
    division_code: input.divisionCode,
    address: input.address,
    registered_on: input.registeredOn,
    registration_authority: input.registrationAuthority,
    prior_approval: input.priorApproval,
  };
  const row = existing
    ? await updateRegistration(trx, existing.id, { ...columns, version: existing.version + 1 })
    : await insertRegistration(trx, {
        ...columns,
        registration_no: await nextRegistrationNo(trx, chinaDate(now).slice(0, 4)),
        sender_department_id: sender.departmentId,
        sender_record_id: input.senderRecordId,
        version: 1,
        received_at: now,
      });
  await appendVersion(trx, sender, 'registration', row.id, row.version, input, digest, now);
  const before = existing && (await previous(trx, 'registration', existing.id, existing.version));
  await recordAudit(trx, deps.config.auditHash, now, sender.audit, {
    action: existing ? 'record.registration.update' : 'record.registration.create',
    entityType: 'business_registration',
    entityId: row.id,
    summary: `${existing ? `登记注册信息第 ${row.version} 版` : '收到登记注册信息'}（${input.event}）：${input.name}（${input.uscc}），${row.registration_no}，${sender.channel}`,
    before: before ? registrationAudit(before, { version: existing.version, channel: existing.channel }) : null,
    after: registrationAudit(input, { version: row.version, channel: sender.channel }),
  });
  await afterRegistrationReceived(trx, deps, row.id, existing ? 'changed' : 'new');
  return {
    outcome: existing ? 'updated' : 'created',
    id: row.id,
    version: row.version,
    registrationNo: row.registration_no,
  };
}

/** The counterpart's columns: the subject linked by its credit code, a natural person's ID masked and encrypted. */
async function counterpartColumns(trx: Db, deps: AppDeps, input: LicenceInput | PenaltyInput) {
  const subject = input.uscc ? await subjectByUscc(trx, input.uscc) : undefined;
  return {
    subject_id: subject ? Number(subject.id) : null,
    counterpart_category: input.counterpartCategory,
    counterpart_name: input.counterpartName,
    uscc: input.uscc,
    legal_representative: input.legalRepresentative,
    id_number_masked: input.idNumber ? maskIdCard(input.idNumber) : null,
    id_number_cipher: input.idNumber ? encryptIdNumber(recordKey(deps.config.recordKeyFile), input.idNumber) : null,
    decided_on: input.decidedOn,
    authority_name: input.authorityName,
    authority_uscc: input.authorityUscc,
    source_unit_name: input.sourceUnitName,
    source_unit_uscc: input.sourceUnitUscc,
    status: input.status,
  };
}

async function storeLicence(
  trx: Db,
  deps: AppDeps,
  sender: Sender,
  input: LicenceInput,
  digest: string,
): Promise<Stored> {
  const existing = await lockLicence(trx, sender.departmentId, input.senderRecordId);
  if (existing && existing.payload_digest === digest)
    return { outcome: 'unchanged', id: existing.id, version: existing.version, registrationNo: null };
  const now = deps.clock.now();
  const columns = {
    ...receivedColumns(sender, digest, now),
    ...(await counterpartColumns(trx, deps, input)),
    // The department answering for the licence: the sender, also when it enters a licence a city or national body
    // decided (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十三条); the outside body is the 许可机关.
    department_id: sender.departmentId,
    decision_doc_name: input.decisionDocName,
    decision_doc_no: input.decisionDocNo,
    category: input.category,
    certificate_name: input.certificateName,
    certificate_no: input.certificateNo,
    content: input.content,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    approval_item_code: input.approvalItemCode,
    applied_on: input.appliedOn,
  };
  const row = existing
    ? await updateLicence(trx, existing.id, { ...columns, version: existing.version + 1 })
    : await insertLicence(trx, {
        ...columns,
        sender_department_id: sender.departmentId,
        sender_record_id: input.senderRecordId,
        version: 1,
        received_at: now,
        registration_id: null,
      });
  const payload = storedPayload('licence', input);
  await appendVersion(trx, sender, 'licence', row.id, row.version, payload, digest, now);
  const before = existing && (await previous(trx, 'licence', existing.id, existing.version));
  await recordAudit(trx, deps.config.auditHash, now, sender.audit, {
    action: existing ? 'record.licence.update' : 'record.licence.create',
    entityType: 'licence_record',
    entityId: row.id,
    summary: `${existing ? `行政许可信息第 ${row.version} 版` : '收到行政许可信息'}：${input.counterpartName}，${input.decisionDocNo}（${input.status}），${sender.channel}`,
    before: before ? licenceAudit(before, { version: existing.version, channel: existing.channel }) : null,
    after: licenceAudit(payload, { version: row.version, channel: sender.channel }),
  });
  await afterLicenceReceived(trx, deps, row.id, existing ? 'changed' : 'new');
  return { outcome: existing ? 'updated' : 'created', id: row.id, version: row.version, registrationNo: null };
}

async function storePenalty(
  trx: Db,
  deps: AppDeps,
  sender: Sender,
  input: PenaltyInput,
  digest: string,
): Promise<Stored> {
  const existing = await lockPenalty(trx, sender.departmentId, input.senderRecordId);
  if (existing && existing.payload_digest === digest)
    return { outcome: 'unchanged', id: existing.id, version: existing.version, registrationNo: null };
  const now = deps.clock.now();
  const counterpart = await counterpartColumns(trx, deps, input);
  let taskId: number | null = null;
  if (input.taskNo) {
    // 《黄浦区精准高效协同监管实施办法（试行）》第十六条第二款: a penalty following an inspection's finding names its task.
    const task = await findTaskByNo(trx, input.taskNo);
    if (!task) throw refused('taskNo', `关联检查任务编号：任务 ${input.taskNo} 不存在`);
    if (counterpart.subject_id === null || Number(task.subject_id) !== counterpart.subject_id)
      throw refused('taskNo', `关联检查任务编号：任务 ${input.taskNo} 的检查对象不是该行政相对人`);
    taskId = Number(task.id);
  }
  const columns = {
    ...receivedColumns(sender, digest, now),
    ...counterpart,
    department_id: sender.departmentId,
    decision_doc_no: input.decisionDocNo,
    violation_type: input.violationType,
    violation_facts: input.violationFacts,
    legal_basis: input.legalBasis,
    categories: input.categories,
    content: input.content,
    fine_amount: input.fineAmount,
    confiscated_amount: input.confiscatedAmount,
    licence_affected: input.licenceAffected,
    publicity_until: input.publicityUntil,
    task_id: taskId,
  };
  const row = existing
    ? await updatePenalty(trx, existing.id, { ...columns, version: existing.version + 1 })
    : await insertPenalty(trx, {
        ...columns,
        sender_department_id: sender.departmentId,
        sender_record_id: input.senderRecordId,
        version: 1,
        received_at: now,
      });
  const payload = storedPayload('penalty', input);
  await appendVersion(trx, sender, 'penalty', row.id, row.version, payload, digest, now);
  const before = existing && (await previous(trx, 'penalty', existing.id, existing.version));
  await recordAudit(trx, deps.config.auditHash, now, sender.audit, {
    action: existing ? 'record.penalty.update' : 'record.penalty.create',
    entityType: 'penalty_record',
    entityId: row.id,
    summary: `${existing ? `行政处罚信息第 ${row.version} 版` : '收到行政处罚信息'}：${input.counterpartName}，${input.decisionDocNo}（${input.status}），${sender.channel}`,
    before: before ? penaltyAudit(before, { version: existing.version, channel: existing.channel }) : null,
    after: penaltyAudit(payload, { version: row.version, channel: sender.channel }),
  });
  await afterPenaltyReceived(trx, deps, row.id, existing ? 'changed' : 'new');
  return { outcome: existing ? 'updated' : 'created', id: row.id, version: row.version, registrationNo: null };
}

/** A record refused for a rule that needs the database (its field named, as the schema's errors are). */
export const refused = (field: string, message: string): AppError =>
  new AppError('VALIDATION', message, [{ field, message }]);
