import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { TagView } from './tag.schemas';
import type { TagRow, TagTable } from './tag.table';
import type { Insertable, Updateable } from 'kysely';

const isActive = (row: Pick<TagRow, 'valid_from' | 'valid_to'>, today: string) =>
  row.valid_from <= today && (row.valid_to === null || row.valid_to >= today);

export function presentTag(row: TagRow & { department_name: string }, subjectCount: number, today: string): TagView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    meaning: row.meaning,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    active: isActive(row, today),
    ruleIndustries: row.rule_industries,
    ruleKeywords: row.rule_keywords,
    subjectCount,
  };
}

export const tagsWithDepartment = (db: Db) =>
  db
    .selectFrom('tags as t')
    .innerJoin('departments as d', 'd.id', 't.department_id')
    .selectAll('t')
    .select('d.name as department_name');

export async function listTags(db: Db, departmentId: number | null, today: string): Promise<TagView[]> {
  let q = tagsWithDepartment(db).select((eb) =>
    eb
      .selectFrom('subject_tags as st')
      .whereRef('st.tag_id', '=', 't.id')
      .select(eb.fn.countAll<number>().as('n'))
      .as('subject_count'),
  );
  if (departmentId !== null) q = q.where('t.department_id', '=', departmentId);
  const rows = await q.orderBy('t.department_id').orderBy('t.id').execute();
  return rows.map((r) => presentTag(r, Number(r.subject_count ?? 0), today));
}

/**
 * Re-evaluates a tag's rule: adds subjects that now match, removes rule-assigned subjects that no
 * longer match; subjects tagged by list stay. Two statements, each using the GIN / trigram indexes.
 */
export async function applyTagRule(db: Db, tag: TagRow, now: Date): Promise<{ added: number; removed: number }> {
  const matches = sql<boolean>`(s.industry_scope && ${tag.rule_industries}::text[] OR s.business_scope LIKE ANY (${tag.rule_keywords.map(likeContains)}::text[]))`;
  const removed = await sql`
    DELETE FROM subject_tags st USING subjects s
    WHERE st.tag_id = ${tag.id} AND st.source = 'rule' AND s.id = st.subject_id AND NOT ${matches}`.execute(db);
  const added = await sql`
    INSERT INTO subject_tags (subject_id, tag_id, source, assigned_at)
    SELECT s.id, ${tag.id}, 'rule', ${now} FROM subjects s WHERE s.status = '存续' AND ${matches}
    ON CONFLICT (tag_id, subject_id) DO NOTHING`.execute(db);
  return { added: Number(added.numAffectedRows ?? 0), removed: Number(removed.numAffectedRows ?? 0) };
}

export async function tagsOfSubject(db: Db, subjectId: number) {
  return tagsWithDepartment(db)
    .innerJoin('subject_tags as st', 'st.tag_id', 't.id')
    .select(['st.source', 'st.assigned_at'])
    .where('st.subject_id', '=', subjectId)
    .orderBy('t.name')
    .execute();
}

export async function countTaggedSubjects(db: Db, tagId: number): Promise<number> {
  const { n } = await db
    .selectFrom('subject_tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tag_id', '=', tagId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export const findTagIdByCode = (db: Db, code: string) =>
  db.selectFrom('tags').select('id').where('code', '=', code).executeTakeFirst();

export async function insertTag(db: Db, values: Insertable<TagTable>): Promise<number> {
  const row = await db.insertInto('tags').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTag(db: Db, id: number, values: Updateable<TagTable>): Promise<void> {
  await db.updateTable('tags').set(values).where('id', '=', id).execute();
}

/** Register subjects with these USCCs (reading the subjects register to resolve a list). */
export const subjectsByUscc = (db: Db, usccs: string[]) =>
  db.selectFrom('subjects').select(['id', 'uscc']).where('uscc', 'in', usccs).execute();

/** Tags the subjects by list; those already tagged are left as they are. Returns how many were added. */
export async function insertListTags(db: Db, tagId: number, subjectIds: number[], now: Date): Promise<number> {
  if (subjectIds.length === 0) return 0;
  const inserted = await db
    .insertInto('subject_tags')
    .values(subjectIds.map((subject_id) => ({ subject_id, tag_id: tagId, source: 'list' as const, assigned_at: now })))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0);
}

/** Removes one subject's tag; false when the subject did not carry it. */
export async function deleteSubjectTag(db: Db, tagId: number, subjectId: number): Promise<boolean> {
  const removed = await db
    .deleteFrom('subject_tags')
    .where('tag_id', '=', tagId)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

export async function existingTagCodes(db: Db, codes: string[]): Promise<string[]> {
  return (await db.selectFrom('tags').select('code').where('code', 'in', codes).execute()).map((t) => t.code);
}
