import { type Actor, can, departmentFilter, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { punishmentsByUscc } from '../credit-measures/measure-effects';
import { afterPushesCreated } from '../records/record-hooks';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf } from '../shared/paging';
import { catalogItemsOf, departmentNames, findCatalogItem } from './catalog.repository';
import { activeItemsOf, catalogVersionNo, findCaseRow, pageCases, pendingReviewsOf } from './case.repository';
import { commitmentTemplatePdf, dualNoticePdf } from './dual-notice-pdf';
import {
  answerJointReview,
  caseItemsOf,
  commitmentScan,
  countNoticesWithPrefix,
  dropJointReviewsExcept,
  findCommitment,
  insertCaseItems,
  insertJointReviews,
  insertPushes,
  jointReviewsOf,
  lockCase,
  lockJointReview,
  markCaseItemRemoved,
  pushesOf,
  restoreCaseItem,
  setNoticeIssued,
  upsertCommitment,
} from './dual-notice.repository';
import type {
  CaseDetail,
  CaseQuery,
  CaseSummary,
  CommitmentFields,
  JointReviewInput,
  PendingReview,
} from './dual-notice.schemas';
import { jointReviewDepartments, pushTargets } from './proposal';
import { pushState } from './push.service';
import { ackDueOn, activeProposable } from './registration-notice.service';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listCases(deps: AppDeps, actor: Actor | null, query: CaseQuery) {
  requirePermission(actor, 'dualnotice:notice:write');
  const { total, rows } = await pageCases(deps.db, {
    status: query.status,
    keyword: query.keyword,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  const items = await activeItemsOf(
    deps.db,
    rows.map((r) => Number(r.id)),
  );
  const punished = await punishmentsByUscc(
    deps.db,
    rows.map((r) => r.uscc),
    chinaDate(deps.clock.now()),
  );
  const summaries: CaseSummary[] = rows.map((r) => ({
    registrationId: Number(r.id),
    registrationNo: r.registration_no,
    event: r.event,
    subjectName: r.name,
    uscc: r.uscc,
    registeredOn: r.registered_on,
    priorApproval: r.prior_approval,
    items: items
      .filter((i) => Number(i.registration_id) === Number(r.id))
      .map((i) => ({ code: i.code, name: i.name, highRisk: i.high_risk })),
    noticeNo: r.notice_no,
    commitmentRecorded: Boolean(r.committed),
    pushes: Number(r.pushes),
    acknowledged: Number(r.acknowledged),
    status: r.status,
    punishments: punished.get(r.uscc) ?? [],
  }));
  return { total, items: summaries };
}

/** What the licensing role sees of one registration: items, pushes, 告知书, 承诺书 and the joint review. */
export async function caseDetail(deps: AppDeps, actor: Actor | null, registrationId: number): Promise<CaseDetail> {
  requirePermission(actor, 'dualnotice:push:read');
  const r = await findCaseRow(deps.db, registrationId);
  if (!r) throw notFound(`登记信息 ${registrationId} `);
  const names = new Map((await departmentNames(deps.db)).map((d) => [Number(d.id), d.name]));
  const name = (id: number) => names.get(Number(id)) ?? `部门 ${id}`;
  const [itemRows, pushRows, commitment, reviews] = await Promise.all([
    caseItemsOf(deps.db, registrationId),
    pushesOf(deps.db, registrationId),
    findCommitment(deps.db, registrationId),
    jointReviewsOf(deps.db, registrationId),
  ]);
  const versionNo = r.catalog_version_id ? await catalogVersionNo(deps.db, r.catalog_version_id) : undefined;
  const proposedCodes = new Set(itemRows.filter((i) => i.removed_at === null).map((i) => i.code));
  const addable = r.catalog_version_id
    ? (await catalogItemsOf(deps.db, r.catalog_version_id))
        .filter((i) => !proposedCodes.has(i.code))
        .map((i) => ({ code: i.code, name: i.name }))
    : [];
  const today = chinaDate(deps.clock.now());
  const active = itemRows.filter((i) => i.removed_at === null);
  const punished = await punishmentsByUscc(deps.db, [r.uscc], today);
  return {
    registrationId: Number(r.id),
    registrationNo: r.registration_no,
    event: r.event,
    subjectName: r.name,
    uscc: r.uscc,
    registeredOn: r.registered_on,
    priorApproval: r.prior_approval,
    items: active.map((i) => ({ code: i.code, name: i.name, highRisk: i.high_risk })),
    noticeNo: r.notice_no,
    commitmentRecorded: Boolean(r.committed),
    pushes: Number(r.pushes),
    acknowledged: Number(r.acknowledged),
    status: r.status,
    punishments: punished.get(r.uscc) ?? [],
    legalRepresentative: r.legal_representative,
    businessScope: r.business_scope,
    industryCodes: r.industry_codes,
    address: r.address,
    divisionCode: r.division_code,
    registrationAuthority: r.registration_authority,
    catalogVersionNo: versionNo ? Number(versionNo.version_no) : null,
    noticeIssuedAt: iso(r.notice_issued_at),
    itemList: itemRows.map((i) => ({
      code: i.code,
      name: i.name,
      licensingDepartment: name(i.licensing_department_id),
      supervisingDepartments: i.supervising_department_ids.map(name),
      enforcementDepartments: i.enforcement_department_ids.map(name),
      priorApproval: i.prior_approval,
      highRisk: i.high_risk,
      restriction: i.restriction,
      source: i.source,
      matchedBy: i.matched_by,
      addedReason: i.added_reason,
      removed: i.removed_at !== null,
      removedReason: i.removed_reason,
    })),
    pushList: pushRows.map((p) => ({
      id: Number(p.id),
      target: p.department_name ?? `属地街镇 ${p.division_name ?? p.division_code ?? ''}`.trim(),
      duty: p.duty,
      route: p.route,
      itemCodes: p.approval_item_codes,
      pushedAt: iso(p.pushed_at)!,
      ackDueOn: p.ack_due_on,
      acknowledgedAt: iso(p.acknowledged_at),
      acknowledgedBy: p.acknowledged_by_name,
      state: pushState(p.ack_due_on, p.acknowledged_at, today),
    })),
    commitment: commitment
      ? {
          signerName: commitment.signer_name,
          signerRole: commitment.signer_role,
          signedOn: commitment.signed_on,
          eSignature: commitment.e_signature,
          scanFileName: commitment.scan_file_name,
          recordedBy: commitment.recorded_by_name,
          recordedAt: iso(commitment.recorded_at)!,
        }
      : null,
    jointReviews: reviews.map((j) => ({
      departmentId: Number(j.department_id),
      departmentName: j.department_name,
      itemCodes: j.item_codes,
      opinion: j.opinion,
      note: j.note,
      answeredBy: j.answered_by_name,
      answeredAt: iso(j.answered_at),
    })),
    addableItems: addable,
  };
}

async function lockOpenCase(trx: AppDeps['db'], registrationId: number) {
  const c = await lockCase(trx, registrationId);
  if (!c) throw notFound(`登记信息 ${registrationId} `);
  return c;
}

/**
 * Adds an item of the registration's catalog version (the licensing role's judgement, with a reason): its departments
 * not told yet are pushed (and follow up), and a high-risk item joins the joint review.
 */
export async function addCaseItem(
  deps: AppDeps,
  actor: Actor | null,
  registrationId: number,
  code: string,
  reason: string,
) {
  requirePermission(actor, 'dualnotice:notice:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, registrationId);
    if (!c.catalog_version_id) throw new AppError('CONFLICT', '该登记没有适用的双告知目录版本');
    const item = await findCatalogItem(trx, c.catalog_version_id, code);
    if (!item) throw notFound(`目录事项 ${code} `);
    const existing = (await caseItemsOf(trx, registrationId)).find((i) => i.code === code);
    if (existing && existing.removed_at === null) throw new AppError('CONFLICT', `事项 ${item.name} 已在告知事项中`);
    if (existing) await restoreCaseItem(trx, registrationId, code, actor.userId, reason);
    else
      await insertCaseItems(trx, [
        {
          registration_id: registrationId,
          code,
          name: item.name,
          licensing_department_id: item.licensing_department_id,
          supervising_department_ids: item.supervising_department_ids,
          enforcement_department_ids: item.enforcement_department_ids,
          prior_approval: item.prior_approval,
          high_risk: item.high_risk,
          restriction: item.restriction,
          source: '人工添加',
          matched_by: '',
          added_by: actor.userId,
          added_reason: reason,
        },
      ]);
    const items = activeProposable(await caseItemsOf(trx, registrationId));
    await insertJointReviews(trx, registrationId, jointReviewDepartments(items));
    const dueOn = await ackDueOn(trx, now);
    const ids = await insertPushes(
      trx,
      pushTargets(items.filter((i) => i.code === code)).map((t) => ({
        registration_id: registrationId,
        department_id: t.departmentId,
        division_code: null,
        duty: t.duty,
        route: '推送' as const,
        approval_item_codes: t.itemCodes,
        pushed_at: now,
        ack_due_on: dueOn,
      })),
    );
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice.item_add',
      entityType: 'dual_notice_case',
      entityId: registrationId,
      summary: `增加告知事项 ${code} ${item.name}：${reason}（新推送 ${ids.length} 个部门）`,
      after: { code, reason, pushes: ids.length },
    });
    if (ids.length) await afterPushesCreated(trx, deps, ids);
  });
  return caseDetail(deps, actor, registrationId);
}

