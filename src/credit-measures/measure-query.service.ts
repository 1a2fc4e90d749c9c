import { type Actor, requirePermission } from '../auth/actor';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf, type Page } from '../shared/paging';
import { measureCode, presentMeasure } from './measure-presenter';
import { countActiveCases, departmentNameMap, findMeasure, measureVersions, pageMeasures } from './measure.repository';
import type { MeasureQuery, MeasureView, PublicMeasure } from './measure.schemas';

/** The list as staff see it (every status); anyone with credit:measure:read. */
export async function listMeasures(deps: AppDeps, actor: Actor, query: MeasureQuery): Promise<Page<MeasureView>> {
  requirePermission(actor, 'credit:measure:read');
  const { total, rows } = await pageMeasures(deps.db, {
    kind: query.kind,
    status: query.status,
    keyword: query.keyword,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  const names = await departmentNameMap(deps.db);
  return { total, items: rows.map((r) => presentMeasure(r, names, Number(r.active_cases))) };
}

export async function measureDetail(deps: AppDeps, actor: Actor, id: number) {
  requirePermission(actor, 'credit:measure:read');
  const row = await findMeasure(deps.db, id);
  if (!row) throw notFound('联合奖惩措施');
  const active = await countActiveCases(deps.db, id, chinaDate(deps.clock.now()));
  const versions = await measureVersions(deps.db, id);
  return {
    ...presentMeasure(row, await departmentNameMap(deps.db), active),
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      note: v.note,
      changedBy: v.changed_by_name,
      changedAt: v.changed_at.toISOString(),
    })),
  };
}

/**
 * The published list on the public portal (no login): public measures only, as they stand now
 * (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条：除法律法规另有规定外，联合奖惩措施清单向社会公开).
 */
export async function publicMeasures(
  deps: AppDeps,
  query: { kind?: MeasureView['kind']; keyword?: string; page: number; pageSize: number },
): Promise<Page<PublicMeasure>> {
  const { total, rows } = await pageMeasures(deps.db, {
    kind: query.kind,
    keyword: query.keyword,
    publicOnly: true,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  const names = await departmentNameMap(deps.db);
  return {
    total,
    items: rows.map((r) => ({
      code: measureCode(r.kind, Number(r.id)),
      kind: r.kind,
      matter: r.matter,
      target: r.target,
      means: r.means,
      departments: r.department_ids.map((id) => names.get(Number(id)) ?? `部门 ${id}`),
      legalBasis: r.legal_basis,
      version: r.version,
      publishedOn: r.published_at ? chinaDate(r.published_at) : null,
    })),
  };
}
