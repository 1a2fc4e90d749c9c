import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { CREDIT_MAINTAINER, fieldOwnership } from './subject-field-ownership';
import { findSubject, presentSubject, updateSubject } from './subject.repository';
import { updateClassesFromRun } from './subject-credit-class.repository';
import type { Db } from '../db/database';
import type { SubjectCreditInput, SubjectView } from './subject.schemas';
import { assertOwnedChanges, auditView, ownedValuesOf } from './subject.service';

/**
 * The credit office's own edit: the whitelist flag, nothing else (it does not hold registry:subject:write; the
 * credit class comes from the pushed evaluation). The same ownership rule as the full edit decides.
 */
export async function changeSubjectCredit(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: SubjectCreditInput,
): Promise<SubjectView> {
  requirePermission(actor, 'registry:subject:credit');
  return deps.db.transaction().execute(async (trx) => {
    const before = await findSubject(trx, id);
    if (!before) throw notFound('监管对象');
    const after = { ...ownedValuesOf(before), whitelisted: input.whitelisted };
    if (input.creditClass !== undefined) after.creditClass = input.creditClass;
    await assertOwnedChanges(trx, actor, ownedValuesOf(before), after);
    if (input.whitelisted && before.key_target)
      throw new AppError('VALIDATION', '白名单对象不能同时列为重点抽查对象，请先由登记部门取消重点抽查对象', [
        { field: 'whitelisted', message: '该对象是重点抽查对象' },
      ]);
    const now = deps.clock.now();
    const view = presentSubject(
      await updateSubject(trx, id, {
        whitelisted: input.whitelisted,
        updated_at: now,
      }),
    );
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'subject.update',
      entityType: 'subject',
      entityId: id,
      summary: `修改监管对象“${view.name}”（${view.uscc}）的白名单`,
      before: auditView(presentSubject(before)),
      after: auditView(view),
    });
    return view;
  });
}

/** What the signed-in user may change in the subject form, and who maintains the rest (for the form's hints). */
export function subjectFieldOwnership(actor: Actor) {
  const own = fieldOwnership(actor);
  return { ...own, creditMaintainer: CREDIT_MAINTAINER };
}

/**
 * The classes of a pushed credit evaluation become the register's (a subject the run did not evaluate keeps its
 * class), inside the push's transaction. The only way a class reaches the register: nobody sets one by hand
 * (subject-field-ownership.ts). Returns how many subjects changed class.
 */
export function applyCreditClasses(trx: Db, runId: number, now: Date): Promise<number> {
  return updateClassesFromRun(trx, runId, now);
}
