import { type Insertable, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { industryName } from '../industries/industry-catalog';
import { AppError } from '../shared/app-error';
import { likeContains, offsetOf } from '../shared/paging';
import { SUBJECT_COUNT_CAP, type SubjectListQuery, type SubjectView } from './subject.schemas';
import type { SubjectRow, SubjectTable } from './subject.table';

type SubjectQuery = SelectQueryBuilder<Database, 'subjects', object>;

/** Applies the list filters; every branch can use an index (USCC unique, trigram, bigram GIN, scope GIN, btree). */
export function filtered(db: Db, query: SubjectListQuery): SubjectQuery {
  let q: SubjectQuery = db.selectFrom('subjects');
  const text = query.q?.replace(/\s+/g, '');
  if (text) {
    if (/^[0-9A-Za-z]{18}$/.test(text)) q = q.where('uscc', '=', text.toUpperCase());
    else if ([...text].length < 2)
      throw new AppError('VALIDATION', '名称关键字请至少输入 2 个字', [{ field: 'q', message: '至少 2 个字' }]);
    else if ([...text].length === 2) q = q.where(sql<boolean>`name_bigrams @> ARRAY[${text}]::text[]`);
    else q = q.where('name', 'like', likeContains(text));
  }
  if (query.industry) q = q.where(sql<boolean>`industry_scope @> ARRAY[${query.industry.toUpperCase()}]::text[]`);
  if (query.division) q = q.where('division_code', 'like', `${query.division}%`);
  if (query.tag) {
    const tag = query.tag;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('subject_tags as st')
          .innerJoin('tags as tg', 'tg.id', 'st.tag_id')
          .whereRef('st.subject_id', '=', 'subjects.id')
          .where('tg.code', '=', tag),
      ),
    );
  }
  if (query.creditClass) q = q.where('credit_class', '=', query.creditClass);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.whitelisted !== undefined) q = q.where('whitelisted', '=', query.whitelisted);
  if (query.keyTarget !== undefined) q = q.where('key_target', '=', query.keyTarget);
  if (query.flagged !== undefined) q = q.where('uscc_problem', query.flagged ? 'is not' : 'is', null);
  return q;
}

export async function searchSubjects(
  db: Db,
  query: SubjectListQuery,
): Promise<{ items: SubjectView[]; total: number; totalCapped: boolean }> {
  if (query.page * query.pageSize > SUBJECT_COUNT_CAP) {
    throw new AppError('VALIDATION', `列表最多翻阅前 ${SUBJECT_COUNT_CAP} 条，请增加筛选条件缩小范围`, [
      { field: 'page', message: '页码过大' },
    ]);
  }
  const base = filtered(db, query);
  const { n } = await db
    .selectFrom(
      base
        .select(sql`1`.as('one'))
        .limit(SUBJECT_COUNT_CAP + 1)
        .as('t'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(query.pageSize).offset(offsetOf(query)).execute();
  const total = Number(n);
  return {
    items: rows.map(presentSubject),
    total: Math.min(total, SUBJECT_COUNT_CAP),
    totalCapped: total > SUBJECT_COUNT_CAP,
  };
}

export function presentSubject(row: SubjectRow): SubjectView {
  return {
    id: Number(row.id),
    uscc: row.uscc,
    usccProblem: row.uscc_problem,
    legacyRegNo: row.legacy_reg_no,
    name: row.name,
    kind: row.kind,
    legalRepresentative: row.legal_representative,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    divisionCode: row.division_code,
    registeredAddress: row.registered_address,
    businessAddress: row.business_address,
    businessScope: row.business_scope,
    industries: row.industry_codes.map((code) => ({ code, name: industryName(code) })),
    registrationDate: row.registration_date,
    status: row.status,
    creditClass: row.credit_class,
    industryRisk: row.industry_risk,
    whitelisted: row.whitelisted,
    keyTarget: row.key_target,
    keyTargetReason: row.key_target_reason,
    updatedAt: row.updated_at.toISOString(),
  };
}

export const findSubject = (db: Db, id: number) =>
  db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
export const findSubjectByUscc = (db: Db, uscc: string) =>
  db.selectFrom('subjects').selectAll().where('uscc', '=', uscc).executeTakeFirst();

export const insertSubject = (db: Db, values: Insertable<SubjectTable>) =>
  db.insertInto('subjects').values(values).returningAll().executeTakeFirstOrThrow();
export const updateSubject = (db: Db, id: number, values: Updateable<SubjectTable>) =>
  db.updateTable('subjects').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/**
 * Inserts the rows, or updates the `changed` columns of a subject with the same USCC when any of them differs.
 * Returns one entry per written row: `inserted` true for a new subject (xmax = 0), false for an update.
 */
export async function upsertSubjectsByUscc(
  trx: Db,
  rows: Insertable<SubjectTable>[],
  changed: (keyof SubjectTable)[],
): Promise<{ inserted: boolean }[]> {
  const set = Object.fromEntries([...changed, 'updated_at'].map((c) => [c, sql.ref(`excluded.${c}`)]));
  return trx
    .insertInto('subjects')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('uscc')
        .doUpdateSet(set)
        .where(
          sql<boolean>`(${sql.join(changed.map((c) => sql.ref(`subjects.${c}`)))}) IS DISTINCT FROM (${sql.join(changed.map((c) => sql.ref(`excluded.${c}`)))})`,
        ),
    )
    .returning(sql<boolean>`xmax::text = '0'`.as('inserted'))
    .execute();
}

/** One keyset page of the subjects the list's filters select, by increasing id. */
export const subjectsMatchingAfter = (db: Db, query: SubjectListQuery, afterId: number, limit: number) =>
  filtered(db, query).selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();

/** The credit class, whitelist flag and risk levels of one subject (field ownership in the import). */
export const findOwnedValues = (db: Db, uscc: string) =>
  db
    .selectFrom('subjects')
    .select(['credit_class', 'whitelisted', 'industry_risk'])
    .where('uscc', '=', uscc)
    .executeTakeFirst();

/** A keyset page (by id) of the subjects whose credit class, whitelist flag or risk levels are set. */
export const ownedValuesPage = (db: Db, afterId: number, limit: number) =>
  db
    .selectFrom('subjects')
    .select(['id', 'uscc', 'credit_class', 'whitelisted', 'industry_risk'])
    .where((eb) =>
      eb.or([
        eb('credit_class', 'is not', null),
        eb('whitelisted', '=', true),
        sql<boolean>`industry_risk <> '{}'::jsonb`,
      ]),
    )
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
