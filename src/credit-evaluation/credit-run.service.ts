import { type Actor, requirePermission } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { CreditModelDefinition } from './credit-model';
import { ensurePublishedModel } from './credit-model.service';
import { lastEndedQuarter, periodLabel, periodPattern, quarterEnd, quarterOf } from './credit-period';
import { addDays } from '../calendar/calendar-date';
import { currentCreditRun } from './credit-run-current';
import {
  type ResultRow,
  inputsBatch,
  insertBaseResults,
  insertResults,
  type SubjectInputs,
} from './credit-run-scoring.repository';
import {
  failRun,
  finishRun,
  inputsDigest,
  insertRun,
  movementCounts,
  resultsDigest,
  runsOfPeriod,
  snapshotInputs,
} from './credit-run.repository';
import type { CreditRunRow } from './credit-run.table';
import { classOf, scoreSubject } from './credit-scoring';

/** Records read per batch: a few megabytes of memory whatever the register's size. */
const BATCH_RECORDS = 20_000;

export interface RunTimings {
  snapshotMs: number;
  scoringMs: number;
  baseMs: number;
  finishMs: number;
}

export function scoreRow(s: SubjectInputs, model: CreditModelDefinition, asOf: string): ResultRow {
  const r = scoreSubject(s.records, model, asOf);
  return {
    subjectId: s.subjectId,
    score: r.score,
    creditClass: r.creditClass,
    veto: r.veto,
    contributions: r.contributions ? JSON.stringify(r.contributions) : null,
  };
}

/**
 * One evaluation run (公共信用综合评价): fixes its inputs (the records that count at `asOf`, with their versions) in
 * one transaction, scores the subjects with records batch by batch, gives every other 存续 subject the base score,
 * then records the digests and the movements against the last pushed run and finishes (immutable from then on).
 * A run that fails keeps only its row and error.
 */
export async function runEvaluation(
  deps: AppDeps,
  who: AuditSubject,
  input: { period: string; asOf: string; trigger: '定时' | '手动' },
  timings?: RunTimings,
): Promise<CreditRunRow> {
  const t0 = Date.now();
  const started = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const model = await ensurePublishedModel(trx, now);
    const sameperiod = await runsOfPeriod(trx, input.period);
    if (sameperiod.some((r) => r.status === '运行中'))
      throw new AppError('CONFLICT', `${periodLabel(input.period)}的信用评价正在运行，请稍后查看结果`);
    const previous = await currentCreditRun(trx);
    const run = await insertRun(trx, {
      runNo: `XYPJ${input.period}-${String(sameperiod.length + 1).padStart(2, '0')}`,
      modelId: model.id,
      period: input.period,
      asOf: input.asOf,
      trigger: input.trigger,
      previousRunId: previous?.id ?? null,
      startedBy: who.userId,
      now,
    });
    const records = await snapshotInputs(trx, run.id, input.asOf);
    return { run, model, records };
  });
  const { run, records } = started;
  const model = started.model.definition as CreditModelDefinition;
  const t1 = Date.now();
  try {
    for (let after = 0; ;) {
      const batch = await inputsBatch(deps.db, run.id, after, BATCH_RECORDS);
      if (batch.length === 0) break;
      await insertResults(
        deps.db,
        run.id,
        run.previous_run_id,
        batch.map((s) => scoreRow(s, model, input.asOf)),
      );
      after = batch[batch.length - 1]!.subjectId;
    }
    const t2 = Date.now();
    await insertBaseResults(deps.db, run.id, run.previous_run_id, {
      score: model.baseScore,
      creditClass: classOf(model, model.baseScore),
    });
    const t3 = Date.now();
    const finished = await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const counts = await movementCounts(trx, run.id);
      const done = await finishRun(trx, run.id, {
        inputsDigest: await inputsDigest(trx, run.id, started.model.version, input.asOf),
        resultsDigest: await resultsDigest(trx, run.id),
        subjects: counts.subjects,
        records,
        upgraded: counts.upgraded,
        downgraded: counts.downgraded,
        now,
      });
      await recordAudit(trx, deps.config.auditHash, now, who, {
        action: 'credit_run.finish',
        entityType: 'credit_run',
        entityId: run.id,
        summary: `${input.trigger === '定时' ? '定时' : '手动'}运行${periodLabel(input.period)}信用评价 ${run.run_no}（模型第${started.model.version}版）：${counts.subjects}户，计入信用记录${records}条，上升${counts.upgraded}户，下降${counts.downgraded}户`,
      });
      return done;
    });
    if (timings)
      Object.assign(timings, { snapshotMs: t1 - t0, scoringMs: t2 - t1, baseMs: t3 - t2, finishMs: Date.now() - t3 });
    return finished;
  } catch (error) {
    await failRun(deps.db, run.id, error instanceof Error ? error.message : String(error), deps.clock.now());
    throw error;
  }
}

/** On demand (credit:run:write): a quarter that has ended counts up to its last day, the current one up to today. */
export async function startCreditRun(deps: AppDeps, actor: Actor, period: string): Promise<CreditRunRow> {
  requirePermission(actor, 'credit:run:write');
  if (!periodPattern.test(period)) throw new AppError('VALIDATION', '评价期间格式应为“2026Q3”');
  const today = chinaDate(deps.clock.now());
  const end = quarterEnd(period);
  if (period > quarterOf(today)) throw new AppError('VALIDATION', `${periodLabel(period)}尚未开始，不能评价`);
  return runEvaluation(deps, auditSubjectOf(actor), { period, asOf: end < today ? end : today, trigger: '手动' });
}

const timer: AuditSubject = { userId: null, name: '系统定时任务', departmentId: null, ip: null };

/**
 * Hourly job: from the first working day after a quarter ends, that quarter's evaluation runs once by itself
 * (unless one already exists, on demand or not).
 */
export async function runQuarterlyEvaluation(deps: AppDeps, now: Date): Promise<CreditRunRow | null> {
  const today = chinaDate(now);
  const period = lastEndedQuarter(today);
  const end = quarterEnd(period);
  // A year whose calendar is not loaded yet: the day after the quarter (the run is not held back by a missing table).
  const calendar = await workCalendar(deps.db);
  let firstWorkingDay = addDays(end, 1);
  try {
    firstWorkingDay = calendar.addWorkingDays(end, 1);
  } catch {
    // keep the next day
  }
  if (today < firstWorkingDay) return null;
  const existing = await runsOfPeriod(deps.db, period);
  if (existing.some((r) => r.status !== '失败')) return null;
  return runEvaluation(deps, timer, { period, asOf: end, trigger: '定时' });
}
