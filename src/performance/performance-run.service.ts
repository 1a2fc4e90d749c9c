import { createHash } from 'node:crypto';
import { type Actor, requirePermission } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { IndicatorSet } from './performance-catalog';
import { computeFacts } from './performance-facts.repository';
import { buildReport } from './performance-report.service';
import { ranks, scoreDepartment, type Tally, tally } from './performance-scoring';
import {
  clearResults,
  currentVersion,
  evaluatedDepartments,
  findDailyOn,
  insertEvaluation,
  insertIndicatorResults,
  insertScores,
  lockAnnual,
  lockDaily,
  lockEvaluation,
  updateEvaluation,
} from './performance.repository';
import type { EvaluationKind, IndicatorVersionRow } from './performance.table';

/** The timer acting (daily snapshots carry no user). */
const performanceSystem: AuditSubject = { userId: null, name: '系统（日常履职评价）', departmentId: null, ip: null };

/** Every indicator of `set` for the departments over [from, to] (China dates), scored; the departments in order. */
export async function scoreDepartments(
  db: Db,
  set: IndicatorSet,
  departments: readonly { id: number; name: string }[],
  from: string,
  to: string,
) {
  const period = { departmentIds: departments.map((d) => d.id), from, to };
  const byCode = new Map<string, Map<number, Tally>>();
  for (const def of set.indicators) byCode.set(def.code, tally(await computeFacts(db, def.code, def.params, period)));
  return departments.map((d) => ({
    id: d.id,
    name: d.name,
    ...scoreDepartment(set, new Map(set.indicators.map((i) => [i.code, byCode.get(i.code)?.get(d.id)]))),
  }));
}

/** Computes every evaluated department's scores over [from, to] and writes them as the results of `evaluationId`. */
async function computeInto(trx: Db, evaluationId: number, set: IndicatorSet, from: string, to: string) {
  const departments = (await evaluatedDepartments(trx)).map((d) => ({ id: Number(d.id), name: d.name }));
  const scored = await scoreDepartments(trx, set, departments, from, to);
  const rankOf = ranks(scored.map((s) => s.total));
  await insertScores(
    trx,
    scored.map((s, i) => ({
      evaluation_id: evaluationId,
      department_id: s.id,
      department_name: s.name,
      total: s.total,
      rank: rankOf[i]!,
      behind: s.total < set.passScore,
      dimensions: JSON.stringify(s.dimensions),
    })),
  );
  await insertIndicatorResults(
    trx,
    scored.flatMap((s) =>
      s.indicators.map((i) => ({
        evaluation_id: evaluationId,
        department_id: s.id,
        indicator_code: i.code,
        name: i.name,
        dimension: i.dimension,
        points: i.points,
        numerator: i.numerator,
        denominator: i.denominator,
        applicable: i.applicable,
        score: i.score,
        evidence: JSON.stringify(i.evidence),
        evidence_total: i.evidenceTotal,
      })),
    ),
  );
  return { departments: scored.length, behind: scored.filter((s) => s.total < set.passScore).length };
}

const evaluationNo = (kind: EvaluationKind, year: number, to: string) =>
  kind === '年度' ? `LZPJ-ND${year}` : `LZPJ-RC${to.replaceAll('-', '')}`;

async function newEvaluation(
  trx: Db,
  now: Date,
  who: AuditSubject,
  kind: EvaluationKind,
  version: IndicatorVersionRow,
  year: number,
  to: string,
): Promise<number> {
  return insertEvaluation(trx, {
    evaluation_no: evaluationNo(kind, year, to),
    kind,
    year,
    period_from: `${year}-01-01`,
    period_to: to,
    version_id: version.id,
    pass_score: version.definition.passScore,
    computed_at: now,
    computed_by: who.userId,
    finished_at: null,
    finished_by: null,
    report_pdf: null,
    report_digest: null,
  });
}

/**
 * 日常评价 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十四条): once a China day, the year-to-date scores of every
 * department by the current indicator version, kept as an immutable snapshot. Runs with the hourly jobs; a day that
 * has its snapshot, or no published version yet, does nothing. Returns the snapshot's id when it made one.
 */