/** Removes a proposed item (kept with the reason; pushes already made stay: the department was told). */
export async function removeCaseItem(
  deps: AppDeps,
  actor: Actor | null,
  registrationId: number,
  code: string,
  reason: string,
) {
  requirePermission(actor, 'dualnotice:notice:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, registrationId);
    if (c.notice_no) throw new AppError('CONFLICT', `告知书 ${c.notice_no} 已出具，不能再移除事项`);
    const item = (await caseItemsOf(trx, registrationId)).find((i) => i.code === code && i.removed_at === null);
    if (!item) throw notFound(`告知事项 ${code} `);
    await markCaseItemRemoved(trx, registrationId, code, actor.userId, now, reason);
    const reviews = jointReviewDepartments(activeProposable(await caseItemsOf(trx, registrationId)));
    await dropJointReviewsExcept(trx, registrationId, [...reviews.keys()]);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice.item_remove',
      entityType: 'dual_notice_case',
      entityId: registrationId,
      summary: `移除告知事项 ${code} ${item.name}：${reason}`,
      before: { code },
      after: { reason },
    });
  });
  return caseDetail(deps, actor, registrationId);
}

/** Issues the 告知书 (first time: gives its number); printing again keeps the number and date. */
export async function issueNotice(deps: AppDeps, actor: Actor | null, registrationId: number) {
  requirePermission(actor, 'dualnotice:notice:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, registrationId);
    if (c.notice_no) return;
    const r = await findCaseRow(trx, registrationId);
    if (r?.prior_approval) throw new AppError('CONFLICT', '前置审批事项由许可审批部门在登记前告知，无需出具告知书');
    if (r?.event === '注销') throw new AppError('CONFLICT', '注销登记无需出具告知书');
    if ((await activeItemsOf(trx, [registrationId])).length === 0)
      throw new AppError('CONFLICT', '没有需要告知的审批事项，不能出具告知书');
    const prefix = `SGZ${chinaDate(now).slice(0, 4)}-`;
    const noticeNo = `${prefix}${String((await countNoticesWithPrefix(trx, prefix)) + 1).padStart(6, '0')}`;
    await setNoticeIssued(trx, registrationId, noticeNo, actor.userId, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice.notice_issue',
      entityType: 'dual_notice_case',
      entityId: registrationId,
      summary: `出具告知书 ${noticeNo}（${r?.registration_no ?? ''} ${r?.name ?? ''}）`,
      after: { noticeNo },
    });
  });
  return caseDetail(deps, actor, registrationId);
}

