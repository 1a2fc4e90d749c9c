import { type Actor, departmentFilter, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { subjectById } from '../subjects/subject.service';
import { syncKeyTargetFlags } from '../subjects/subject-key-target.service';
import { findKeyTarget, liftKeyTargets } from './key-target.repository';
import { listingById, type ListingRow, listingsOfSubject, searchKeyTargets } from './key-target-query.repository';
import { keyTargetState } from './key-target-rules';
import { listKeyTarget } from './key-target-listing';
import type { KeyTargetInput, KeyTargetLiftInput, KeyTargetQuery, KeyTargetView } from './key-target.schemas';

const WRITE = 'keytarget:write';

/** Whether the actor may lift a listing: its own department's, or any when its scope is every department. */
function mayLift(actor: Actor, departmentId: number | null): boolean {
  const scope = scopeOf(actor, WRITE);
  return scope === 'all' || (scope !== null && departmentId !== null && departmentId === actor.departmentId);
}

function present(r: ListingRow, today: string, actor: Actor): KeyTargetView {
  return {
    id: r.id,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    uscc: r.uscc,
    whitelisted: r.whitelisted,
    reasonKind: r.reason_kind,
    reason: r.reason,
    sourceLabel: r.source_label,
    departmentId: r.department_id,
    departmentName: r.department_name,
    listedOn: r.listed_on,
    expiresOn: r.expires_on,
    state: keyTargetState(r, today),
    liftedAt: r.lifted_at ? r.lifted_at.toISOString() : null,
    liftedByName: r.lifted_by_name,
    liftReason: r.lift_reason,
    createdByName: r.created_by_name,
    canLift: r.lifted_at === null && mayLift(actor, r.department_id),
  };
}

/** 重点抽查对象 of the actor's department (or all, for a scope over every department). */
export async function listKeyTargets(deps: AppDeps, actor: Actor | null, query: KeyTargetQuery) {
  requirePermission(actor, WRITE);
  const today = chinaDate(deps.clock.now());
  const { rows, total } = await searchKeyTargets(deps.db, query, departmentFilter(actor, WRITE), today);
  return { items: rows.map((r) => present(r, today, actor)), total };
}

/** Every listing of one subject, in force or not (the subject page's panel). */
export async function subjectKeyTargets(deps: AppDeps, actor: Actor | null, subjectId: number) {
  requirePermission(actor, 'registry:subject:read');
  if (!(await subjectById(deps.db, subjectId))) throw notFound('监管对象');
  const today = chinaDate(deps.clock.now());
  return { items: (await listingsOfSubject(deps.db, subjectId)).map((r) => present(r, today, actor)) };
}

/**
 * Staff list a subject (人工列入, 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十二条（五）需要纳入重点监管的其他情形)
 * with a reason, for their department (a scope over every department may name another). A whitelisted subject is
 * refused, as the register always did.
 */
export async function addKeyTarget(deps: AppDeps, actor: Actor | null, input: KeyTargetInput): Promise<KeyTargetView> {
  requirePermission(actor, WRITE);
  const departmentId = input.departmentId ?? actor.departmentId;
  if (departmentId !== actor.departmentId && scopeOf(actor, WRITE) !== 'all')
    throw forbidden('只能以本部门名义列入重点抽查对象');
  const now = deps.clock.now();
  const today = chinaDate(now);
  if (input.expiresOn !== null && input.expiresOn < today)
    throw new AppError('VALIDATION', '有效期至不能早于今天', [{ field: 'expiresOn', message: '不能早于今天' }]);
  return deps.db.transaction().execute(async (trx) => {
    const subject = await subjectById(trx, input.subjectId);
    if (!subject) throw notFound('监管对象');
    if (subject.whitelisted)
      throw new AppError('VALIDATION', '白名单对象不能同时列为重点抽查对象', [
        { field: 'subjectId', message: '该对象在白名单中' },
      ]);
    const w = { trx, deps, now, who: auditSubjectOf(actor) };
    const { id } = await listKeyTarget(w, {
      subjectId: input.subjectId,
      reasonKind: '人工列入',
      reason: input.reason,
      sourceRef: null,
      departmentId,
      listedOn: today,
      expiresOn: input.expiresOn,
    });
    return present((await listingById(trx, id))!, today, actor);
  });
}

/** Staff lift a listing with a reason: their department's, or any for a scope over every department. Audited. */
export async function liftKeyTarget(
  deps: AppDeps,
  actor: Actor | null,
  id: number,
  input: KeyTargetLiftInput,
): Promise<KeyTargetView> {
  requirePermission(actor, WRITE);
  return deps.db.transaction().execute(async (trx) => {
    const k = await findKeyTarget(trx, id);
    if (!k) throw notFound('重点抽查对象');
    if (!mayLift(actor, k.department_id))
      throw forbidden(
        k.department_id === null
          ? '该重点抽查对象依信用评价列入，只能由可管理全部部门的用户解除'
          : '只能解除本部门列入的重点抽查对象',
      );
    if (k.lifted_at !== null) throw new AppError('CONFLICT', '该重点抽查对象已解除');
    const now = deps.clock.now();
    const [lifted] = await liftKeyTargets(trx, [id], { at: now, by: actor.userId, reason: input.reason });
    const subject = await subjectById(trx, k.subject_id);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'key_target.lift',
      entityType: 'key_target',
      entityId: id,
      summary: `解除“${subject?.name ?? ''}”（${subject?.uscc ?? ''}）的重点抽查对象（${k.reason_kind}：${k.reason}）：${input.reason}`,
      before: { liftedAt: null },
      after: { liftedAt: now.toISOString(), liftReason: lifted!.lift_reason },
    });
    await syncKeyTargetFlags(trx, [k.subject_id], chinaDate(now), now);
    return present((await listingById(trx, id))!, chinaDate(now), actor);
  });
}
