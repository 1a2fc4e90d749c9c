import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import { industryName } from '../industries/industry-catalog';
import { likeContains, offsetOf } from '../shared/paging';
import type {
  PublicSamplingItem,
  PublicSamplingQuery,
  SamplingItemListQuery,
  SamplingItemView,
} from './sampling-item.schemas';
import type { SamplingItemTable } from './sampling-item.table';

const withDepartment = (db: Db) =>
  db
    .selectFrom('sampling_items as s')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .selectAll('s')
    .select('d.name as department_name');
type Row = Awaited<ReturnType<ReturnType<typeof withDepartment>['executeTakeFirstOrThrow']>>;
type Linked = SamplingItemView['checkItems'][number];

async function linksOf(db: Db, samplingIds: number[]): Promise<Map<number, Linked[]>> {
  const links = new Map<number, Linked[]>(samplingIds.map((id) => [id, []]));
  if (!samplingIds.length) return links;
  const rows = await db
    .selectFrom('sampling_item_check_items as l')
    .innerJoin('check_items as c', 'c.id', 'l.check_item_id')
    .innerJoin('supervision_items as i', 'i.id', 'c.supervision_item_id')
    .select([
      'l.sampling_item_id',
      'c.id',
      'c.code',
      'c.content',
      'c.method',
      'i.id as item_id',
      'i.code as item_code',
      'i.name as item_name',
    ])
    .where('l.sampling_item_id', 'in', samplingIds)
    .orderBy('i.code')
    .orderBy('c.sort_order')
    .execute();
  for (const r of rows) {
    links.get(r.sampling_item_id)!.push({
      id: r.id,
      code: r.code,
      content: r.content,
      method: r.method,
      supervisionItemId: r.item_id,
      supervisionItemCode: r.item_code,
      supervisionItemName: r.item_name,
    });
  }
  return links;
}

const present = (r: Row, checkItems: Linked[]): SamplingItemView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  departmentId: r.department_id,
  departmentName: r.department_name,
  checkItems,
  basis: r.basis,
  scope: r.scope,
  method: r.method,
  ratios: r.ratios,
  frequency: r.frequency,
  inspectorRequirements: r.inspector_requirements,
  aClassExempt: r.a_class_exempt,
  published: r.published,
  publishedAt: r.published_at?.toISOString() ?? null,
  status: r.status,
  updatedAt: r.updated_at.toISOString(),
});

export async function loadSamplingView(db: Db, id: number): Promise<SamplingItemView | undefined> {
  const row = await withDepartment(db).where('s.id', '=', id).executeTakeFirst();
  return row ? present(row, (await linksOf(db, [id])).get(id)!) : undefined;
}

export async function searchSampling(
  db: Db,
  query: SamplingItemListQuery,
): Promise<{ items: SamplingItemView[]; total: number }> {
  let q = withDepartment(db);
  if (query.q)
    q = q.where((eb) =>
      eb.or([eb('s.name', 'like', likeContains(query.q!)), eb('s.code', 'ilike', likeContains(query.q!))]),
    );
  if (query.departmentId) q = q.where('s.department_id', '=', query.departmentId);
  if (query.published !== undefined) q = q.where('s.published', '=', query.published);
  if (query.status) q = q.where('s.status', '=', query.status);
  const { n } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('s.department_id')
    .orderBy('s.code')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, links.get(r.id)!)), total: Number(n) };
}

export const insertSampling = (db: Db, values: Insertable<SamplingItemTable>) =>
  db.insertInto('sampling_items').values(values).returning('id').executeTakeFirstOrThrow();
export const updateSampling = (db: Db, id: number, values: Updateable<SamplingItemTable>) =>
  db.updateTable('sampling_items').set(values).where('id', '=', id).execute();

export async function setLinks(db: Db, samplingId: number, checkItemIds: number[]): Promise<void> {
  await db.deleteFrom('sampling_item_check_items').where('sampling_item_id', '=', samplingId).execute();
  if (checkItemIds.length)
    await db
      .insertInto('sampling_item_check_items')
      .values(checkItemIds.map((check_item_id) => ({ sampling_item_id: samplingId, check_item_id })))
      .execute();
}

/** Published, active sampling items as the public portal lists them; tag and industry codes come with their names. */
export async function publicSampling(
  db: Db,
  query: PublicSamplingQuery,
): Promise<{ items: PublicSamplingItem[]; total: number }> {
  let q = withDepartment(db).where('s.published', '=', true).where('s.status', '=', '有效');
  if (query.q) q = q.where('s.name', 'like', likeContains(query.q));
  if (query.departmentId) q = q.where('s.department_id', '=', query.departmentId);
  const { n } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('s.department_id')
    .orderBy('s.code')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  const tagCodes = [...new Set(rows.flatMap((r) => r.scope.tags))];
  const tagNames = new Map(
    tagCodes.length
      ? (await db.selectFrom('tags').select(['code', 'name']).where('code', 'in', tagCodes).execute()).map((t) => [
          t.code,
          t.name,
        ])
      : [],
  );
  const items = rows.map((r) => ({
    code: r.code,
    name: r.name,
    departmentName: r.department_name,
    basis: r.basis,
    content: links.get(r.id)!.map((c) => c.content),
    scope: {
      industries: r.scope.industries.map((code) => ({ code, name: industryName(code) ?? code })),
      tags: r.scope.tags.map((code) => ({ code, name: tagNames.get(code) ?? code })),
      subjectKinds: r.scope.subjectKinds,
      divisions: r.scope.divisions,
    },
    method: r.method,
    frequency: r.frequency,
    publishedAt: r.published_at!.toISOString(),
  }));
  return { items, total: Number(n) };
}

export const findSamplingByCode = (db: Db, code: string) =>
  db.selectFrom('sampling_items').select(['id', 'name']).where('code', '=', code).executeTakeFirst();

export async function allSamplingCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('sampling_items').select('code').execute()).map((s) => s.code);
}