export async function noticeDocument(deps: AppDeps, actor: Actor | null, registrationId: number) {
  const c = await caseDetail(deps, actor, registrationId);
  if (!c.noticeNo || !c.noticeIssuedAt) throw new AppError('CONFLICT', '告知书尚未出具');
  return { fileName: `告知书-${c.noticeNo}.pdf`, pdf: await dualNoticePdf(c, chinaDate(new Date(c.noticeIssuedAt))) };
}

export async function commitmentTemplate(deps: AppDeps, actor: Actor | null, registrationId: number) {
  const c = await caseDetail(deps, actor, registrationId);
  if (c.items.length === 0) throw new AppError('CONFLICT', '没有需要告知的审批事项，无需签署承诺书');
  return { fileName: `承诺书-${c.registrationNo}.pdf`, pdf: await commitmentTemplatePdf(c) };
}

export interface CommitmentScan {
  fileName: string;
  contentType: string;
  data: Buffer;
}

const scanTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Whether the bytes start the way the declared type does (the scan is served back as that type). */
function looksLikeScan(contentType: string, data: Buffer): boolean {
  if (contentType === 'application/pdf') return data.subarray(0, 5).toString('latin1') === '%PDF-';
  if (contentType === 'image/jpeg') return data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  if (contentType === 'image/png') return data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return false;
}

/**
 * Records the signed 承诺书 (第八条第二款): who signed (法定代表人、负责人、经营者或其授权人), when, and an uploaded
 * scan or an e-signature. Recording again replaces it (audited with what it replaced).
 */
