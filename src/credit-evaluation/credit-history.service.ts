import { type Actor, requirePermission } from '../auth/actor';
import type { AppDeps } from '../shared/context';
import type { z } from 'zod';
import type { subjectHistory } from './credit-evaluation.schemas';
import { periodLabel } from './credit-period';
import { historyOfSubject, recordTitles } from './credit-results.repository';
import type { Contribution } from './credit-scoring';

/** The subject page: its class in every pushed run, and each indicator's contribution in the latest. */
export async function subjectCreditHistory(
  deps: AppDeps,
  actor: Actor,
  subjectId: number,
): Promise<z.infer<typeof subjectHistory>> {
  requirePermission(actor, 'credit:run:read');
  const rows = await historyOfSubject(deps.db, subjectId);
  const latest = rows[0];
  const contributions = (latest?.contributions as Contribution[] | null) ?? [];
  const titles = await recordTitles(deps.db, [...new Set(contributions.flatMap((c) => c.recordIds))]);
  return {
    history: rows.map((r) => ({
      runNo: r.run_no,
      period: r.period,
      periodLabel: periodLabel(r.period),
      asOf: r.as_of,
      pushedAt: r.pushed_at?.toISOString() ?? null,
      score: Number(r.score),
      creditClass: r.credit_class,
      veto: r.veto,
    })),
    latest: latest
      ? {
          runNo: latest.run_no,
          contributions: contributions.map((c) => ({
            ...c,
            records: c.recordIds.map((id) => titles.get(id) ?? `信用记录 ${id}`),
          })),
        }
      : null,
  };
}
