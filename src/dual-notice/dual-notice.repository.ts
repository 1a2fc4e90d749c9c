import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { DualNoticeCaseItemTable, DualNoticeCommitmentTable } from './dual-notice.table';
import type { RegistrationPushTable } from './registration-push.table';

export const findRegistration = (db: Db, id: number) =>
  db.selectFrom('business_registrations').selectAll().where('id', '=', id).executeTakeFirst();

export const lockCase = (db: Db, registrationId: number) =>
  db
    .selectFrom('dual_notice_cases')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .forUpdate()
    .executeTakeFirst();

export const insertCase = (db: Db, registrationId: number, versionId: number | null, now: Date) =>
  db
    .insertInto('dual_notice_cases')
    .values({ registration_id: registrationId, catalog_version_id: versionId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('registration_id').doUpdateSet({ catalog_version_id: versionId, updated_at: now }))
    .execute();

export const setNoticeIssued = (db: Db, registrationId: number, noticeNo: string, by: number, at: Date) =>
  db
    .updateTable('dual_notice_cases')
    .set({ notice_no: noticeNo, notice_issued_at: at, notice_issued_by: by, updated_at: at })
    .where('registration_id', '=', registrationId)
    .execute();

export const caseItemsOf = (db: Db, registrationId: number) =>
  db
    .selectFrom('dual_notice_case_items')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .orderBy('code')
    .execute();

export const insertCaseItems = (db: Db, rows: Insertable<DualNoticeCaseItemTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('dual_notice_case_items')
        .values(rows)
        .onConflict((oc) => oc.columns(['registration_id', 'code']).doNothing())
        .execute();

export const markCaseItemRemoved = (
  db: Db,
  registrationId: number,
  code: string,
  by: number,
  at: Date,
  reason: string,
) =>
  db
    .updateTable('dual_notice_case_items')
    .set({ removed_at: at, removed_by: by, removed_reason: reason })
    .where('registration_id', '=', registrationId)
    .where('code', '=', code)
    .execute();

export const restoreCaseItem = (db: Db, registrationId: number, code: string, by: number, reason: string) =>
  db
    .updateTable('dual_notice_case_items')
    .set({
      removed_at: null,
      removed_by: null,
      removed_reason: '',
      source: '人工添加',
      added_by: by,
      added_reason: reason,
    })
    .where('registration_id', '=', registrationId)
    .where('code', '=', code)
    .execute();

/** Issued 告知书 this year so far, for the next number. */
export async function countNoticesWithPrefix(db: Db, prefix: string): Promise<number> {
  const r = await db
    .selectFrom('dual_notice_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('notice_no', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const pushesOf = (db: Db, registrationId: number) =>
  db
    .selectFrom('registration_pushes as p')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .leftJoin('divisions as v', 'v.code', 'p.division_code')
    .leftJoin('users as u', 'u.id', 'p.acknowledged_by')
    .select([
      'p.id',
      'p.department_id',
      'p.division_code',
      'p.duty',
      'p.route',
      'p.approval_item_codes',
      'p.pushed_at',
      'p.ack_due_on',
      'p.acknowledged_at',
      'd.name as department_name',
      'v.name as division_name',
      'u.name as acknowledged_by_name',
    ])
    .where('p.registration_id', '=', registrationId)
    .orderBy('p.id')
    .execute();

/** Pushes already made to the subject (any registration event of the same credit code), per department and duty. */
export const earlierPushesOfUscc = (db: Db, uscc: string) =>
  db
    .selectFrom('registration_pushes as p')
    .innerJoin('business_registrations as r', 'r.id', 'p.registration_id')
    .select(['p.department_id', 'p.division_code', 'p.duty', 'p.approval_item_codes'])
    .where('r.uscc', '=', uscc)
    .execute();

export async function insertPushes(db: Db, rows: Insertable<RegistrationPushTable>[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('registration_pushes')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => Number(r.id));
}

export const lockPush = (db: Db, id: number) =>
  db.selectFrom('registration_pushes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const acknowledgePush = (db: Db, id: number, by: number, at: Date) =>
  db
    .updateTable('registration_pushes')
    .set({ acknowledged_at: at, acknowledged_by: by })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();

export const findDepartmentPush = (db: Db, registrationId: number, departmentId: number) =>
  db
    .selectFrom('registration_pushes')
    .select(['id', 'duty', 'route'])
    .where('registration_id', '=', registrationId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();

export const findCommitment = (db: Db, registrationId: number) =>
  db
    .selectFrom('dual_notice_commitments as c')
    .innerJoin('users as u', 'u.id', 'c.recorded_by')
    .select([
      'c.registration_id',
      'c.signer_name',
      'c.signer_role',
      'c.signed_on',
      'c.e_signature',
      'c.scan_file_name',
      'c.scan_content_type',
      'c.scan_size',
      'c.recorded_at',
      'u.name as recorded_by_name',
    ])
    .where('c.registration_id', '=', registrationId)
    .executeTakeFirst();

export const commitmentScan = (db: Db, registrationId: number) =>
  db
    .selectFrom('dual_notice_commitments')
    .select(['scan_file_name', 'scan_content_type', 'scan_data'])
    .where('registration_id', '=', registrationId)
    .executeTakeFirst();

export const upsertCommitment = (db: Db, row: Insertable<DualNoticeCommitmentTable>) =>
  db
    .insertInto('dual_notice_commitments')
    .values(row)
    .onConflict((oc) =>
      oc.column('registration_id').doUpdateSet((eb) => ({
        signer_name: eb.ref('excluded.signer_name'),
        signer_role: eb.ref('excluded.signer_role'),
        signed_on: eb.ref('excluded.signed_on'),
        e_signature: eb.ref('excluded.e_signature'),
        scan_file_name: eb.ref('excluded.scan_file_name'),
        scan_content_type: eb.ref('excluded.scan_content_type'),
        scan_size: eb.ref('excluded.scan_size'),
        scan_data: eb.ref('excluded.scan_data'),
        recorded_by: eb.ref('excluded.recorded_by'),
        recorded_at: eb.ref('excluded.recorded_at'),
      })),
    )
    .execute();

export const jointReviewsOf = (db: Db, registrationId: number) =>
  db
    .selectFrom('dual_notice_joint_reviews as j')
    .innerJoin('departments as d', 'd.id', 'j.department_id')
    .leftJoin('users as u', 'u.id', 'j.answered_by')
    .select([
      'j.department_id',
      'd.name as department_name',
      'j.item_codes',
      'j.opinion',
      'j.note',
      'j.answered_at',
      'u.name as answered_by_name',
    ])
    .where('j.registration_id', '=', registrationId)
    .orderBy('j.department_id')
    .execute();

export const insertJointReviews = (db: Db, registrationId: number, reviews: Map<number, string[]>) =>
  reviews.size === 0
    ? Promise.resolve()
    : db
        .insertInto('dual_notice_joint_reviews')
        .values(
          [...reviews].map(([department_id, item_codes]) => ({
            registration_id: registrationId,
            department_id,
            item_codes,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['registration_id', 'department_id'])
            .doUpdateSet((eb) => ({ item_codes: eb.ref('excluded.item_codes') })),
        )
        .execute();

export const lockJointReview = (db: Db, registrationId: number, departmentId: number) =>
  db
    .selectFrom('dual_notice_joint_reviews')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .where('department_id', '=', departmentId)
    .forUpdate()
    .executeTakeFirst();

export const answerJointReview = (
  db: Db,
  registrationId: number,
  departmentId: number,
  v: { opinion: '同意' | '不同意'; note: string; by: number; at: Date },
) =>
  db
    .updateTable('dual_notice_joint_reviews')
    .set({ opinion: v.opinion, note: v.note, answered_by: v.by, answered_at: v.at })
    .where('registration_id', '=', registrationId)
    .where('department_id', '=', departmentId)
    .execute();

/** The users of a department who may act on pushes (签收, 认领): they are told of a push and reminded. */
export const pushHandlers = async (db: Db, departmentIds: readonly number[]): Promise<number[]> =>
  departmentIds.length === 0
    ? []
    : (
        await db
          .selectFrom('users as u')
          .select('u.id')
          .where('u.department_id', 'in', [...departmentIds])
          .where('u.status', '=', 'active')
          .where(
            sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND 'dualnotice:push:write' = ANY(r.permissions))`,
          )
          .execute()
      ).map((r) => Number(r.id));

/** Drops the joint reviews no longer called for (their high-risk items were removed). */
export const dropJointReviewsExcept = (db: Db, registrationId: number, departmentIds: number[]) => {
  let q = db.deleteFrom('dual_notice_joint_reviews').where('registration_id', '=', registrationId);
  if (departmentIds.length) q = q.where('department_id', 'not in', departmentIds);
  return q.execute();
};
