import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { CaseStatus } from './dual-notice.schemas';

/**
 * Where the 双告知 of a registration stands (第八条、第四十二条、第四十三条), one SQL expression so the workbench can
 * filter and count by it: 注销 is information only; no item leaves the registration in the shared pool; a 前置审批
 * needs no 告知书 or 承诺书; otherwise the 告知书, the signed 承诺书 and, for high-risk items, every joint-review
 * opinion 同意.
 */
const statusSql = sql<CaseStatus>`CASE
  WHEN r.event = '注销' THEN '注销告知'
  WHEN NOT EXISTS (SELECT 1 FROM dual_notice_case_items i WHERE i.registration_id = r.id AND i.removed_at IS NULL) THEN '共享池'
  WHEN r.prior_approval THEN '前置审批'
  WHEN c.notice_no IS NULL THEN '待出具告知书'
  WHEN NOT EXISTS (SELECT 1 FROM dual_notice_commitments m WHERE m.registration_id = r.id) THEN '待签署承诺书'
  WHEN EXISTS (SELECT 1 FROM dual_notice_joint_reviews j WHERE j.registration_id = r.id AND j.opinion = '不同意') THEN '联合审核未通过'
  WHEN EXISTS (SELECT 1 FROM dual_notice_joint_reviews j WHERE j.registration_id = r.id AND j.opinion IS NULL) THEN '待联合审核'
  ELSE '已完成' END`;

const casesQuery = (db: Db) =>
  db
    .selectFrom('business_registrations as r')
    .innerJoin('dual_notice_cases as c', 'c.registration_id', 'r.id')
    .select([
      'r.id',
      'r.registration_no',
      'r.event',
      'r.name',
      'r.uscc',
      'r.registered_on',
      'r.prior_approval',
      'r.legal_representative',
      'r.business_scope',
      'r.industry_codes',
      'r.address',
      'r.division_code',
      'r.registration_authority',
      'c.catalog_version_id',
      'c.notice_no',
      'c.notice_issued_at',
      'c.created_at',
      statusSql.as('status'),
      sql<boolean>`EXISTS (SELECT 1 FROM dual_notice_commitments m WHERE m.registration_id = r.id)`.as('committed'),
      sql<number>`(SELECT count(*) FROM registration_pushes p WHERE p.registration_id = r.id)`.as('pushes'),
      sql<number>`(SELECT count(*) FROM registration_pushes p WHERE p.registration_id = r.id AND p.acknowledged_at IS NOT NULL)`.as(
        'acknowledged',
      ),
    ]);

export async function pageCases(db: Db, f: { status?: CaseStatus; keyword?: string; limit: number; offset: number }) {
  let q = db.selectFrom(casesQuery(db).as('x')).selectAll();
  if (f.status) q = q.where('x.status', '=', f.status);
  if (f.keyword) {
    const k = likeContains(f.keyword);
    q = q.where((eb) => eb.or([eb('x.name', 'like', k), eb('x.uscc', 'like', k), eb('x.registration_no', 'like', k)]));
  }
  const total = await db
    .selectFrom(q.as('y'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('x.created_at', 'desc')
    .orderBy('x.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total.n), rows };
}

export const findCaseRow = (db: Db, registrationId: number) =>
  casesQuery(db).where('r.id', '=', registrationId).executeTakeFirst();

export const activeItemsOf = (db: Db, registrationIds: number[]) =>
  registrationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('dual_notice_case_items')
        .select(['registration_id', 'code', 'name', 'high_risk'])
        .where('registration_id', 'in', registrationIds)
        .where('removed_at', 'is', null)
        .orderBy('code')
        .execute();

export const catalogVersionNo = (db: Db, id: number) =>
  db.selectFrom('dual_notice_catalog_versions').select('version_no').where('id', '=', id).executeTakeFirst();

/** Joint reviews waiting for the department's opinion. */
export const pendingReviewsOf = (db: Db, departmentId: number | null) => {
  let q = db
    .selectFrom('dual_notice_joint_reviews as j')
    .innerJoin('business_registrations as r', 'r.id', 'j.registration_id')
    .select(['j.registration_id', 'j.item_codes', 'r.registration_no', 'r.name', 'r.uscc', 'r.business_scope'])
    .where('j.opinion', 'is', null);
  if (departmentId !== null) q = q.where('j.department_id', '=', departmentId);
  return q.orderBy('j.registration_id', 'desc').limit(200).execute();
};
