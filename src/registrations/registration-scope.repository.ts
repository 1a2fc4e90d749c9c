import type { Db } from '../db/database';

/** The department's sampling items among `codes`, with their object scope. */
export async function samplingItemScopes(db: Db, departmentId: number, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('sampling_items')
    .select(['code', 'name', 'scope'])
    .where('department_id', '=', departmentId)
    .where('code', 'in', [...codes])
    .execute();
}

/** The department's sampling items among `codes`, with what they ask of inspectors. */
export async function samplingItemRequirements(db: Db, departmentId: number, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('sampling_items')
    .select(['code', 'inspector_requirements'])
    .where('department_id', '=', departmentId)
    .where('code', 'in', [...codes])
    .execute();
}
