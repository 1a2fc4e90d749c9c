import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import { offsetOf } from '../shared/paging';
import type { KnowledgeQuery } from './knowledge.schemas';
import type { KnowledgeEntryTable } from './portal-content.table';

const withNames = (db: Db) =>
  db
    .selectFrom('knowledge_entries as k')
    .innerJoin('departments as d', 'd.id', 'k.department_id')
    .selectAll('k')
    .select('d.name as department_name');

export const findEntry = (db: Db, id: number) => withNames(db).where('k.id', '=', id).executeTakeFirst();
export const lockEntry = (db: Db, id: number) =>
  db.selectFrom('knowledge_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/**
 * Entries in which every term occurs in the normalised title, document number or body, ranked: a term in the title
 * counts 100, in the document number 80, each occurrence in the body 1 (at most 20 per term); ties by the newer
 * date of publication. Without terms: newest first.
 */
export async function searchEntries(
  db: Db,
  terms: string[],
  q: Omit<KnowledgeQuery, 'q'>,
  scopeDepartmentId: number | null = null,
) {
  let base = withNames(db);
  if (scopeDepartmentId !== null) base = base.where('k.department_id', '=', scopeDepartmentId);
  if (q.category) base = base.where('k.category', '=', q.category);
  if (q.validity) base = base.where('k.validity', '=', q.validity);
  for (const t of terms)
    base = base.where(
      sql<boolean>`(strpos(k.search_title, ${t}) > 0 OR strpos(k.search_doc_no, ${t}) > 0 OR strpos(k.search_body, ${t}) > 0)`,
    );
  const { n } = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const score = terms.length
    ? sql.join(
        terms.map(
          (t) =>
            sql`(CASE WHEN strpos(k.search_title, ${t}) > 0 THEN 100 ELSE 0 END
              + CASE WHEN strpos(k.search_doc_no, ${t}) > 0 THEN 80 ELSE 0 END
              + LEAST(20, (length(k.search_body) - length(replace(k.search_body, ${t}, ''))) / ${[...t].length}))`,
        ),
        sql` + `,
      )
    : null;
  // Without terms there is nothing to rank by (a constant in ORDER BY would be read as a column position).
  const ranked = score ? base.orderBy(score, 'desc') : base;
  const rows = await ranked
    .orderBy(sql`coalesce(k.issued_on, k.effective_on)`, (ob) => ob.desc().nullsLast())
    .orderBy('k.id', 'desc')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { rows, total: Number(n) };
}

export const insertEntry = (db: Db, values: Insertable<KnowledgeEntryTable>) =>
  db.insertInto('knowledge_entries').values(values).returning('id').executeTakeFirstOrThrow();

export async function updateEntry(db: Db, id: number, values: Updateable<KnowledgeEntryTable>): Promise<void> {
  await db.updateTable('knowledge_entries').set(values).where('id', '=', id).execute();
}

/** Supervision items by code (related items of an entry), active or not: the link names what the entry cites. */
export const itemsByCode = (db: Db, codes: string[]) =>
  codes.length
    ? db.selectFrom('supervision_items').select(['id', 'code', 'name', 'status']).where('code', 'in', codes).execute()
    : Promise.resolve([]);