export async function runDailyPerformance(deps: AppDeps, now: Date): Promise<number | null> {
  const today = chinaDate(now);
  if (await findDailyOn(deps.db, today)) return null;
  const version = await currentVersion(deps.db);
  if (!version) return null;
  return deps.db.transaction().execute(async (trx) => {
    await lockDaily(trx);
    if (await findDailyOn(trx, today)) return null;
    const year = Number(today.slice(0, 4));
    const id = await newEvaluation(trx, now, performanceSystem, '日常', version, year, today);
    const counted = await computeInto(trx, id, version.definition, `${year}-01-01`, today);
    await updateEvaluation(trx, id, { department_count: counted.departments, status: '已完成', finished_at: now });
    await recordAudit(trx, deps.config.auditHash, now, performanceSystem, {
      action: 'performance.daily',
      entityType: 'performance_evaluation',
      entityId: id,
      summary: `日常履职评价 ${evaluationNo('日常', year, today)}（${year}-01-01 至 ${today}，指标体系第 ${version.version} 版）：${counted.departments} 个部门，${counted.behind} 个低于合格线`,
      after: {
        periodFrom: `${year}-01-01`,
        periodTo: today,
        version: version.version,
        departmentCount: counted.departments,
      },
    });
    return id;
  });
}

/**
 * 年度评价: computes (or computes again) a year's evaluation by the current indicator version, up to the year's end
 * or today. A finished year is frozen and refused (409).
 */
export async function runAnnualEvaluation(deps: AppDeps, actor: Actor, year: number): Promise<{ id: number }> {
  requirePermission(actor, 'performance:manage');
  const now = deps.clock.now();
  const today = chinaDate(now);
  if (`${year}-01-01` > today) throw new AppError('VALIDATION', `${year} 年尚未开始，不能开展年度评价`);
  const version = await currentVersion(deps.db);
  if (!version) throw new AppError('CONFLICT', '尚未发布履职评价指标体系，请先在“指标体系”中发布');
  const to = `${year}-12-31` < today ? `${year}-12-31` : today;
  return deps.db.transaction().execute(async (trx) => {
    const existing = await lockAnnual(trx, year);
    if (existing?.status === '已完成')
      throw new AppError('CONFLICT', `${year} 年度履职评价已完成，评价结果不能修改`, { status: existing.status });
    const who = auditSubjectOf(actor);
    let id: number;
    if (existing) {
      id = Number(existing.id);
      await clearResults(trx, id);
      await updateEvaluation(trx, id, {
        period_to: to,
        version_id: version.id,
        pass_score: version.definition.passScore,
        computed_at: now,
        computed_by: actor.userId,
      });
    } else id = await newEvaluation(trx, now, who, '年度', version, year, to);
    const counted = await computeInto(trx, id, version.definition, `${year}-01-01`, to);
    await updateEvaluation(trx, id, { department_count: counted.departments });
    await recordAudit(trx, deps.config.auditHash, now, who, {
      action: 'performance.annual',
      entityType: 'performance_evaluation',
      entityId: id,
      summary: `${existing ? '重新计算' : '开展'} ${year} 年度履职评价（${year}-01-01 至 ${to}，指标体系第 ${version.version} 版）：${counted.departments} 个部门，${counted.behind} 个低于合格线`,
      after: { year, periodTo: to, version: version.version, departmentCount: counted.departments },
    });
    return { id };
  });
}

/**
 * Finishes a year's evaluation once the year is over and computed after its end: the report to the district
 * government (第四十四条) is rendered and stored, and the evaluation, its scores and evidence are frozen.
 */
export async function finishAnnualEvaluation(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'performance:manage');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockEvaluation(trx, id);
    if (!row || row.kind !== '年度') throw notFound('年度评价');
    if (row.status === '已完成') throw new AppError('CONFLICT', `${row.year} 年度履职评价已完成`);
    if (chinaDate(row.computed_at) <= `${row.year}-12-31`)
      throw new AppError(
        'CONFLICT',
        `${row.year} 年度尚未结束或结果计算于年度结束前（截至 ${row.period_to}），请在年度结束后重新计算再完成评价`,
      );
    const pdf = await buildReport(trx, row, {
      issuedOn: chinaDate(now),
      evaluator: actor.departmentName,
      draft: false,
    });
    await updateEvaluation(trx, id, {
      status: '已完成',
      finished_at: now,
      finished_by: actor.userId,
      report_pdf: pdf,
      report_digest: createHash('sha256').update(pdf).digest('hex'),
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'performance.finish',
      entityType: 'performance_evaluation',
      entityId: id,
      summary: `完成 ${row.year} 年度履职评价 ${row.evaluation_no}，出具评价结果报告（报告区政府），评价结果不再修改`,
      before: { status: '已计算' },
      after: { status: '已完成', year: row.year },
    });
  });
}
