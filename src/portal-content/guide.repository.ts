import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { ApplicabilityRow } from './guide-assembly';
import type { IndustryGuideLeadTable, IndustryGuideTable } from './portal-content.table';

/**
 * Every active check item linked to an active random-check item, with the scope's industries: the sampling item's
 * own GB/T 4754 codes, or when it names none, the rule industries of its tags (guide-assembly.ts explains the link).
 */
export async function applicabilityRows(db: Db): Promise<ApplicabilityRow[]> {
  const [rows, tags] = await Promise.all([
    db
      .selectFrom('sampling_items as s')
      .innerJoin('sampling_item_check_items as l', 'l.sampling_item_id', 's.id')
      .innerJoin('check_items as c', 'c.id', 'l.check_item_id')
      .innerJoin('supervision_items as i', 'i.id', 'c.supervision_item_id')
      .innerJoin('departments as d', 'd.id', 'i.department_id')
      .select([
        's.scope',
        'i.id as item_id',
        'i.code as item_code',
        'i.name as item_name',
        'i.legal_basis',
        'd.name as department_name',
        'c.id as check_id',
        'c.code as check_code',
        'c.content',
        'c.method',
        'c.basis',
        'c.sort_order',
      ])
      .where('s.status', '=', '有效')
      .where('i.status', '=', '有效')
      .where('c.withdrawn_at', 'is', null)
      .orderBy('i.code')
      .orderBy('c.sort_order')
      .execute(),
    db.selectFrom('tags').select(['code', 'rule_industries']).execute(),
  ]);
  const tagIndustries = new Map(tags.map((t) => [t.code, t.rule_industries]));
  return rows.map((r) => ({
    itemId: Number(r.item_id),
    itemCode: r.item_code,
    itemName: r.item_name,
    departmentName: r.department_name,
    legalBasis: r.legal_basis,
    checkItemId: Number(r.check_id),
    checkCode: r.check_code,
    checkContent: r.content,
    checkMethod: r.method,
    checkBasis: r.basis,
    checkSort: r.sort_order,
    industries: r.scope.industries.length
      ? r.scope.industries
      : [...new Set(r.scope.tags.flatMap((t) => tagIndustries.get(t) ?? []))],
  }));
}

const leadsWithNames = (db: Db) =>
  db
    .selectFrom('industry_guide_leads as l')
    .innerJoin('departments as d', 'd.id', 'l.department_id')
    .select(['l.industry_code', 'l.department_id', 'd.name as department_name']);

export const findLead = (db: Db, code: string) =>
  leadsWithNames(db).where('l.industry_code', '=', code).executeTakeFirst();
export const listLeads = (db: Db) => leadsWithNames(db).orderBy('l.industry_code').execute();

export async function upsertLead(db: Db, values: Insertable<IndustryGuideLeadTable>): Promise<void> {
  await db
    .insertInto('industry_guide_leads')
    .values(values)
    .onConflict((oc) =>
      oc.column('industry_code').doUpdateSet({
        department_id: values.department_id,
        assigned_by: values.assigned_by,
        assigned_at: values.assigned_at,
      }),
    )
    .execute();
}

const versionsWithNames = (db: Db) =>
  db
    .selectFrom('industry_guides as g')
    .innerJoin('departments as d', 'd.id', 'g.department_id')
    .leftJoin('users as u', 'u.id', 'g.published_by')
    .selectAll('g')
    .select(['d.name as department_name', 'u.name as published_by_name']);

/** Every version of an industry's guide, newest first. */
export const guideVersions = (db: Db, code: string) =>
  versionsWithNames(db).where('g.industry_code', '=', code).orderBy('g.version', 'desc').execute();

export const lockDraft = (db: Db, code: string) =>
  db
    .selectFrom('industry_guides')
    .selectAll()
    .where('industry_code', '=', code)
    .where('status', '=', '草稿')
    .forUpdate()
    .executeTakeFirst();

export async function lastVersionNo(db: Db, code: string): Promise<number> {
  const row = await db
    .selectFrom('industry_guides')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('industry_code', '=', code)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export const insertGuide = (db: Db, values: Insertable<IndustryGuideTable>) =>
  db.insertInto('industry_guides').values(values).returning('id').executeTakeFirstOrThrow();

export async function updateDraft(db: Db, id: number, values: Updateable<IndustryGuideTable>): Promise<void> {
  await db.updateTable('industry_guides').set(values).where('id', '=', id).where('status', '=', '草稿').execute();
}

/** The newest published version of each industry (the portal's list), or of one industry. */
export async function latestPublished(db: Db, code?: string) {
  let q = versionsWithNames(db)
    .where('g.status', '=', '已发布')
    .where('g.version', '=', (eb) =>
      eb
        .selectFrom('industry_guides as g2')
        .select((e) => e.fn.max('g2.version').as('v'))
        .where('g2.industry_code', '=', eb.ref('g.industry_code'))
        .where('g2.status', '=', '已发布'),
    );
  if (code) q = q.where('g.industry_code', '=', code);
  return q.orderBy('g.industry_code').execute();
}

/** The industries with a published guide. */
export async function guidedIndustries(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('industry_guides')
    .select('industry_code')
    .distinct()
    .where('status', '=', '已发布')
    .execute();
  return new Set(rows.map((r) => r.industry_code));
}

/** A subject's GB/T 4754 codes (the 检查码's subject). */
export async function subjectIndustryCodes(db: Db, subjectId: number): Promise<string[]> {
  const row = await db.selectFrom('subjects').select('industry_codes').where('id', '=', subjectId).executeTakeFirst();
  return row?.industry_codes ?? [];
}
