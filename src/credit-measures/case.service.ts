import { type Actor, requirePermission } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import type { CreditWrite } from '../credit-records/credit-write';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  casesUnderMeasure,
  insertCase,
  insertFeedbacks,
  lockCase,
  nextCaseNo,
  subjectsByIds,
  updateCase,
} from './case.repository';
import type { CaseInput } from './case.schemas';
import { notifyImplementers } from './case-notify';
import type { CreditMeasureCaseRow } from './credit-measure.table';
import { caseEnded, caseStarted } from './measure-effects';
import { findMeasure } from './measure.repository';

/** 实施反馈 is due this many working days after a case is initiated. */
export const FEEDBACK_WORKING_DAYS = 10;

/**
 * The credit office names subjects under a published measure (联合奖惩对象), each a case with its reason, basis
 * document and period; each implementing department gets a to-do and owes its feedback within 10 working days;
 * what the platform itself does follows at once (measure-effects.ts).
 */
export async function initiateCases(deps: AppDeps, actor: Actor, input: CaseInput) {
  requirePermission(actor, 'credit:measure:write');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const today = chinaDate(now);
    const measure = await findMeasure(trx, input.measureId);
    if (!measure) throw notFound('联合奖惩措施');
    if (measure.status !== '已发布')
      throw new AppError('CONFLICT', `措施“${measure.matter}”${measure.status}，不能发起`);
    if (input.validFrom > today)
      throw new AppError('VALIDATION', '实施期限自不得晚于今天：决定生效后再发起', [
        { field: 'validFrom', message: '不得晚于今天' },
      ]);
    if (input.validTo < today)
      throw new AppError('VALIDATION', '实施期限已过', [{ field: 'validTo', message: '不得早于今天' }]);
    const subjectIds = [...new Set(input.subjectIds)];
    const subjects = await subjectsByIds(trx, subjectIds);
    if (subjects.length !== subjectIds.length) throw notFound('监管对象');
    await assertNotUnderMeasure(trx, measure.id, subjectIds, today);
    const calendar = await workCalendar(trx);
    const dueOn = unlessYearMissing(() => calendar.addWorkingDays(today, FEEDBACK_WORKING_DAYS));
    const w: CreditWrite = { trx, deps, now, who: auditSubjectOf(actor) };
    const ids: number[] = [];
    const caseNos: string[] = [];
    for (const s of subjects) {
      const caseNo = await nextCaseNo(trx, Number(today.slice(0, 4)));
      const id = await insertCase(trx, {
        case_no: caseNo,
        measure_id: Number(measure.id),
        measure_version: measure.version,
        kind: measure.kind,
        subject_id: Number(s.id),
        initiating_department_id: actor.departmentId,
        reason: input.reason,
        basis_document: input.basisDocument,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        status: '实施中',
        ended_at: null,
        ended_by: null,
        end_reason: null,
        created_by: actor.userId,
        created_at: now,
      });
      await insertFeedbacks(
        trx,
        measure.department_ids.map((d) => ({
          case_id: id,
          department_id: Number(d),
          due_on: dueOn,
          outcome: '待反馈',
        })),
      );
      await recordAudit(trx, deps.config.auditHash, now, w.who, {
        action: 'credit_measure_case.create',
        entityType: 'credit_measure_case',
        entityId: id,
        summary: `联合${measure.kind}：将“${s.name}”（${s.uscc}）列入“${measure.matter}”（${caseNo}）`,
        after: {
          caseNo,
          measureId: Number(measure.id),
          subjectId: Number(s.id),
          reason: input.reason,
          basisDocument: input.basisDocument,
          validFrom: input.validFrom,
          validTo: input.validTo,
        },
      });
      await caseStarted(w, {
        caseId: id,
        kind: measure.kind,
        subjectId: Number(s.id),
        matter: measure.matter,
        departmentId: actor.departmentId,
        validTo: input.validTo,
      });
      ids.push(id);
      caseNos.push(caseNo);
    }
    await notifyImplementers(trx, now, {
      departmentIds: measure.department_ids.map(Number),
      kind: measure.kind,
      matter: measure.matter,
      subjectNames: subjects.map((s) => s.name),
      dueOn,
    });
    return { ids, caseNos };
  });
}

async function assertNotUnderMeasure(trx: Db, measureId: number, subjectIds: number[], today: string) {
  const existing = await casesUnderMeasure(trx, measureId, subjectIds, today);
  if (existing.length > 0)
    throw new AppError(
      'CONFLICT',
      `${existing.map((e) => `“${e.name}”（${e.case_no}）`).join('、')}已在该措施下实施中，不能重复列入`,
    );
}

/** The credit office ends a case before its period (e.g. the subject's credit repaired): the effects are undone. */
export async function endCase(deps: AppDeps, actor: Actor, id: number, reason: string): Promise<void> {
  requirePermission(actor, 'credit:measure:write');
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, id);
    if (!c) throw notFound('联合奖惩对象');
    const now = deps.clock.now();
    if (c.status !== '实施中' || c.valid_to < chinaDate(now))
      throw new AppError('CONFLICT', `${c.case_no} 已不在实施中，无需解除`);
    await updateCase(trx, id, { status: '已解除', ended_at: now, ended_by: actor.userId, end_reason: reason });
    const who: AuditSubject = auditSubjectOf(actor);
    await recordAudit(trx, deps.config.auditHash, now, who, {
      action: 'credit_measure_case.end',
      entityType: 'credit_measure_case',
      entityId: id,
      summary: `解除联合${c.kind}对象 ${c.case_no}：${reason}`,
      before: { status: c.status, endReason: null },
      after: { status: '已解除', endReason: reason },
    });
    await caseEnded({ trx, deps, now, who }, effectOf(c, await matterOf(trx, c.measure_id)), reason);
  });
}

const matterOf = async (trx: Db, measureId: number) => (await findMeasure(trx, measureId))?.matter ?? '';

const effectOf = (c: CreditMeasureCaseRow, matter: string) => ({
  caseId: Number(c.id),
  kind: c.kind,
  subjectId: Number(c.subject_id),
  matter,
  departmentId: Number(c.initiating_department_id),
  validTo: c.valid_to,
});
