import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { afterCreditRunPushed } from '../credit-records/credit-hooks';
import { kickOutbox } from '../notifications/dispatcher';
import { notify } from '../notifications/notify';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { applyCreditClasses } from '../subjects/subject-credit.service';
import { activeUsersWithRole } from '../users/user-account.service';
import { periodLabel } from './credit-period';
import { currentCreditRun } from './credit-run-current';
import { findRun, markPushed } from './credit-run.repository';
import type { CreditRunRow } from './credit-run.table';

/**
 * 推送: the credit office pushes a finished run to the departments. Its classes become the register's (the draw reads
 * them from there and from the run), what follows a pushed run happens (key targets), and every department's
 * administrators and staff are told, in one audited transaction. Only a run measured against the current pushed run
 * may be pushed: a run computed before another push would move classes from a stale baseline.
 */
export async function pushCreditRun(deps: AppDeps, actor: Actor, runId: number): Promise<CreditRunRow> {
  requirePermission(actor, 'credit:run:write');
  const pushed = await deps.db.transaction().execute(async (trx) => {
    const run = await findRun(trx, runId);
    if (!run) throw notFound('信用评价');
    if (run.status !== '待推送')
      throw new AppError('CONFLICT', `信用评价 ${run.run_no} 的状态是“${run.status}”，只有待推送的评价可以推送`);
    const current = await currentCreditRun(trx);
    if ((current?.id ?? null) !== run.previous_run_id)
      throw new AppError(
        'CONFLICT',
        `评价 ${run.run_no} 运行后又推送了评价 ${current?.run_no ?? ''}，请重新运行后再推送`,
      );
    const now = deps.clock.now();
    const done = await markPushed(trx, run.id, actor.userId, now);
    const changed = await applyCreditClasses(trx, run.id, now);
    const w = { trx, deps, now, who: auditSubjectOf(actor) };
    await afterCreditRunPushed(w, run.id);
    const users = [
      ...(await activeUsersWithRole(trx, 'dept_admin')),
      ...(await activeUsersWithRole(trx, 'dept_staff')),
    ];
    await notify(trx, now, {
      userIds: users,
      kind: 'credit_run_pushed',
      title: `${periodLabel(run.period)}信用评价结果已推送`,
      body: `信用评价 ${run.run_no}：${run.subject_count}户，分类上升${run.upgraded}户、下降${run.downgraded}户。信用风险分类仅供监管使用，不向社会公开。`,
      link: `/credit/runs/${run.id}`,
    });
    await recordAudit(trx, deps.config.auditHash, now, w.who, {
      action: 'credit_run.push',
      entityType: 'credit_run',
      entityId: run.id,
      summary: `推送${periodLabel(run.period)}信用评价 ${run.run_no}：${changed}户监管对象的信用风险分类随之更新，通知${new Set(users).size}名部门用户`,
    });
    return done;
  });
  kickOutbox(deps);
  return pushed;
}
