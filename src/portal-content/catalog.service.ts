import { industryCatalog, industryName } from '../industries/industry-catalog';
import { itemLevels } from '../items/supervision-item.schemas';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { CatalogQuery } from './catalog.schemas';
import { activeCheckItems, catalogDepartments, findCatalogItem, listCatalogItems } from './catalog.repository';
import { industriesOfItem, itemIdsForIndustry } from './guide-assembly';
import { applicabilityRows } from './guide.repository';

/** 监管事项目录清单 on the portal: every active item of every department, with its check implementation list. */
export async function catalogItems(deps: AppDeps, q: CatalogQuery) {
  const rows = await applicabilityRows(deps.db);
  const ids = q.industry ? itemIdsForIndustry(rows, q.industry) : null;
  const page = await listCatalogItems(deps.db, q, ids);
  return {
    total: page.total,
    items: page.rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      departmentName: r.department_name,
      level: r.level,
      objectType: r.object_type,
      checkItemCount: Number(r.check_count ?? 0),
      industries: industriesOfItem(rows, Number(r.id)),
    })),
  };
}

export async function catalogItem(deps: AppDeps, id: number) {
  const item = await findCatalogItem(deps.db, id);
  if (!item) throw notFound('监管事项');
  const [checks, rows] = await Promise.all([activeCheckItems(deps.db, id), applicabilityRows(deps.db)]);
  return {
    id: Number(item.id),
    code: item.code,
    name: item.name,
    departmentName: item.department_name,
    level: item.level,
    objectType: item.object_type,
    checkItemCount: checks.length,
    industries: industriesOfItem(rows, id),
    legalBasis: item.legal_basis,
    measures: item.measures,
    process: item.process,
    resultHandling: item.result_handling,
    responsibleUnit: item.responsible_unit,
    source: item.source,
    licenceItems: item.licence_items,
    updatedAt: item.updated_at.toISOString(),
    checkItems: checks,
  };
}

/** The filter choices: departments with items, the levels, and the divisions some item's scope names. */
export async function catalogFilters(deps: AppDeps) {
  const [departments, rows] = await Promise.all([catalogDepartments(deps.db), applicabilityRows(deps.db)]);
  const divisions = new Set<string>();
  for (const r of rows)
    for (const code of r.industries) {
      if (/^\d{2,4}$/.test(code)) divisions.add(code.slice(0, 2));
      else for (const i of industryCatalog().values()) if (i.level === 2 && i.section === code) divisions.add(i.code);
    }
  return {
    departments: departments.map((d) => ({ id: Number(d.id), name: d.name, itemCount: Number(d.n) })),
    levels: [...itemLevels],
    industries: [...divisions].sort().map((code) => ({ code, name: industryName(code) ?? code })),
  };
}
