import { afterCreditRunPushed } from '../../../src/credit-records/credit-hooks';
import { ensurePublishedModel } from '../../../src/credit-evaluation/credit-model.service';
import type { CreditClass } from '../../../src/subjects/subject.table';
import { unique } from '../http';
import type { TestApp } from '../test-platform';

const system = { userId: null, name: '测试', departmentId: null, ip: null };

/**
 * A pushed evaluation run with the given classes, written directly (the evaluation itself is tested in its own
 * capability), then what follows a push runs (src/credit-records/credit-hooks.ts), as the credit office's push does.
 */
export async function pushedCreditRun(t: TestApp, classes: Map<number, CreditClass>) {
  const tag = `${unique().tag}${Math.floor(Math.random() * 1e6)}`;
  const now = t.clock.now();
  return t.deps.db.transaction().execute(async (trx) => {
    // The run names the model in use (a valid, published definition: the model pages present every stored model).
    const model = await ensurePublishedModel(trx, now);
    const run = await trx
      .insertInto('credit_runs')
      .values({
        run_no: `XYPJ-T${tag}`,
        model_id: model.id,
        period: '2026Q1',
        as_of: '2026-03-31',
        trigger: '手动',
        status: '已推送',
        inputs_digest: `inputs-${tag}`,
        results_digest: `results-${tag}`,
        subject_count: classes.size,
        record_count: 0,
        upgraded: 0,
        downgraded: 0,
        started_at: now,
        finished_at: now,
        pushed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (classes.size > 0)
      await trx
        .insertInto('credit_run_results')
        .values(
          [...classes].map(([subjectId, creditClass]) => ({
            run_id: run.id,
            subject_id: subjectId,
            score: creditClass === 'D' ? 420.5 : 800,
            credit_class: creditClass,
            previous_class: null,
            veto: null,
            contributions: null,
          })),
        )
        .execute();
    await afterCreditRunPushed({ trx, deps: t.deps, now, who: system }, run.id);
    return run;
  });
}
