import { type Actor, can, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { Page } from '../shared/paging';
import {
  findCopyByNo,
  insertCopy,
  insertRecipients,
  lockRecipient,
  markRead,
  pageCopies,
  recipientsOf,
} from './copy.repository';
import type { CopyDetail, CopyInput, CopyQuery, CopyRow } from './copy.schemas';
import { requireParty } from './transfer-access';
import { eventsOf, filesOf, findDepartment, findSubject } from './transfer-common.repository';
import { nextNumber } from './transfer-number.repository';
import { eventViews, fileViews } from './transfer-query.service';
import { recordStep, tell, type TransferWrite } from './transfer-write';

const copyLink = (copyNo: string) => `/transfers/copies?no=${encodeURIComponent(copyNo)}`;

/** 抄告: the copy goes to each department concerned, which is told and acknowledges it (已阅). */
export async function sendCopy(deps: AppDeps, actor: Actor | null, input: CopyInput): Promise<{ copyNo: string }> {
  requirePermission(actor, 'transfer:write');
  const departmentIds = [...new Set(input.departmentIds)];
  if (departmentIds.includes(actor.departmentId))
    throw new AppError('VALIDATION', '不能抄送本部门', [{ field: 'departmentIds', message: '请去掉本部门' }]);
  return deps.db.transaction().execute(async (trx) => {
    const w: TransferWrite = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
    const names: string[] = [];
    for (const id of departmentIds) {
      const d = await findDepartment(trx, id);
      if (!d)
        throw new AppError('VALIDATION', '抄送部门不存在', [{ field: 'departmentIds', message: `部门 ${id} 不存在` }]);
      names.push(d.name);
    }
    const subject = input.subjectId ? await findSubject(trx, input.subjectId) : null;
    if (input.subjectId && !subject)
      throw new AppError('VALIDATION', '检查对象不存在', [{ field: 'subjectId', message: '检查对象不存在' }]);
    const copyNo = await nextNumber(trx, 'copy_notices', chinaDate(w.now).slice(0, 4));
    const id = await insertCopy(trx, {
      copy_no: copyNo,
      sender_department_id: actor.departmentId,
      about: input.about,
      title: input.title,
      content: input.content,
      source_ref: input.sourceRef || null,
      subject_id: subject ? Number(subject.id) : null,
      subject_name: subject?.name ?? '',
      created_by: actor.userId,
      created_by_name: actor.name,
      created_at: w.now,
    });
    await insertRecipients(
      trx,
      departmentIds.map((department_id) => ({ copy_id: id, department_id })),
    );
    await recordStep(
      w,
      { type: '抄告', id, departmentId: actor.departmentId },
      { action: '抄告', note: `抄送${names.join('、')}` },
    );
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'copy.create',
      entityType: 'copy_notice',
      entityId: copyNo,
      summary: `抄告 ${copyNo}（${input.about}）：${input.title}，抄送${names.join('、')}`,
      after: { about: input.about, title: input.title, sourceRef: input.sourceRef || null, departmentIds },
    });
    await tell(w, departmentIds, 'readers', {
      kind: 'copy_received',
      title: `抄告：${input.title}`,
      body: `${actor.departmentName}抄告本部门（${input.about}）：${input.title}。请阅知。`,
      link: copyLink(copyNo),
    });
    return { copyNo };
  });
}

/** 已阅, with an optional reply; once per recipient department. */
export async function readCopy(deps: AppDeps, actor: Actor | null, copyNo: string, reply: string): Promise<void> {
  const what = `抄告 ${copyNo} `;
  await deps.db.transaction().execute(async (trx) => {
    const c = await findCopyByNo(trx, copyNo);
    if (!c) throw notFound(what);
    const id = Number(c.id);
    const recipients = (await recipientsOf(trx, id)).map((r) => Number(r.department_id));
    requireParty(actor, what, [Number(c.sender_department_id), ...recipients]);
    requirePermission(actor, 'transfer:write');
    if (!recipients.includes(actor.departmentId)) throw forbidden('只有抄送部门可以签阅');
    const mine = await lockRecipient(trx, id, actor.departmentId);
    if (mine?.read_at) throw new AppError('CONFLICT', '本部门已签阅该抄告');
    const w: TransferWrite = { trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) };
    await markRead(trx, id, actor.departmentId, w.now, actor.name, reply);
    await recordStep(w, { type: '抄告', id, departmentId: actor.departmentId }, { action: '已阅', note: reply });
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'copy.read',
      entityType: 'copy_notice',
      entityId: copyNo,
      summary: `${actor.departmentName}签阅抄告 ${copyNo}${reply ? `并回复：${reply.slice(0, 60)}` : ''}`,
      after: { reply: reply || null },
    });
    if (reply)
      await tell(w, [Number(c.sender_department_id)], 'readers', {
        kind: 'transfer_progress',
        title: `抄告 ${copyNo} 收到回复`,
        body: `${actor.departmentName}：${reply.slice(0, 80)}`,
        link: copyLink(copyNo),
      });
  });
}

const rowOf = (r: Awaited<ReturnType<typeof pageCopies>>['items'][number]): CopyRow => ({
  copyNo: r.copy_no,
  about: r.about,
  title: r.title,
  subjectName: r.subject_name,
  senderDepartmentId: Number(r.sender_department_id),
  senderDepartmentName: r.sender_name,
  recipients: Number(r.recipients),
  read: Number(r.read),
  readByMine: r.read_by_mine === null ? null : Boolean(r.read_by_mine),
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listCopies(deps: AppDeps, actor: Actor | null, q: CopyQuery): Promise<Page<CopyRow>> {
  requirePermission(actor, 'transfer:read');
  const scope = scopeOf(actor, 'transfer:read') === 'all' ? null : actor.departmentId;
  const page = await pageCopies(deps.db, q, scope, actor.departmentId);
  return { total: page.total, items: page.items.map(rowOf) };
}

/** The copy with who read it and their replies (the sender sees who has read it). */
export async function getCopy(deps: AppDeps, actor: Actor | null, copyNo: string): Promise<CopyDetail> {
  const what = `抄告 ${copyNo} `;
  requirePermission(actor, 'transfer:read');
  const c = await findCopyByNo(deps.db, copyNo);
  if (!c) throw notFound(what);
  const id = Number(c.id);
  const recipients = await recipientsOf(deps.db, id);
  requireParty(actor, what, [Number(c.sender_department_id), ...recipients.map((r) => Number(r.department_id))]);
  const [events, files] = await Promise.all([eventsOf(deps.db, '抄告', id), filesOf(deps.db, '抄告', id)]);
  const mine = recipients.find((r) => Number(r.department_id) === actor.departmentId);
  return {
    copyNo: c.copy_no,
    about: c.about,
    title: c.title,
    subjectName: c.subject_name,
    senderDepartmentId: Number(c.sender_department_id),
    senderDepartmentName: c.sender_name,
    recipients: recipients.length,
    read: recipients.filter((r) => r.read_at !== null).length,
    readByMine: mine ? mine.read_at !== null : null,
    createdAt: new Date(c.created_at).toISOString(),
    content: c.content,
    sourceRef: c.source_ref,
    createdBy: c.created_by_name,
    recipientList: recipients.map((r) => ({
      departmentId: Number(r.department_id),
      departmentName: r.name,
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      readBy: r.read_by_name,
      reply: r.reply,
    })),
    actions: mine && mine.read_at === null && can(actor, 'transfer:write') ? ['read'] : [],
    events: eventViews(events),
    files: fileViews(files),
  };
}
