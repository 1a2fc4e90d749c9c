import type { Db } from '../../db/database';
import { departmentList } from '../../departments/department.service';
import { catalogueForImport, type ChangedBy } from '../../items/supervision-item-bulk.service';
import type { SupervisionItemInput } from '../../items/supervision-item.schemas';
import type { StoredCheck } from './item-check-lines';

/** A stored item as an import row sees it: its values as input (for absent columns), its check items, what links them. */
export interface StoredItem {
  departmentId: number;
  departmentName: string;
  status: string;
  input: SupervisionItemInput;
  /** Every check item of the item, active ones in list order, then withdrawn ones. */
  checks: StoredCheck[];
  /** Codes of check items that a sampling item links (these cannot be removed). */
  linkedCodes: Set<string>;
  /** Active sampling items linking its check items, as “名称”（编码） (the item cannot be stopped). */
  activeSampling: string[];
}

export interface ItemContext {
  departments: Map<string, number>;
  /** The department the importer may write (null = all). */
  scope: number | null;
  existing: Map<string, StoredItem>;
  by: ChangedBy;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Loads once per job what row validation needs: departments, every stored item with its check items and links. */
export async function loadItemContext(db: Db, scope: number | null, by: ChangedBy): Promise<ItemContext> {
  const departments = await departmentList(db);
  const { items, checks, links } = await catalogueForImport(db);
  const nameOf = new Map(departments.map((d) => [d.id, d.name]));
  const checksOf = groupBy(checks, (c) => c.supervision_item_id);
  const linksOf = groupBy(links, (l) => l.supervision_item_id);
  const existing = new Map<string, StoredItem>();
  for (const i of items) {
    const own = checksOf.get(i.id) ?? [];
    const stored: StoredCheck[] = [
      ...own.filter((c) => c.withdrawn_at === null),
      ...own.filter((c) => c.withdrawn_at !== null),
    ].map((c) => ({
      code: c.code,
      content: c.content,
      method: c.method,
      basis: c.basis,
      active: c.withdrawn_at === null,
    }));
    const linked = linksOf.get(i.id) ?? [];
    existing.set(i.code, {
      departmentId: i.department_id,
      departmentName: nameOf.get(i.department_id) ?? '',
      status: i.status,
      input: {
        code: i.code,
        name: i.name,
        departmentId: i.department_id,
        legalBasis: i.legal_basis,
        objectType: i.object_type,
        measures: i.measures,
        process: i.process,
        resultHandling: i.result_handling,
        level: i.level,
        responsibleLeader: i.responsible_leader,
        responsibleUnit: i.responsible_unit,
        responsiblePerson: i.responsible_person,
        licenceItems: i.licence_items,
        source: i.source,
        claimedFrom: i.claimed_from,
        status: i.status,
        checkItems: stored.filter((c) => c.active).map(({ active: _a, ...c }) => c),
      },
      checks: stored,
      linkedCodes: new Set(linked.map((l) => l.code)),
      activeSampling: [
        ...new Set(linked.filter((l) => l.status === '有效').map((l) => `“${l.sampling_name}”（${l.sampling_code}）`)),
      ],
    });
  }
  return {
    departments: new Map(departments.filter((d) => d.status === 'active').map((d) => [d.name, d.id])),
    scope,
    existing,
    by,
  };
}
