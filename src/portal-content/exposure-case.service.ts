import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { checkUscc } from '../shared/uscc';
import type { ExposureCaseInput, ExposureCaseQuery, PublicExposureQuery } from './exposure-case.schemas';
import {
  caseEvents,
  type ExposureCaseFullRow,
  findCase,
  findPenalty,
  insertCase,
  insertCaseEvent,
  listCases,
  listPublicCases,
  lockCase,
  nextCaseNo,
  penaltyOptions,
  updateCase,
} from './exposure-case.repository';
import { ownedBy, publicSubjectName, publishingDepartment, scopeFilter } from './portal-access';
import type { ExposureAction, ExposureCaseRow } from './portal-content.table';

const WRITE = 'portal:content:write' as const;

function present(r: ExposureCaseFullRow) {
  return {
    id: Number(r.id),
    caseNo: r.case_no,
    departmentId: Number(r.department_id),
    departmentName: r.department_name,
    title: r.title,
    subjectCategory: r.subject_category,
    subjectName: r.subject_name,
    uscc: r.uscc,
    violation: r.violation,
    handling: r.handling,
    legalBasis: r.legal_basis,
    decidedOn: r.decided_on,
    penaltyRecordId: r.penalty_record_id === null ? null : Number(r.penalty_record_id),
    penaltyDocNo: r.penalty_doc_no,
    publishedAt: r.published_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    status: r.status,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawReason: r.withdraw_reason,
  };
}

/** What the portal shows: no withdrawal data, a natural person by surname only and without a code. */
function presentPublic(r: ExposureCaseFullRow) {
  const { subjectCategory, penaltyRecordId: _p, status: _s, withdrawnAt: _w, withdrawReason: _r, ...rest } = present(r);
  return {
    ...rest,
    subjectName: publicSubjectName(subjectCategory, r.subject_name),
    uscc: subjectCategory === '自然人' ? null : r.uscc,
  };
}

/** The case as audited and kept in the history (the text, never the actor's session). */
const snapshotOf = (c: Omit<ExposureCaseRow, 'id'>) => ({
  title: c.title,
  subjectCategory: c.subject_category,
  subjectName: c.subject_name,
  uscc: c.uscc,
  violation: c.violation,
  handling: c.handling,
  legalBasis: c.legal_basis,
  penaltyRecordId: c.penalty_record_id,
  decidedOn: c.decided_on,
  status: c.status,
});

async function checkInput(trx: Db, input: ExposureCaseInput, departmentId: number, today: string) {
  if (input.uscc) {
    const check = checkUscc(input.uscc);
    if (!check.valid)
      throw new AppError('VALIDATION', `统一社会信用代码不正确：${check.reason}`, [
        { field: 'uscc', message: check.reason },
      ]);
  }
  if (input.decidedOn > today)
    throw new AppError('VALIDATION', '处理日期不能晚于今天', [{ field: 'decidedOn', message: '不能晚于今天' }]);
  if (input.penaltyRecordId !== null) {
    const p = await findPenalty(trx, input.penaltyRecordId);
    if (!p)
      throw new AppError('VALIDATION', '关联的行政处罚决定不存在', [{ field: 'penaltyRecordId', message: '不存在' }]);
    const owner = p.department_id === null ? Number(p.sender_department_id) : Number(p.department_id);
    if (owner !== departmentId)
      throw new AppError('VALIDATION', '只能关联本部门作出或报送的行政处罚决定', [
        { field: 'penaltyRecordId', message: '不是本部门的处罚决定' },
      ]);
  }
}

async function writeEvent(
  deps: AppDeps,
  trx: Db,
  actor: Actor,
  now: Date,
  id: number,
  version: number,
  action: ExposureAction,
  row: Omit<ExposureCaseRow, 'id'>,
  note: string,
  before: ReturnType<typeof snapshotOf> | null,
) {
  const snapshot = snapshotOf(row);
  await insertCaseEvent(trx, {
    case_id: id,
    version,
    action,
    snapshot: JSON.stringify(snapshot),
    note,
    actor_user_id: actor.userId,
    actor_name: actor.name,
    at: now,
  });
  const key = { 发布: 'publish', 更新: 'update', 撤回: 'withdraw' } as const;
  await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
    action: `exposure_case.${key[action]}`,
    entityType: 'exposure_case',
    entityId: row.case_no,
    summary: `曝光台案例 ${row.case_no}${action}：${row.title}${note ? `（${note}）` : ''}`,
    before,
    after: { ...snapshot, version },
  });
}

