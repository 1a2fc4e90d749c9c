import { type Actor, requirePermission } from '../auth/actor';
import { divisionNames } from '../divisions/division.service';
import { industryName } from '../industries/industry-catalog';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { offsetOf } from '../shared/paging';
import type { CreditClass } from '../subjects/subject.table';
import type { z } from 'zod';
import type { chartsView, ResultQuery, resultItem, runView } from './credit-evaluation.schemas';
import { periodLabel } from './credit-period';
import {
  classesByDivision,
  classesByIndustry,
  classesPerPushedRun,
  classMatrix,
  contributionsOf,
  pageResults,
  recordTitles,
} from './credit-results.repository';
import { findRun, findRunByNo, listRuns, modelVersionOf } from './credit-run.repository';
import type { CreditRunRow } from './credit-run.table';
import type { Contribution } from './credit-scoring';

type RunView = z.infer<typeof runView>;
type ResultItem = z.infer<typeof resultItem>;

export async function presentRun(deps: AppDeps, run: CreditRunRow, modelVersion?: number): Promise<RunView> {
  const version = modelVersion ?? (await modelVersionOf(deps.db, run.model_id));
  const previous = run.previous_run_id ? await findRun(deps.db, run.previous_run_id) : undefined;
  return {
    id: run.id,
    runNo: run.run_no,
    period: run.period,
    periodLabel: periodLabel(run.period),
    asOf: run.as_of,
    trigger: run.trigger,
    status: run.status,
    modelVersion: version,
    inputsDigest: run.inputs_digest,
    resultsDigest: run.results_digest,
    subjectCount: run.subject_count,
    recordCount: run.record_count,
    upgraded: run.upgraded,
    downgraded: run.downgraded,
    error: run.error,
    previousRunNo: previous?.run_no ?? null,
    startedAt: run.started_at.toISOString(),
    finishedAt: run.finished_at?.toISOString() ?? null,
    pushedAt: run.pushed_at?.toISOString() ?? null,
  };
}

export async function listCreditRuns(deps: AppDeps, actor: Actor): Promise<RunView[]> {
  requirePermission(actor, 'credit:run:read');
  const runs = await listRuns(deps.db);
  return Promise.all(runs.map((r) => presentRun(deps, r, r.model_version)));
}

export async function runOrThrow(deps: AppDeps, id: number): Promise<CreditRunRow> {
  const run = await findRun(deps.db, id);
  if (!run) throw notFound('信用评价');
  return run;
}

export async function creditRunDetail(deps: AppDeps, actor: Actor, id: number): Promise<RunView> {
  requirePermission(actor, 'credit:run:read');
  return presentRun(deps, await runOrThrow(deps, id));
}

const contributionsOfRow = (value: unknown): Contribution[] | null => (value as Contribution[] | null) ?? null;

/** Why a subject moved: the indicators whose points differ from the previous run, and the records behind them. */
function reasonsOf(now: Contribution[] | null, before: Contribution[] | null, titles: Map<number, string>) {
  const keys = [...new Set([...(now ?? []), ...(before ?? [])].map((c) => c.indicator))];
  return keys.flatMap((key) => {
    const a = before?.find((c) => c.indicator === key);
    const b = now?.find((c) => c.indicator === key);
    if ((a?.points ?? 0) === (b?.points ?? 0)) return [];
    const ids = (b?.recordIds ?? []).filter((id) => !(a?.recordIds ?? []).includes(id));
    const records = (ids.length ? ids : (a?.recordIds ?? []))
      .slice(0, 5)
      .map((id) => titles.get(id) ?? `信用记录 ${id}`);
    return [{ name: (b ?? a)!.name, from: a?.points ?? 0, to: b?.points ?? 0, records }];
  });
}

/** The changed indicators; before the first push the previous class was typed by hand, and that is the reason. */
function whyMoved(
  run: CreditRunRow,
  r: { contributions: unknown; veto: string | null },
  before: Contribution[] | null,
  titles: Map<number, string>,
) {
  const reasons = reasonsOf(contributionsOfRow(r.contributions), before, titles);
  if (run.previous_run_id === null)
    reasons.push({ name: '首次按评价模型计算（原分类为人工设定）', from: 0, to: 0, records: [] });
  if (r.veto) reasons.unshift({ name: `一票否决：${r.veto}`, from: 0, to: 0, records: [] });
  return reasons;
}

