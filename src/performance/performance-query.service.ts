import type { z } from 'zod';
import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { computations } from './performance-catalog';
import { buildReport } from './performance-report.service';
import {
  dailyTrend,
  type EvaluationListRow,
  findEvaluation,
  indicatorResultsOf,
  listEvaluations as listEvaluationRows,
  evaluationRow,
  scoresOf,
} from './performance.repository';
import type { departmentDetail, evaluationItem, evaluationList, rankingView } from './performance.schemas';

const seesAll = (actor: Actor) => scopeOf(actor, 'performance:read') === 'all';

function itemOf(r: EvaluationListRow): z.infer<typeof evaluationItem> {
  return {
    id: r.id,
    evaluationNo: r.evaluation_no,
    kind: r.kind,
    year: r.year,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    version: r.version,
    passScore: r.pass_score,
    status: r.status,
    departmentCount: r.department_count,
    computedAt: r.computed_at.toISOString(),
    computedByName: r.computed_by_name,
    finishedAt: r.finished_at?.toISOString() ?? null,
    finishedByName: r.finished_by_name,
    reportDigest: r.report_digest,
  };
}

/** The annual evaluations and the latest daily snapshots. */
export async function listEvaluations(deps: AppDeps, actor: Actor): Promise<z.infer<typeof evaluationList>> {
  requirePermission(actor, 'performance:read');
  const [annual, daily] = await Promise.all([
    listEvaluationRows(deps.db, '年度', 50),
    listEvaluationRows(deps.db, '日常', 30),
  ]);
  return { annual: annual.map(itemOf), daily: daily.map(itemOf) };
}

/**
 * The ranking of an evaluation (default: the latest daily snapshot). Every reader sees the ranking positions; a
 * department reader sees the dimension scores of its own department only.
 */
export async function ranking(
  deps: AppDeps,
  actor: Actor,
  evaluationId: number | undefined,
): Promise<z.infer<typeof rankingView>> {
  requirePermission(actor, 'performance:read');
  const all = seesAll(actor);
  const evaluation =
    evaluationId === undefined
      ? (await listEvaluationRows(deps.db, '日常', 1))[0]
      : await findEvaluation(deps.db, evaluationId);
  if (!evaluation) {
    if (evaluationId !== undefined) throw notFound('履职评价');
    return { evaluation: null, scope: all ? 'all' : 'own', rows: [] };
  }
  const scores = await scoresOf(deps.db, evaluation.id);
  return {
    evaluation: itemOf(evaluation),
    scope: all ? 'all' : 'own',
    rows: scores.map((s) => {
      const own = s.department_id === actor.departmentId;
      return {
        departmentId: s.department_id,
        departmentName: s.department_name,
        total: s.total,
        rank: s.rank,
        behind: s.behind,
        dimensions: all || own ? s.dimensions : null,
        own,
      };
    }),
  };
}

/** One department's scores in an evaluation: dimensions, indicators with numerator, denominator and evidence. */
export async function departmentScores(
  deps: AppDeps,
  actor: Actor,
  evaluationId: number,
  departmentId: number,
): Promise<z.infer<typeof departmentDetail>> {
  requirePermission(actor, 'performance:read');
  // Another department's evidence is out of scope: it answers as if it did not exist.
  if (!seesAll(actor) && departmentId !== actor.departmentId) throw notFound('部门的评价结果');
  const evaluation = await findEvaluation(deps.db, evaluationId);
  if (!evaluation) throw notFound('履职评价');
  const scores = await scoresOf(deps.db, evaluationId);
  const own = scores.find((s) => s.department_id === departmentId);
  if (!own) throw notFound('部门的评价结果');
  const results = await indicatorResultsOf(deps.db, evaluationId, departmentId);
  const order = new Map<string, number>(Object.keys(computations).map((c, i) => [c, i]));
  const trend = evaluation.kind === '日常' ? await dailyTrend(deps.db, departmentId, 30) : [];
  return {
    evaluation: itemOf(evaluation),
    departmentId,
    departmentName: own.department_name,
    total: own.total,
    rank: own.rank,
    behind: own.behind,
    departmentCount: scores.length,
    dimensions: own.dimensions,
    indicators: results
      .sort((a, b) => (order.get(a.indicator_code) ?? 0) - (order.get(b.indicator_code) ?? 0))
      .map((r) => {
        const c = computations[r.indicator_code as keyof typeof computations];
        return {
          code: r.indicator_code as keyof typeof computations,
          name: r.name,
          dimension: c.dimension,
          counts: c.counts,
          basis: c.basis,
          points: r.points,
          numerator: r.numerator,
          denominator: r.denominator,
          rate: r.denominator > 0 ? Math.round((r.numerator / r.denominator) * 10000) / 10000 : null,
          applicable: r.applicable,
          score: r.score,
          evidence: r.evidence,
          evidenceTotal: r.evidence_total,
        };
      }),
    trend: trend.reverse().map((t) => ({ day: t.period_to, total: t.total, rank: t.rank })),
  };
}

/** The annual report PDF: the stored one of a finished evaluation, else a draft rendered now from its results. */
export async function evaluationReport(
  deps: AppDeps,
  actor: Actor,
  id: number,
): Promise<{ body: Buffer; fileName: string }> {
  requirePermission(actor, 'performance:read');
  // The report holds every department's scores and lost-point evidence: it goes to the district government and the
  // departments that read all, not to a department that sees only its own details.
  if (!seesAll(actor)) throw forbidden('评价结果报告只向评价部门和联席会议办公室提供，本部门得分请在“履职评价”中查看');
  const row = await evaluationRow(deps.db, id);
  if (!row || row.kind !== '年度') throw notFound('年度评价报告');
  const fileName = `${row.year}年度监管履职评价结果报告${row.report_pdf ? '' : '（未定稿）'}.pdf`;
  if (row.report_pdf) return { body: row.report_pdf, fileName };
  const body = await buildReport(deps.db, row, {
    issuedOn: chinaDate(deps.clock.now()),
    evaluator: actor.departmentName,
    draft: true,
  });
  return { body, fileName };
}
