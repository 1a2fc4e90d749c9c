import { type Actor, requireDepartmentScope } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { nextNumber } from './credit-repair-number.repository';
import type { CreditRepairApplicationRow, RepairChannel, RepairStatement } from './credit-repair.table';
import { repairStatements } from './credit-repair.table';
import { findPenaltyFacts } from './penalty-documents.repository';
import { ACCEPT_WORKING_DAYS, repairEligibility } from './repair-eligibility';
import {
  lockApplication,
  applicationsOfPenalty,
  evidenceList,
  insertEvent,
  insertEvidence,
  OPEN_STATUSES,
  insertApplication,
} from './repair.repository';

export interface ApplicationInput {
  statements: RepairStatement[];
  statementText: string;
  contactName: string;
  contactPhone: string;
}

export interface EvidenceFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export const EVIDENCE_MAX_BYTES = 2 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;

/** The subject on the portal (no login): named in the audit by its credit code. */
export const portalSubject = (uscc: string, ip: string | null): AuditSubject => ({
  userId: null,
  name: `市场主体（${uscc}）`,
  departmentId: null,
  ip,
});

/** Whether the penalty may be repaired now, with the facts it was judged on. */
export async function penaltyEligibility(db: Db, today: string, penaltyId: number) {
  const p = await findPenaltyFacts(db, penaltyId);
  if (!p) throw notFound('行政处罚信息');
  const apps = await applicationsOfPenalty(db, penaltyId);
  const eligibility = repairEligibility({
    categories: p.categories,
    decidedOn: p.decided_on,
    decisionStatus: p.status,
    publicityUntil: p.publicity_until,
    published: p.publication_status === '已公示' || p.publication_status === '已更新',
    openApplication: apps.some((a) => OPEN_STATUSES.includes(a.status)),
    repaired: apps.some((a) => a.status === '已修复'),
    today,
  });
  return { penalty: p, eligibility, applications: apps };
}

/** Applies for repair of an eligible penalty (portal or counter), in the caller's transaction. */
export async function createApplication(
  trx: Db,
  deps: AppDeps,
  who: AuditSubject,
  penaltyId: number,
  input: ApplicationInput,
  channel: RepairChannel,
): Promise<string> {
  const missing = repairStatements.filter((s) => !input.statements.includes(s));
  if (missing.length)
    throw new AppError('VALIDATION', `请确认：${missing.join('、')}`, [
      { field: 'statements', message: `请确认${missing.join('、')}` },
    ]);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const { penalty, eligibility } = await penaltyEligibility(trx, today, penaltyId);
  if (!penalty.uscc) throw new AppError('VALIDATION', '自然人的信用修复请到信用主管部门窗口办理');
  if (!eligibility.eligible) throw new AppError('CONFLICT', eligibility.reasons.join('；'));
  const calendar = await workCalendar(trx);
  const repairNo = await nextNumber(trx, 'credit_repair_applications', `XYXF${today.slice(0, 4)}-`);
  const id = await insertApplication(trx, {
    repair_no: repairNo,
    penalty_id: penaltyId,
    department_id: penalty.department_id ?? penalty.sender_department_id,
    uscc: penalty.uscc,
    subject_name: penalty.counterpart_name,
    decision_doc_no: penalty.decision_doc_no,
    channel,
    statements: [...input.statements],
    statement_text: input.statementText,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    status: '待受理',
    accept_due_on: unlessYearMissing(() => calendar.addWorkingDays(today, ACCEPT_WORKING_DAYS)),
    created_by: who.userId,
    created_at: now,
    updated_at: now,
  });
  await insertEvent(trx, {
    application_id: id,
    action: '提交申请',
    note: channel === '门户' ? '网上申请' : '窗口代为录入',
    by_name: who.name,
    at: now,
  });
  await recordAudit(trx, deps.config.auditHash, now, who, {
    action: 'credit_repair.apply',
    entityType: 'credit_repair',
    entityId: repairNo,
    summary: `${penalty.counterpart_name}申请信用修复 ${repairNo}（《行政处罚决定书》${penalty.decision_doc_no}，${channel === '门户' ? '网上申请' : '窗口代办'}）`,
    after: { penaltyId, statements: input.statements, contactName: input.contactName },
  });
  return repairNo;
}

/** Staff enter an application at the counter on the subject's behalf (credit:repair:write, the penalty's department or all). */
export async function applyAtCounter(deps: AppDeps, actor: Actor, penaltyId: number, input: ApplicationInput) {
  return deps.db.transaction().execute(async (trx) => {
    const p = await findPenaltyFacts(trx, penaltyId);
    if (!p) throw notFound('行政处罚信息');
    requireDepartmentScope(actor, 'credit:repair:write', p.department_id ?? p.sender_department_id);
    return createApplication(trx, deps, auditSubjectOf(actor), penaltyId, input, '窗口');
  });
}

function looksLike(contentType: string, data: Buffer): contentType is 'application/pdf' | 'image/jpeg' {
  if (contentType === 'application/pdf') return data.subarray(0, 5).toString('latin1') === '%PDF-';
  if (contentType === 'image/jpeg') return data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  return false;
}

/** Adds one evidence file (PDF or JPG, at most 2 MB, at most 5 per application) while the application awaits it. */
export async function addEvidence(
  trx: Db,
  deps: AppDeps,
  who: AuditSubject,
  app: CreditRepairApplicationRow,
  file: EvidenceFile,
) {
  if (app.status !== '待受理' && app.status !== '待补正')
    throw new AppError('CONFLICT', `申请${app.status}，不能再上传材料`);
  if (!looksLike(file.contentType, file.data))
    throw new AppError('BAD_FILE', '证明材料须为 PDF 或 JPG 文件，且内容与类型相符', [
      { field: 'file', message: '仅支持 PDF、JPG' },
    ]);
  if (file.data.length > EVIDENCE_MAX_BYTES) throw new AppError('BAD_FILE', '每个证明材料不能超过 2 MB');
  if ((await evidenceList(trx, app.id)).length >= EVIDENCE_MAX_FILES)
    throw new AppError('CONFLICT', `每份申请最多上传 ${EVIDENCE_MAX_FILES} 个证明材料`);
  const now = deps.clock.now();
  await insertEvidence(trx, {
    application_id: app.id,
    file_name: file.fileName,
    content_type: file.contentType,
    size: file.data.length,
    data: file.data,
    uploaded_at: now,
  });
  await recordAudit(trx, deps.config.auditHash, now, who, {
    action: 'credit_repair.evidence',
    entityType: 'credit_repair',
    entityId: app.repair_no,
    summary: `信用修复 ${app.repair_no} 上传证明材料 ${file.fileName}（${Math.ceil(file.data.length / 1024)} KB）`,
  });
}

/** Staff hand in an evidence file at the counter (credit:repair:write, the penalty's department or all). */
export async function addEvidenceAtCounter(deps: AppDeps, actor: Actor, repairNo: string, file: EvidenceFile) {
  await deps.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, repairNo);
    if (!app) throw notFound('信用修复申请');
    requireDepartmentScope(actor, 'credit:repair:write', app.department_id ?? actor.departmentId);
    await addEvidence(trx, deps, auditSubjectOf(actor), app, file);
  });
}
