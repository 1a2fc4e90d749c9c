import { type Actor, requireDepartmentScope } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { nextNumber } from './credit-repair-number.repository';
import type { PenaltyDocumentSetRow, ServiceMethod } from './credit-repair.table';
import {
  type DocumentFacts,
  type PenaltyDocumentKind,
  penaltyDocumentPdf,
  penaltyDocumentTitles,
} from './penalty-documents-pdf';
import {
  findPenaltyFacts,
  findSetOfPenalty,
  insertSet,
  lockSetOfPenalty,
  type PenaltyFacts,
  recorderName,
  updateSet,
} from './penalty-documents.repository';
import { earliestRepairOn, isSeriousPenalty, isUnpublishedPenalty } from './repair-eligibility';
import { repairQueryCode } from './repair-query-code';

/** A first delivery or a new version of the same record (as src/records/record-hooks.ts passes it). */
type RecordChange = 'new' | 'changed';

const PLATFORM: AuditSubject = { userId: null, name: '平台（五书同达）', departmentId: null, ip: null };

const citedFields = (p: PenaltyFacts) => ({
  decision_doc_no: p.decision_doc_no,
  counterpart_name: p.counterpart_name,
  uscc: p.uscc,
  department_id: p.department_id ?? p.sender_department_id,
});

/**
 * 五书同达 (《日照市人民政府办公室印发关于深入推进跨部门综合监管的实施意见的通知》（十七））: when a penalty decision
 * is recorded, its document set is prepared with the 《行政处罚决定书》 number (natural persons are served too); a new
 * version of the decision updates what the documents cite. The PDFs are generated on request from the set.
 */