export async function recordCommitment(
  deps: AppDeps,
  actor: Actor | null,
  registrationId: number,
  fields: CommitmentFields,
  proof: { eSignature: true } | { scan: CommitmentScan },
) {
  requirePermission(actor, 'dualnotice:notice:write');
  const scan = 'scan' in proof ? proof.scan : null;
  if (scan && !(scanTypes as readonly string[]).includes(scan.contentType))
    throw new AppError('BAD_FILE', '承诺书扫描件只能是 PDF、JPG 或 PNG 文件', [
      { field: 'file', message: '文件类型不支持' },
    ]);
  if (scan && (scan.data.length === 0 || !looksLikeScan(scan.contentType, scan.data)))
    throw new AppError('BAD_FILE', '文件内容与类型不符或已损坏', [{ field: 'file', message: '文件内容与类型不符' }]);
  const now = deps.clock.now();
  if (fields.signedOn > chinaDate(now))
    throw new AppError('VALIDATION', '签署日期不能晚于今天', [{ field: 'signedOn', message: '签署日期不能晚于今天' }]);
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, registrationId);
    const r = await findCaseRow(trx, registrationId);
    if (r?.prior_approval) throw new AppError('CONFLICT', '前置审批事项无需签署承诺书');
    if (!c.notice_no) throw new AppError('CONFLICT', '请先出具告知书，再登记承诺书');
    const before = await findCommitment(trx, registrationId);
    await upsertCommitment(trx, {
      registration_id: registrationId,
      signer_name: fields.signerName,
      signer_role: fields.signerRole,
      signed_on: fields.signedOn,
      e_signature: scan === null,
      scan_file_name: scan?.fileName ?? null,
      scan_content_type: scan?.contentType ?? null,
      scan_size: scan?.data.length ?? null,
      scan_data: scan?.data ?? null,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice.commitment',
      entityType: 'dual_notice_case',
      entityId: registrationId,
      summary: `登记承诺书（${r?.registration_no ?? ''} ${r?.name ?? ''}）：${fields.signerRole} ${fields.signerName} 于 ${fields.signedOn} 签署，${scan ? `扫描件 ${scan.fileName}` : '电子签名'}`,
      before: before
        ? {
            signerName: before.signer_name,
            signerRole: before.signer_role,
            signedOn: before.signed_on,
            eSignature: before.e_signature,
          }
        : null,
      after: {
        signerName: fields.signerName,
        signerRole: fields.signerRole,
        signedOn: fields.signedOn,
        eSignature: scan === null,
      },
    });
  });
  return caseDetail(deps, actor, registrationId);
}

export async function commitmentScanOf(deps: AppDeps, actor: Actor | null, registrationId: number) {
  requirePermission(actor, 'dualnotice:push:read');
  const s = await commitmentScan(deps.db, registrationId);
  if (!s?.scan_data) throw notFound('承诺书扫描件');
  return {
    fileName: s.scan_file_name ?? '承诺书',
    contentType: s.scan_content_type ?? 'application/octet-stream',
    data: s.scan_data,
  };
}

/** 联合审核 (第四十三条): the actor's department gives its opinion on a high-risk registration. */
export async function giveJointReview(
  deps: AppDeps,
  actor: Actor | null,
  registrationId: number,
  input: JointReviewInput,
) {
  requirePermission(actor, 'dualnotice:push:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const review = await lockJointReview(trx, registrationId, actor.departmentId);
    if (!review) throw forbidden(`${actor.departmentName}不是该登记的联合审核部门`);
    if (input.opinion === '不同意' && input.note.length < 2)
      throw new AppError('VALIDATION', '不同意时请说明理由', [{ field: 'note', message: '请说明理由' }]);
    await answerJointReview(trx, registrationId, actor.departmentId, { ...input, by: actor.userId, at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'dual_notice.joint_review',
      entityType: 'dual_notice_case',
      entityId: registrationId,
      summary: `${actor.departmentName}联合审核意见：${input.opinion}${input.note ? `（${input.note}）` : ''}`,
      before: review.opinion ? { opinion: review.opinion, note: review.note } : null,
      after: { opinion: input.opinion, note: input.note },
    });
  });
  return caseDetail(deps, actor, registrationId);
}

export async function pendingReviews(deps: AppDeps, actor: Actor | null): Promise<PendingReview[]> {
  requirePermission(actor, 'dualnotice:push:read');
  // Only a department that answers has a list to answer; an all-scope reader sees every pending review.
  const scope = can(actor, 'dualnotice:push:write')
    ? actor.departmentId
    : departmentFilter(actor, 'dualnotice:push:read');
  const rows = await pendingReviewsOf(deps.db, scope);
  const names = await activeItemsOf(
    deps.db,
    rows.map((r) => Number(r.registration_id)),
  );
  return rows.map((r) => ({
    registrationId: Number(r.registration_id),
    registrationNo: r.registration_no,
    subjectName: r.name,
    uscc: r.uscc,
    businessScope: r.business_scope,
    itemCodes: r.item_codes,
    itemNames: r.item_codes.map(
      (code) =>
        names.find((n) => Number(n.registration_id) === Number(r.registration_id) && n.code === code)?.name ?? code,
    ),
  }));
}
