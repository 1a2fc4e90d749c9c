import { type Actor, requirePermission } from '../auth/actor';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { findModel } from './credit-model.repository';
import type { CreditModelDefinition } from './credit-model';
import { inputsOf, resultsBatch } from './credit-run-scoring.repository';
import { findRun, inputsDigest } from './credit-run.repository';
import { scoreRow } from './credit-run.service';
import { classOf } from './credit-scoring';

export interface RunVerification {
  runNo: string;
  identical: boolean;
  inputsDigestMatches: boolean;
  subjectsChecked: number;
  mismatches: number;
  /** Up to 20 subjects whose stored result differs from the recomputation. */
  examples: { subjectId: number; stored: string; recomputed: string }[];
}

const BATCH = 5000;

/**
 * 复核: recomputes a finished run from the inputs it stored and its model version, subject by subject, and says
 * whether every score, class and veto is identical and the inputs still hash to the run's digest.
 */
export async function verifyRun(deps: AppDeps, runId: number): Promise<RunVerification> {
  const run = await findRun(deps.db, runId);
  if (!run || run.status === '运行中' || run.status === '失败') throw notFound('已完成的信用评价');
  const modelRow = (await findModel(deps.db, run.model_id))!;
  const model = modelRow.definition as CreditModelDefinition;
  const digest = await inputsDigest(deps.db, run.id, modelRow.version, run.as_of);
  const base = { score: model.baseScore, creditClass: classOf(model, model.baseScore) };
  let checked = 0;
  const examples: RunVerification['examples'] = [];
  let mismatches = 0;
  for (let after = 0; ;) {
    const stored = await resultsBatch(deps.db, run.id, after, BATCH);
    if (stored.length === 0) break;
    const inputs = new Map(
      (
        await inputsOf(
          deps.db,
          run.id,
          stored.map((s) => s.subject_id),
        )
      ).map((s) => [s.subjectId, s]),
    );
    for (const s of stored) {
      const mine = inputs.get(s.subject_id);
      const again = mine ? scoreRow(mine, model, run.as_of) : { ...base, veto: null };
      const a = `${Number(s.score).toFixed(2)} ${s.credit_class} ${s.veto ?? ''}`;
      const b = `${again.score.toFixed(2)} ${again.creditClass} ${again.veto ?? ''}`;
      if (a !== b) {
        mismatches += 1;
        if (examples.length < 20) examples.push({ subjectId: s.subject_id, stored: a, recomputed: b });
      }
    }
    checked += stored.length;
    after = stored[stored.length - 1]!.subject_id;
  }
  const inputsDigestMatches = digest === run.inputs_digest;
  return {
    runNo: run.run_no,
    identical: inputsDigestMatches && mismatches === 0 && checked === run.subject_count,
    inputsDigestMatches,
    subjectsChecked: checked,
    mismatches,
    examples,
  };
}

export async function verifyCreditRun(deps: AppDeps, actor: Actor, runId: number): Promise<RunVerification> {
  requirePermission(actor, 'credit:run:read');
  return verifyRun(deps, runId);
}
