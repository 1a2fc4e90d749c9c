import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';

/** Pushes to departments (街镇 pushes have no department and no inbox), with the registration they tell of. */
export async function pagePushes(
  db: Db,
  f: {
    departmentId: number | null;
    status?: '待签收' | '已签收' | '逾期';
    keyword?: string;
    today: string;
    limit: number;
    offset: number;
  },
) {
  let q = db
    .selectFrom('registration_pushes as p')
    .innerJoin('business_registrations as r', 'r.id', 'p.registration_id')
    .innerJoin('departments as d', 'd.id', 'p.department_id');
  if (f.departmentId !== null) q = q.where('p.department_id', '=', f.departmentId);
  if (f.status === '待签收') q = q.where('p.acknowledged_at', 'is', null);
  if (f.status === '已签收') q = q.where('p.acknowledged_at', 'is not', null);
  if (f.status === '逾期')
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('p.acknowledged_at', 'is', null), eb('p.ack_due_on', '<', f.today)]),
        eb(sql<string>`(p.acknowledged_at AT TIME ZONE 'Asia/Shanghai')::date`, '>', eb.ref('p.ack_due_on')),
      ]),
    );
  if (f.keyword) {
    const k = likeContains(f.keyword);
    q = q.where((eb) => eb.or([eb('r.name', 'like', k), eb('r.uscc', 'like', k), eb('r.registration_no', 'like', k)]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('users as u', 'u.id', 'p.acknowledged_by')
    .select([
      'p.id',
      'p.registration_id',
      'p.department_id',
      'p.duty',
      'p.route',
      'p.approval_item_codes',
      'p.pushed_at',
      'p.ack_due_on',
      'p.acknowledged_at',
      'u.name as acknowledged_by_name',
      'd.name as department_name',
      'r.registration_no',
      'r.event',
      'r.name',
      'r.uscc',
      'r.business_scope',
      'r.prior_approval',
    ])
    // Open first (nearest deadline first), then the most recent.
    .orderBy(sql`p.acknowledged_at IS NULL`, 'desc')
    .orderBy('p.ack_due_on', 'asc')
    .orderBy('p.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total.n), rows };
}

export const caseItemNames = (db: Db, registrationIds: number[]) =>
  registrationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('dual_notice_case_items')
        .select(['registration_id', 'code', 'name'])
        .where('registration_id', 'in', registrationIds)
        .execute();

/**
 * The shared pool (第九条): registrations (not 注销) with no approval item, so their departments are unclear or none
 * is concerned; those `departmentId` has claimed or was pushed already are left out for it.
 */
export async function pagePool(
  db: Db,
  f: { departmentId: number; keyword?: string; from?: string; to?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('business_registrations as r')
    .innerJoin('dual_notice_cases as c', 'c.registration_id', 'r.id')
    .where('r.event', '<>', '注销')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('dual_notice_case_items as i')
            .select('i.code')
            .whereRef('i.registration_id', '=', 'r.id')
            .where('i.removed_at', 'is', null),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('registration_pushes as p')
            .select('p.id')
            .whereRef('p.registration_id', '=', 'r.id')
            .where('p.department_id', '=', f.departmentId),
        ),
      ),
    );
  if (f.keyword) {
    const k = likeContains(f.keyword);
    q = q.where((eb) => eb.or([eb('r.name', 'like', k), eb('r.uscc', 'like', k), eb('r.business_scope', 'like', k)]));
  }
  if (f.from) q = q.where('r.registered_on', '>=', f.from);
  if (f.to) q = q.where('r.registered_on', '<=', f.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'r.id',
      'r.registration_no',
      'r.event',
      'r.name',
      'r.uscc',
      'r.business_scope',
      'r.industry_codes',
      'r.address',
      'r.registered_on',
    ])
    .select((eb) =>
      eb
        .selectFrom('registration_pushes as p')
        .innerJoin('departments as d', 'd.id', 'p.department_id')
        .select(sql<string[]>`coalesce(array_agg(d.name ORDER BY p.id), '{}')`.as('names'))
        .whereRef('p.registration_id', '=', 'r.id')
        .where('p.route', '=', '认领')
        .as('claims'),
    )
    .orderBy('r.registered_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total.n), rows };
}

/** Whether a registration is in the shared pool (no approval item proposed or added). */
export async function inPool(db: Db, registrationId: number): Promise<boolean> {
  const r = await db
    .selectFrom('dual_notice_case_items')
    .select('code')
    .where('registration_id', '=', registrationId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return !r;
}

/** Acknowledgements overdue (still open after the deadline) or given late, per department. */
export function overdueAcknowledgements(db: Db, today: string, departmentId: number | null) {
  let q = db
    .selectFrom('registration_pushes as p')
    .innerJoin('business_registrations as r', 'r.id', 'p.registration_id')
    .innerJoin('departments as d', 'd.id', 'p.department_id')
    .select([
      'p.id',
      'p.department_id',
      'd.name as department_name',
      'r.registration_no',
      'r.name',
      'p.ack_due_on',
      sql<string | null>`to_char((p.acknowledged_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD')`.as(
        'acknowledged_on',
      ),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('p.acknowledged_at', 'is', null), eb('p.ack_due_on', '<', today)]),
        eb(sql<string>`(p.acknowledged_at AT TIME ZONE 'Asia/Shanghai')::date`, '>', eb.ref('p.ack_due_on')),
      ]),
    );
  if (departmentId !== null) q = q.where('p.department_id', '=', departmentId);
  return q.orderBy('p.ack_due_on', 'desc').orderBy('p.id', 'desc').limit(2000).execute();
}

export function lateLicenceFeedbacks(db: Db, departmentId: number | null) {
  let q = db
    .selectFrom('licence_feedbacks as f')
    .innerJoin('licence_records as l', 'l.id', 'f.licence_id')
    .innerJoin('departments as d', 'd.id', 'f.department_id')
    .select([
      'f.licence_id',
      'f.department_id',
      'd.name as department_name',
      'l.decision_doc_no',
      'l.counterpart_name',
      'f.due_on',
      'f.received_on',
    ])
    .where('f.late', '=', true);
  if (departmentId !== null) q = q.where('f.department_id', '=', departmentId);
  return q.orderBy('f.due_on', 'desc').limit(2000).execute();
}

/** Open pushes whose deadline is `today` (due) or before it (overdue), for the reminders. */
export const openPushesDueBy = (db: Db, today: string) =>
  db
    .selectFrom('registration_pushes as p')
    .innerJoin('business_registrations as r', 'r.id', 'p.registration_id')
    .select(['p.id', 'p.registration_id', 'p.department_id', 'p.ack_due_on', 'r.name', 'r.uscc', 'r.registration_no'])
    .where('p.acknowledged_at', 'is', null)
    .where('p.department_id', 'is not', null)
    .where('p.ack_due_on', '<=', today)
    .execute();

/** Records the reminders not given yet; returns the pushes reminded now. */
export async function recordPushReminders(
  db: Db,
  rows: { push_id: number; kind: string; reminded_on: string; created_at: Date }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('dual_notice_reminders')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning('push_id')
    .execute();
  return inserted.map((r) => Number(r.push_id));
}