/** 曝光台: a department publishes a typical case; the portal shows it at once. */
export async function publishCase(deps: AppDeps, actor: Actor, input: ExposureCaseInput) {
  const departmentId = publishingDepartment(actor, WRITE, input.departmentId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const today = chinaDate(now);
    await checkInput(trx, input, departmentId, today);
    const row = {
      case_no: await nextCaseNo(trx, today.slice(0, 4)),
      department_id: departmentId,
      title: input.title,
      subject_category: input.subjectCategory,
      subject_name: input.subjectName,
      uscc: input.uscc,
      violation: input.violation,
      handling: input.handling,
      legal_basis: input.legalBasis,
      penalty_record_id: input.penaltyRecordId,
      decided_on: input.decidedOn,
      status: '已发布' as const,
      version: 1,
      published_at: now,
      updated_at: now,
      withdrawn_at: null,
      withdraw_reason: '',
      created_by: actor.userId,
      updated_by: actor.userId,
    };
    const { id } = await insertCase(trx, row);
    await writeEvent(deps, trx, actor, now, Number(id), 1, '发布', row, '', null);
    return Number(id);
  });
  return caseDetail(deps, actor, id);
}

async function locked(trx: Db, actor: Actor, id: number) {
  const c = await lockCase(trx, id);
  if (!c) throw notFound('曝光台案例');
  ownedBy(actor, WRITE, Number(c.department_id), '曝光台案例');
  return c;
}

/** Updates a published case (a new version; the old one stays in the history). */
export async function changeCase(deps: AppDeps, actor: Actor, id: number, input: ExposureCaseInput) {
  await deps.db.transaction().execute(async (trx) => {
    const c = await locked(trx, actor, id);
    if (c.status !== '已发布') throw new AppError('CONFLICT', '已撤回的案例不能再修改');
    const now = deps.clock.now();
    await checkInput(trx, input, Number(c.department_id), chinaDate(now));
    const values = {
      title: input.title,
      subject_category: input.subjectCategory,
      subject_name: input.subjectName,
      uscc: input.uscc,
      violation: input.violation,
      handling: input.handling,
      legal_basis: input.legalBasis,
      penalty_record_id: input.penaltyRecordId,
      decided_on: input.decidedOn,
      version: c.version + 1,
      updated_at: now,
      updated_by: actor.userId,
    };
    await updateCase(trx, id, values);
    await writeEvent(deps, trx, actor, now, id, values.version, '更新', { ...c, ...values }, input.note, snapshotOf(c));
  });
  return caseDetail(deps, actor, id);
}

/** Takes a case off the portal with the reason; it stays in the record with its history. */
export async function withdrawCase(deps: AppDeps, actor: Actor, id: number, reason: string) {
  await deps.db.transaction().execute(async (trx) => {
    const c = await locked(trx, actor, id);
    if (c.status === '已撤回') throw new AppError('CONFLICT', '案例已撤回');
    const now = deps.clock.now();
    const values = {
      status: '已撤回' as const,
      withdrawn_at: now,
      withdraw_reason: reason,
      version: c.version + 1,
      updated_at: now,
      updated_by: actor.userId,
    };
    await updateCase(trx, id, values);
    await writeEvent(deps, trx, actor, now, id, values.version, '撤回', { ...c, ...values }, reason, snapshotOf(c));
  });
  return caseDetail(deps, actor, id);
}

export async function caseList(deps: AppDeps, actor: Actor, q: ExposureCaseQuery) {
  const page = await listCases(deps.db, q, scopeFilter(actor, WRITE));
  return { total: page.total, items: page.rows.map(present) };
}

export async function caseDetail(deps: AppDeps, actor: Actor, id: number) {
  const c = await findCase(deps.db, id);
  if (!c) throw notFound('曝光台案例');
  ownedBy(actor, WRITE, Number(c.department_id), '曝光台案例');
  const history = (await caseEvents(deps.db, id)).map((e) => ({
    version: e.version,
    action: e.action,
    note: e.note,
    actorName: e.actor_name,
    at: e.at.toISOString(),
    title: String(e.snapshot['title'] ?? ''),
  }));
  return { ...present(c), history };
}

/** The department's penalty decisions a case may cite (《金华市婺城区…》（二）2: 曝光典型案件). */
export async function casePenaltyOptions(deps: AppDeps, actor: Actor, q: string | undefined) {
  const rows = await penaltyOptions(deps.db, scopeFilter(actor, WRITE), q);
  return rows.map((p) => ({
    id: Number(p.id),
    docNo: p.decision_doc_no,
    counterpartName: p.counterpart_name,
    counterpartCategory: p.counterpart_category,
    uscc: p.uscc,
    decidedOn: p.decided_on,
    violationType: p.violation_type,
    violationFacts: p.violation_facts,
    legalBasis: p.legal_basis,
    content: p.content,
  }));
}

export async function publicCases(deps: AppDeps, q: PublicExposureQuery) {
  const page = await listPublicCases(deps.db, q);
  return { total: page.total, items: page.rows.map(presentPublic) };
}

export async function publicCase(deps: AppDeps, id: number) {
  const c = await findCase(deps.db, id);
  if (!c || c.status !== '已发布') throw notFound('曝光台案例');
  return presentPublic(c);
}
