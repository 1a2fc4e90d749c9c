import { type Actor, requireDepartmentScope, requirePermission } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import { kickOutbox } from '../notifications/dispatcher';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { createTask, type CreatedTask } from '../tasks/task-create';
import type { TaskWrite } from '../tasks/task-transition';
import { getRegistration } from './registration.service';
import type { RegistrationView } from './registration.schemas';
import { proposeMatches } from './visit-matching.service';
import { lapseOpenProposalsOf, lockOpenProposalsOf } from './merge-proposal.repository';
import {
  dueRegistrations,
  findRegistrationHead,
  lockRegistration,
  setRegistrationConverted,
} from './registration-write.repository';

/** Who an automatic conversion is recorded as. */
const systemSubject: AuditSubject = {
  userId: null,
  name: '系统（检查期开始，登记自动转为检查任务）',
  departmentId: null,
  ip: null,
};

/**
 * A registration becomes a task (登记 → 检查任务): its department, items and named inspectors, the
 * rest staffed by the seeded selection, published at once. Open merge proposals on it lapse (the
 * department chose to go alone, or the window opened before every department answered).
 */
async function convert(w: TaskWrite, registrationId: number, how: string): Promise<CreatedTask> {
  // Locks in the order answering a proposal takes them: its open proposals, then the registration.
  await lockOpenProposalsOf(w.trx, registrationId);
  const r = await lockRegistration(w.trx, registrationId);
  if (r.status !== '有效') throw new AppError('CONFLICT', `登记 ${r.registration_no} ${r.status}，不能转为检查任务`);
  if (r.window_to < chinaDate(w.now)) {
    throw new AppError(
      'CONFLICT',
      `登记 ${r.registration_no} 的检查期（${r.window_from} 至 ${r.window_to}）已过，不能转为检查任务；请撤回后重新登记`,
    );
  }
  const task = await createTask(w, {
    source: '登记',
    subjectId: r.subject_id,
    window: { from: r.window_from, to: r.window_to },
    routine: r.kind === '日常检查',
    registrationId: r.id,
    departments: [{ departmentId: r.department_id, items: r.items, inspectorIds: r.inspector_ids.map(Number) }],
    origin: `登记 ${r.registration_no}（${r.kind}）`,
  });
  await setRegistrationConverted(w.trx, r.id, task.id, w.now);
  const lapsed = await lapseOpenProposalsOf(
    w.trx,
    r.id,
    `登记 ${r.registration_no} 已转为检查任务 ${task.taskNo}`,
    w.now,
  );
  await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
    action: 'registration.confirm',
    entityType: 'registration',
    entityId: r.registration_no,
    summary: `${how}：登记 ${r.registration_no} 转为检查任务 ${task.taskNo}${task.unstaffedReason ? `（未能配齐人员：${task.unstaffedReason}）` : ''}${lapsed.length ? `；合并入企建议 ${lapsed.join('、')} 失效` : ''}`,
    before: { status: '有效' },
    after: { status: '已转任务', taskNo: task.taskNo },
  });
  // The new task may meet other departments' registrations of the same subject (提前登记、自动匹配).
  await proposeMatches(w, r.year, [r.subject_id]);
  return task;
}

/** The department confirms its registration: the visit becomes a published, staffed task. */
export async function confirmRegistration(
  deps: AppDeps,
  actor: Actor | null,
  registrationNo: string,
): Promise<RegistrationView> {
  requirePermission(actor, 'plan:registration:write');
  await deps.db.transaction().execute(async (trx) => {
    const row = await findRegistrationHead(trx, registrationNo);
    if (!row) throw notFound(`登记 ${registrationNo} `);
    requireDepartmentScope(actor, 'plan:registration:write', row.department_id);
    await convert({ trx, deps, now: deps.clock.now(), who: auditSubjectOf(actor) }, row.id, `${actor.name}确认`);
  });
  kickOutbox(deps);
  return getRegistration(deps, actor, registrationNo);
}

/**
 * Registrations whose window has opened become tasks without waiting for a confirmation, unless a merge
 * proposal on them still awaits answers (it decides first) — run with the daily reminders. Each in its own
 * transaction, so one that fails does not hold back the others. Returns the new task numbers and the refusals.
 */
export async function openDueRegistrations(
  deps: AppDeps,
  now: Date,
): Promise<{ created: string[]; refused: { registrationNo: string; reason: string }[] }> {
  const today = chinaDate(now);
  // A window already over is left to its department (a task nobody can check in on helps no one).
  const due = await dueRegistrations(deps.db, today);
  const created: string[] = [];
  const refused: { registrationNo: string; reason: string }[] = [];
  for (const r of due) {
    try {
      const task = await deps.db
        .transaction()
        .execute((trx) => convert({ trx, deps, now, who: systemSubject }, r.id, '检查期已开始，自动转为检查任务'));
      created.push(task.taskNo);
    } catch (error) {
      // A registration that cannot become a task stays 有效 and visible to its department; the run goes on.
      refused.push({
        registrationNo: r.registration_no,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (created.length) kickOutbox(deps);
  return { created, refused };
}
