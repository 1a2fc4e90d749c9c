import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { subjectById } from '../subjects/subject.service';
import { deleteConflict, findConflict, insertConflict } from './inspector-conflict.repository';
import { conflictsOf } from './inspector.repository';
import type { ConflictDeclare, InspectorConflictView } from './inspector.schemas';
import { inspectorInScope } from './inspector.service';

/**
 * Records an inspector's declared conflict of interest with a subject (利害关系回避申报); the draw never
 * assigns the inspector to that subject. Declaring the same subject twice is a conflict (409).
 */
export async function declareConflict(
  deps: AppDeps,
  actor: Actor,
  inspectorId: number,
  input: ConflictDeclare,
): Promise<InspectorConflictView[]> {
  requirePermission(actor, 'registry:inspector:write');
  return deps.db.transaction().execute(async (trx) => {
    const inspector = await inspectorInScope(trx, actor, inspectorId);
    const now = deps.clock.now();
    const declaredOn = input.declaredOn ?? chinaDate(now);
    if (declaredOn > chinaDate(now))
      throw new AppError('VALIDATION', '申报日期不能晚于今天', [
        { field: 'declaredOn', message: '申报日期不能晚于今天' },
      ]);
    const subject = await subjectById(trx, input.subjectId);
    if (!subject)
      throw new AppError('VALIDATION', '监管对象不存在', [{ field: 'subjectId', message: '监管对象不存在' }]);
    const existing = await findConflict(trx, inspectorId, input.subjectId);
    if (existing) {
      throw new AppError(
        'CONFLICT',
        `${inspector.name} 已于 ${existing.declared_on} 申报与“${subject.name}”存在利害关系`,
        [{ field: 'subjectId', message: '已申报过' }],
      );
    }
    await insertConflict(trx, {
      inspector_id: inspectorId,
      subject_id: input.subjectId,
      reason: input.reason,
      declared_on: declaredOn,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'inspector.conflict_declare',
      entityType: 'inspector',
      entityId: inspectorId,
      summary: `执法检查人员“${inspector.name}”申报与“${subject.name}”（${subject.uscc}）存在利害关系，回避检查`,
      after: {
        subjectId: input.subjectId,
        uscc: subject.uscc,
        subjectName: subject.name,
        reason: input.reason,
        declaredOn,
      },
    });
    return conflictsOf(trx, inspectorId);
  });
}

/** Withdraws a declared conflict; the inspector may again be drawn for that subject. */
export async function withdrawConflict(
  deps: AppDeps,
  actor: Actor,
  inspectorId: number,
  subjectId: number,
): Promise<void> {
  requirePermission(actor, 'registry:inspector:write');
  await deps.db.transaction().execute(async (trx) => {
    const inspector = await inspectorInScope(trx, actor, inspectorId);
    const declared = await deleteConflict(trx, inspectorId, subjectId);
    if (!declared) throw notFound('利害关系申报');
    const subject = await subjectById(trx, subjectId);
    if (!subject) throw notFound('监管对象');
    await recordAudit(trx, deps.config.auditHash, deps.clock.now(), auditSubjectOf(actor), {
      action: 'inspector.conflict_withdraw',
      entityType: 'inspector',
      entityId: inspectorId,
      summary: `撤回执法检查人员“${inspector.name}”与“${subject.name}”（${subject.uscc}）的利害关系申报`,
      before: {
        subjectId,
        uscc: subject.uscc,
        subjectName: subject.name,
        reason: declared.reason,
        declaredOn: declared.declared_on,
      },
    });
  });
}