async function resultsOfRun(deps: AppDeps, run: CreditRunRow, query: ResultQuery) {
  const page = await pageResults(deps.db, run.id, query, query.pageSize, offsetOf(query));
  const moved = page.items.filter((r) => r.credit_class !== r.previous_class).map((r) => r.subject_id);
  const before = new Map(
    run.previous_run_id
      ? (await contributionsOf(deps.db, run.previous_run_id, moved)).map((r) => [
          r.subject_id,
          contributionsOfRow(r.contributions),
        ])
      : [],
  );
  const ids = page.items.flatMap((r) => [
    ...(contributionsOfRow(r.contributions) ?? []).flatMap((c) => c.recordIds),
    ...(before.get(r.subject_id) ?? []).flatMap((c) => c.recordIds),
  ]);
  const titles = await recordTitles(deps.db, [...new Set(ids)]);
  const items: ResultItem[] = page.items.map((r) => ({
    subjectId: r.subject_id,
    uscc: r.uscc,
    name: r.name,
    divisionCode: r.division_code,
    industryCodes: r.industry_codes,
    score: Number(r.score),
    creditClass: r.credit_class,
    previousClass: r.previous_class,
    veto: r.veto,
    contributions: contributionsOfRow(r.contributions),
    reasons: r.credit_class === r.previous_class ? [] : whyMoved(run, r, before.get(r.subject_id) ?? null, titles),
  }));
  return { items, total: page.total };
}

export async function creditRunResults(deps: AppDeps, actor: Actor, id: number, query: ResultQuery) {
  requirePermission(actor, 'credit:run:read');
  return resultsOfRun(deps, await runOrThrow(deps, id), query);
}

/** For departments' systems (bearer token): a finished run's results by its number, page by page. */
export async function creditRunResultsByNo(deps: AppDeps, actor: Actor, runNo: string, query: ResultQuery) {
  requirePermission(actor, 'credit:run:read');
  const run = await findRunByNo(deps.db, runNo);
  if (!run || run.status === '运行中' || run.status === '失败') throw notFound('已完成的信用评价');
  return resultsOfRun(deps, run, query);
}

const emptyCounts = (): Record<CreditClass, number> => ({ A: 0, B: 0, C: 0, D: 0 });

function countsBy<T extends { key: string; credit_class: CreditClass; n: number }>(rows: readonly T[]) {
  const map = new Map<string, Record<CreditClass, number>>();
  for (const r of rows) {
    const counts = map.get(r.key) ?? emptyCounts();
    counts[r.credit_class] += Number(r.n);
    map.set(r.key, counts);
  }
  return map;
}

export async function creditRunCharts(deps: AppDeps, actor: Actor, id: number): Promise<z.infer<typeof chartsView>> {
  requirePermission(actor, 'credit:run:read');
  const run = await runOrThrow(deps, id);
  const matrix = await classMatrix(deps.db, run.id);
  const distribution = emptyCounts();
  for (const m of matrix) distribution[m.credit_class] += Number(m.n);
  const industries = countsBy(await classesByIndustry(deps.db, run.id));
  const divisions = countsBy(await classesByDivision(deps.db, run.id));
  const names = await divisionNames(deps.db, [...divisions.keys()]);
  const quarterly = new Map<number, { runNo: string; period: string; counts: Record<CreditClass, number> }>();
  for (const r of await classesPerPushedRun(deps.db)) {
    const q = quarterly.get(r.run_id) ?? { runNo: r.run_no, period: periodLabel(r.period), counts: emptyCounts() };
    q.counts[r.credit_class] += Number(r.n);
    quarterly.set(r.run_id, q);
  }
  return {
    distribution,
    matrix: matrix.map((m) => ({ from: m.previous_class ?? '无', to: m.credit_class, count: Number(m.n) })),
    byIndustry: [...industries].map(([key, counts]) => ({ key, name: industryName(key) ?? key, counts })),
    byDivision: [...divisions].map(([key, counts]) => ({ key, name: names.get(key) ?? key, counts })),
    quarterly: [...quarterly.values()],
  };
}
