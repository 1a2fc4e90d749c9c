import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains, offsetOf, type PageQuery } from '../shared/paging';
import type { ComplaintChannel, ComplaintStatus } from './complaint.table';

export interface ComplaintFilter {
  /** The actor's department when its scope is its own; null for all. */
  scopeDepartmentId: number | null;
  status?: ComplaintStatus;
  matterCode?: string;
  channel?: ComplaintChannel;
  departmentId?: number;
  overdue?: boolean;
  supervised?: boolean;
  keyword?: string;
  /** China date of today, for 超期. */
  today: string;
}

/** The deadline running in the complaint's status (none in 待分派 or once closed). */
export const runningDue = sql<string | null>`(CASE c.status WHEN '待受理' THEN c.ack_due WHEN '核查中' THEN c.verify_due
  WHEN '待答复' THEN c.reply_due END)`;

function filtered(db: Db, f: ComplaintFilter) {
  let q = db.selectFrom('complaints as c');
  if (f.scopeDepartmentId !== null) q = q.where('c.department_id', '=', f.scopeDepartmentId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.matterCode) q = q.where('c.matter_code', '=', f.matterCode);
  if (f.channel) q = q.where('c.channel', '=', f.channel);
  if (f.departmentId) q = q.where('c.department_id', '=', f.departmentId);
  if (f.overdue) q = q.where(sql<boolean>`${runningDue} < ${f.today}::date`);
  if (f.supervised) q = q.where('c.supervision_level', '>', 0);
  if (f.keyword) {
    const like = likeContains(f.keyword);
    q = q.where((eb) =>
      eb.or([
        eb('c.ticket_no', 'like', like),
        eb('c.subject_name', 'like', like),
        eb('c.title', 'like', like),
        eb('c.uscc', 'like', like),
      ]),
    );
  }
  return q;
}

const groupSize = sql<number | null>`(SELECT count(*) FROM complaints g WHERE g.group_id = c.group_id)`;

export async function findComplaints(db: Db, f: ComplaintFilter, page: PageQuery) {
  const base = filtered(db, f);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('departments as d', 'd.id', 'c.department_id')
      .innerJoin('complaint_matters as m', 'm.code', 'c.matter_code')
      .selectAll('c')
      .select(['d.name as department_name', 'm.name as matter_name'])
      .select(runningDue.as('due_on'))
      .select(groupSize.as('group_size'))
      // The overdue list (督办) shows those under 督办 first, the longest overdue first; other lists the newest first.
      .$if(f.overdue === true, (q) => q.orderBy('c.supervision_level', 'desc').orderBy(runningDue, 'asc'))
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    base.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Counts by status and by matter, within the filter (the chart on the list page). */
export async function complaintCounts(db: Db, f: ComplaintFilter) {
  const [byStatus, byMatter] = await Promise.all([
    filtered(db, f)
      .select(['c.status', ({ fn }) => fn.countAll<number>().as('n')])
      .groupBy('c.status')
      .execute(),
    filtered(db, f)
      .innerJoin('complaint_matters as m', 'm.code', 'c.matter_code')
      .select(['m.name', 'm.sort', ({ fn }) => fn.countAll<number>().as('n')])
      .groupBy(['m.name', 'm.sort'])
      .orderBy('m.sort')
      .execute(),
  ]);
  return { byStatus, byMatter };
}

export const findComplaintByTicket = (db: Db, ticketNo: string) =>
  db
    .selectFrom('complaints as c')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .innerJoin('complaint_matters as m', 'm.code', 'c.matter_code')
    .leftJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .selectAll('c')
    .select(['d.name as department_name', 'm.name as matter_name', 't.task_no', 't.status as task_status'])
    .select(runningDue.as('due_on'))
    .where('c.ticket_no', '=', ticketNo)
    .executeTakeFirst();

export const complaintEvents = (db: Db, complaintId: number) =>
  db
    .selectFrom('complaint_events as e')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .selectAll('e')
    .select('d.name as department_name')
    .where('e.complaint_id', '=', complaintId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();

export const groupMembers = (db: Db, groupId: number) =>
  db
    .selectFrom('complaints as c')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select([
      'c.id',
      'c.ticket_no',
      'c.title',
      'c.status',
      'c.received_at',
      'c.department_id',
      'd.name as department_name',
    ])
    .where('c.group_id', '=', groupId)
    .orderBy('c.id')
    .execute();

/** The check results the complaint's department recorded in the task (on site or off site). */
export async function taskChecks(db: Db, taskId: number, departmentId: number) {
  const onSite = db
    .selectFrom('inspection_results as r')
    .select(['r.check_item_id', 'r.result', 'r.notes'])
    .where('r.task_id', '=', taskId)
    .where('r.department_id', '=', departmentId);
  const offSite = db
    .selectFrom('offsite_results as r')
    .select(['r.check_item_id', 'r.result', 'r.notes'])
    .where('r.task_id', '=', taskId)
    .where('r.department_id', '=', departmentId);
  return db
    .selectFrom(onSite.unionAll(offSite).as('f'))
    .innerJoin('check_items as ci', 'ci.id', 'f.check_item_id')
    .select(['ci.content', 'f.result', 'f.notes'])
    .orderBy('ci.id')
    .execute();
}
