import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import { requireParty } from './transfer-access';
import { eventsOf, filesOf, findPenaltyById } from './transfer-common.repository';
import { findTransfer, pageTransfers } from './transfer.repository';
import type { EventView, FileView, TransferDetail, TransferQuery, TransferRow } from './transfer.schemas';

type Found = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

function rowOf(r: Omit<Found, 'reason' | 'legal_ground'>, today: string): TransferRow {
  return {
    transferNo: r.transfer_no,
    kind: r.kind,
    sourceType: r.source_type,
    sourceRef: r.source_ref,
    subjectName: r.subject_name,
    senderDepartmentId: Number(r.department_id),
    senderDepartmentName: r.sender_name,
    receiverDepartmentId: r.receiver_department_id === null ? null : Number(r.receiver_department_id),
    externalKind: r.external_kind,
    receiverName: r.target_unit,
    status: r.status,
    outcome: r.outcome,
    acceptDueOn: r.accept_due_on,
    overdue: r.status === '待受理' && r.accept_due_on !== null && r.accept_due_on < today,
    transferredAt: new Date(r.transferred_at).toISOString(),
  };
}

export const eventViews = (rows: Awaited<ReturnType<typeof eventsOf>>): EventView[] =>
  rows.map((e) => ({
    action: e.action,
    departmentName: e.department_name,
    actorName: e.actor_name,
    note: e.note,
    at: new Date(e.at).toISOString(),
  }));

export const fileViews = (rows: Awaited<ReturnType<typeof filesOf>>): FileView[] =>
  rows.map((f) => ({
    id: Number(f.id),
    fileName: f.file_name,
    departmentName: f.department_name,
    uploadedBy: f.uploaded_by_name,
    uploadedAt: new Date(f.uploaded_at).toISOString(),
  }));

/** 我发起的, 待我处理, 全部: the transfers of the actor's department (all of them for the offices with scope all). */
export async function listTransfers(deps: AppDeps, actor: Actor | null, q: TransferQuery): Promise<Page<TransferRow>> {
  requirePermission(actor, 'transfer:read');
  const scope = scopeOf(actor, 'transfer:read') === 'all' ? null : actor.departmentId;
  const page = await pageTransfers(deps.db, q, scope, actor.departmentId);
  const today = chinaDate(deps.clock.now());
  return { total: page.total, items: page.items.map((r) => rowOf(r as Found, today)) };
}

/** What the actor's department may do now on the transfer. */
function actionsFor(actor: Actor, r: Found): TransferDetail['actions'] {
  if (!actor.roles.some((role) => role.permissions.includes('transfer:write'))) return [];
  const sender = Number(r.department_id) === actor.departmentId;
  const external = r.receiver_department_id === null;
  const handler = external ? sender : Number(r.receiver_department_id) === actor.departmentId;
  const out: TransferDetail['actions'] = [];
  if (r.status === '待受理' && handler) out.push(external ? 'receipt' : 'accept', 'return');
  if (r.status === '已退回' && sender) out.push('resend');
  if ((r.status === '已受理' || r.status === '已立案') && handler) out.push('outcome');
  return out;
}

export async function getTransfer(deps: AppDeps, actor: Actor | null, transferNo: string): Promise<TransferDetail> {
  const what = `移送 ${transferNo} `;
  requirePermission(actor, 'transfer:read');
  const r = await findTransfer(deps.db, transferNo);
  if (!r) throw notFound(what);
  const parties = [
    Number(r.department_id),
    ...(r.receiver_department_id === null ? [] : [Number(r.receiver_department_id)]),
  ];
  requireParty(actor, what, parties);
  const id = Number(r.id);
  const [events, files, penalty] = await Promise.all([
    eventsOf(deps.db, '移送', id),
    filesOf(deps.db, '移送', id),
    r.penalty_record_id === null ? undefined : findPenaltyById(deps.db, Number(r.penalty_record_id)),
  ]);
  return {
    ...rowOf(r, chinaDate(deps.clock.now())),
    reason: r.reason,
    legalGround: r.legal_ground,
    transferredBy: r.transferred_by_name,
    evidence:
      r.check_item_id === null
        ? null
        : {
            taskNo: r.source_ref ?? '',
            checkContent: r.check_content ?? '',
            result: r.result ?? '',
            notes: r.result_notes ?? '',
            photoIds: (r.photo_ids ?? []).map(Number),
          },
    returnedReason: r.returned_reason,
    receiptNo: r.receipt_no,
    caseNo: r.case_no,
    penalty: penalty
      ? { docNo: penalty.decision_doc_no, decidedOn: penalty.decided_on, content: penalty.content }
      : null,
    outcomeNotes: r.outcome_notes,
    actions: actionsFor(actor, r),
    events: eventViews(events),
    files: fileViews(files),
  };
}
