import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import { performanceReportPdf } from './performance-report';
import { findVersion, indicatorResultsOf, scoresOf } from './performance.repository';
import type { EvaluationRow } from './performance.table';

/** The report of an annual evaluation from its stored scores and evidence (a draft until the evaluation is finished). */
export async function buildReport(
  db: Db,
  row: EvaluationRow,
  report: { issuedOn: string; evaluator: string; draft: boolean },
): Promise<Buffer> {
  const version = await findVersion(db, row.version_id);
  if (!version) throw new AppError('INTERNAL', '评价所用的指标体系版本不存在');
  const scores = await scoresOf(db, row.id);
  const departments = [];
  for (const s of scores) {
    const losses = s.behind
      ? (await indicatorResultsOf(db, row.id, s.department_id))
          .filter((r) => r.applicable && r.score < r.points)
          .sort((a, b) => b.points - b.score - (a.points - a.score))
          .map((r) => ({
            name: r.name,
            score: r.score,
            points: r.points,
            evidenceTotal: r.evidence_total,
            evidence: r.denominator === 0 ? ['评价期内没有可计数的记录，按规则计零分'] : r.evidence,
          }))
      : [];
    departments.push({
      name: s.department_name,
      rank: s.rank,
      total: s.total,
      behind: s.behind,
      dimensions: s.dimensions,
      losses,
    });
  }
  return performanceReportPdf({
    year: row.year,
    evaluationNo: row.evaluation_no,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    version: version.version,
    set: version.definition,
    ...report,
    departments,
  });
}