export async function preparePenaltyDocuments(
  trx: Db,
  deps: AppDeps,
  penaltyId: number,
  change: RecordChange,
): Promise<void> {
  const penalty = await findPenaltyFacts(trx, penaltyId);
  if (!penalty) return;
  const now = deps.clock.now();
  const existing = await lockSetOfPenalty(trx, penaltyId);
  if (existing) {
    if (change === 'changed') await updateSet(trx, existing.id, { ...citedFields(penalty), updated_at: now });
    return;
  }
  const setNo = await nextNumber(trx, 'penalty_document_sets', `WSTD${chinaDate(now).slice(0, 4)}-`);
  const id = await insertSet(trx, {
    ...citedFields(penalty),
    set_no: setNo,
    penalty_id: penaltyId,
    prepared_on: chinaDate(now),
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, deps.config.auditHash, now, PLATFORM, {
    action: 'penalty_documents.prepare',
    entityType: 'penalty_document_set',
    entityId: setNo,
    summary: `为《行政处罚决定书》${penalty.decision_doc_no}（${penalty.counterpart_name}）生成五书同达配套文书 ${setNo}`,
    after: { penaltyId, setId: id },
  });
}

async function setWithPenalty(db: Db, actor: Actor, penaltyId: number) {
  const set = await findSetOfPenalty(db, penaltyId);
  const penalty = await findPenaltyFacts(db, penaltyId);
  if (!set || !penalty) throw notFound('该处罚的五书同达文书');
  if (set.department_id !== null) requireDepartmentScope(actor, 'credit:repair:read', set.department_id);
  return { set, penalty };
}

/** What the four documents say: the decision, the set, the publication's dates and the set's 查询码. */
export async function documentFacts(
  db: Db,
  now: Date,
  set: PenaltyDocumentSetRow,
  p: PenaltyFacts,
): Promise<DocumentFacts> {
  const unpublished = isUnpublishedPenalty(p.categories);
  const serious = isSeriousPenalty(p.categories);
  return {
    setNo: set.set_no,
    decisionDocNo: p.decision_doc_no,
    counterpartName: p.counterpart_name,
    counterpartCategory: p.counterpart_category,
    uscc: p.uscc,
    decidedOn: p.decided_on,
    violationType: p.violation_type,
    violationFacts: p.violation_facts,
    legalBasis: p.legal_basis,
    categories: p.categories,
    content: p.content,
    fineAmount: p.fine_amount,
    authorityName: p.authority_name,
    departmentName: p.department_name ?? p.sender_department_name ?? p.authority_name,
    preparedOn: set.prepared_on,
    publicationDueOn: p.publication_due_on,
    publicityUntil: p.publicity_until,
    earliestRepairOn: unpublished || serious ? null : earliestRepairOn(p.decided_on),
    serious,
    unpublished,
    queryCode: p.uscc && !unpublished && !serious ? await repairQueryCode(db, now, set.set_no) : null,
  };
}

/** The set, its documents and its service, for the penalty's detail page. */
export async function penaltyDocumentSet(deps: AppDeps, actor: Actor, penaltyId: number) {
  const { set } = await setWithPenalty(deps.db, actor, penaltyId);
  const recorder = await recorderName(deps.db, set.service_recorded_by);
  return {
    setNo: set.set_no,
    penaltyId,
    decisionDocNo: set.decision_doc_no,
    preparedOn: set.prepared_on,
    documents: Object.entries(penaltyDocumentTitles).map(([kind, title]) => ({
      kind: kind as PenaltyDocumentKind,
      title: `《${title}》`,
      url: `/api/credit-repair/penalties/${penaltyId}/documents/${kind}`,
    })),
    service: set.served_method
      ? {
          method: set.served_method,
          servedOn: set.served_on!,
          servedBy: set.served_by ?? '',
          eSigned: set.e_signed,
          receipt: set.receipt_file_name,
          recordedBy: recorder?.name ?? null,
          recordedAt: set.service_recorded_at?.toISOString() ?? null,
        }
      : null,
  };
}

export async function penaltyDocument(deps: AppDeps, actor: Actor, penaltyId: number, kind: PenaltyDocumentKind) {
  const { set, penalty } = await setWithPenalty(deps.db, actor, penaltyId);
  const facts = await documentFacts(deps.db, deps.clock.now(), set, penalty);
  return {
    fileName: `${penaltyDocumentTitles[kind]}-${set.decision_doc_no}.pdf`,
    pdf: await penaltyDocumentPdf(kind, facts),
  };
}

export interface ServiceInput {
  method: ServiceMethod;
  servedOn: string;
  servedBy: string;
  eSigned: boolean;
}

export interface Receipt {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** Records (or corrects) the service of the set: how, when, by whom, and the receipt (送达回证) or the e-signature. */
export async function recordService(
  deps: AppDeps,
  actor: Actor,
  penaltyId: number,
  input: ServiceInput,
  receipt?: Receipt,
) {
  const now = deps.clock.now();
  if (input.servedOn > chinaDate(now))
    throw new AppError('VALIDATION', '送达日期不能晚于今天', [{ field: 'servedOn', message: '送达日期不能晚于今天' }]);
  await deps.db.transaction().execute(async (trx) => {
    const set = await lockSetOfPenalty(trx, penaltyId);
    if (!set) throw notFound('该处罚的五书同达文书');
    requireDepartmentScope(actor, 'credit:repair:write', set.department_id ?? -1);
    if (!input.eSigned && !receipt && !set.receipt_data)
      throw new AppError('VALIDATION', '请上传送达回证，或确认受送达人已电子签名', [
        { field: 'receipt', message: '请上传送达回证' },
      ]);
    await updateSet(trx, set.id, {
      served_method: input.method,
      served_on: input.servedOn,
      served_by: input.servedBy,
      e_signed: input.eSigned,
      ...(receipt
        ? { receipt_file_name: receipt.fileName, receipt_content_type: receipt.contentType, receipt_data: receipt.data }
        : {}),
      service_recorded_by: actor.userId,
      service_recorded_at: now,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'penalty_documents.serve',
      entityType: 'penalty_document_set',
      entityId: set.set_no,
      summary: `五书同达 ${set.set_no}（${set.decision_doc_no}，${set.counterpart_name}）${input.method}，送达日期 ${input.servedOn}，送达人 ${input.servedBy}${input.eSigned ? '，电子签名' : ''}${receipt ? `，回证 ${receipt.fileName}` : ''}`,
      before: set.served_method
        ? { method: set.served_method, servedOn: set.served_on, servedBy: set.served_by }
        : null,
      after: { method: input.method, servedOn: input.servedOn, servedBy: input.servedBy, eSigned: input.eSigned },
    });
  });
  return penaltyDocumentSet(deps, actor, penaltyId);
}

export async function serviceReceipt(deps: AppDeps, actor: Actor, penaltyId: number): Promise<Receipt> {
  const { set } = await setWithPenalty(deps.db, actor, penaltyId);
  if (!set.receipt_data) throw notFound('送达回证');
  return { fileName: set.receipt_file_name!, contentType: set.receipt_content_type!, data: set.receipt_data };
}
