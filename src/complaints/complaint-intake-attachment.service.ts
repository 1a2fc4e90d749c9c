import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { requireDepartmentScope, scopeOf } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { ATTACHMENT_MAX_FILES, cleanFileName, sniffAttachmentType } from './complaint-attachment';
import {
  attachmentFile,
  attachmentsOf,
  findComplaintByTicket,
  insertAttachment,
  lockComplaintByTicket,
} from './complaint-intake.repository';
import type { ComplaintRow } from './complaint.table';

export interface AttachmentUpload {
  fileName: string;
  data: Buffer;
}

/** Stores one file on a locked complaint: type by content, at most ATTACHMENT_MAX_FILES per complaint; audited. */
export async function storeAttachment(
  trx: Db,
  deps: AppDeps,
  who: AuditSubject,
  complaint: ComplaintRow,
  file: AttachmentUpload,
): Promise<void> {
  const type = sniffAttachmentType(file.data);
  if (!type)
    throw new AppError('BAD_FILE', '附件只能是 JPG、PNG 照片或 PDF 文件（按文件内容判断）', [
      { field: 'file', message: '不是 JPG、PNG 或 PDF 文件' },
    ]);
  if ((await attachmentsOf(trx, complaint.id)).length >= ATTACHMENT_MAX_FILES)
    throw new AppError('CONFLICT', `每件投诉举报最多 ${ATTACHMENT_MAX_FILES} 个附件`);
  const now = deps.clock.now();
  const fileName = cleanFileName(file.fileName, type);
  await insertAttachment(trx, {
    complaint_id: complaint.id,
    file_name: fileName,
    content_type: type,
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    data: file.data,
    uploaded_by: who.userId,
    uploaded_at: now,
  });
  await recordAudit(trx, deps.config.auditHash, now, who, {
    action: 'complaint.attach',
    entityType: 'complaint',
    entityId: complaint.ticket_no,
    summary: `投诉举报 ${complaint.ticket_no} 添加附件“${fileName}”（${Math.ceil(file.data.length / 1024)} KB）`,
    after: { ticketNo: complaint.ticket_no, fileName, size: file.data.length },
  });
}

/**
 * Staff may see a complaint's files when it is their department's, or (not yet dispatched) when they entered it or
 * see every department's complaints.
 */
function requireStaffAccess(actor: Actor, row: ComplaintRow) {
  if (row.department_id !== null) return requireDepartmentScope(actor, 'complaint:read', row.department_id);
  if (row.created_by !== actor.userId && scopeOf(actor, 'complaint:read') !== 'all')
    throw forbidden('尚未分派的投诉举报只有录入人和联席办公室可以查看');
}

async function staffComplaint(deps: AppDeps, actor: Actor, ticketNo: string): Promise<ComplaintRow> {
  const row = await findComplaintByTicket(deps.db, ticketNo);
  if (!row) throw notFound('投诉举报');
  requireStaffAccess(actor, row);
  return row;
}

/** Staff attach a file the complainant handed in (window entry), while the complaint is still being handled. */
export async function attachAtCounter(deps: AppDeps, actor: Actor, ticketNo: string, file: AttachmentUpload) {
  await staffComplaint(deps, actor, ticketNo);
  await deps.db.transaction().execute(async (trx) => {
    const row = (await lockComplaintByTicket(trx, ticketNo))!;
    if (row.status === '已办结' || row.status === '不予受理')
      throw new AppError('CONFLICT', `投诉举报 ${ticketNo} 已${row.status}，不能再添加附件`);
    await storeAttachment(trx, deps, auditSubjectOf(actor), row, file);
  });
  return listAttachments(deps, actor, ticketNo);
}

export async function listAttachments(deps: AppDeps, actor: Actor, ticketNo: string) {
  const row = await staffComplaint(deps, actor, ticketNo);
  return (await attachmentsOf(deps.db, row.id)).map((a) => ({
    id: a.id,
    fileName: a.file_name,
    contentType: a.content_type,
    size: a.size,
    uploadedAt: a.uploaded_at.toISOString(),
    byComplainant: a.uploaded_by === null,
  }));
}

export async function downloadAttachment(deps: AppDeps, actor: Actor, ticketNo: string, attachmentId: number) {
  const row = await staffComplaint(deps, actor, ticketNo);
  const file = await attachmentFile(deps.db, row.id, attachmentId);
  if (!file) throw notFound('附件');
  return { fileName: file.file_name, contentType: file.content_type, data: file.data };
}
