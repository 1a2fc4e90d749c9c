import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db/database';
import { preparedStatement } from '../db/prepared-statements';

/**
 * Everything the public verification of one 检查码 shows, read in one statement (one round trip, one snapshot): the
 * code, its task and subject, the task's items and inspectors by department, the sampling items' method, current
 * check items and the materials of the adopted annual-plan entries of the window's year, the agreed visit, which
 * departments have inspected (on site or off site) and which parts the subject has evaluated. The orders are those
 * of the task register (src/tasks/task.repository.ts) and the notice facts (notice-facts.repository.ts). Built once and,
 * on PostgreSQL, a prepared statement (src/db/prepared-statements.ts): building and planning it cost more than running it.
 */
const snapshotQuery = (db: Db, tokenId: string) =>
  db
    .selectFrom('inspection_codes as c')
    .innerJoin('inspection_tasks as t', 't.id', 'c.task_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .where('c.token_id', '=', tokenId)
    .selectAll('c')
    .select([
      't.task_no',
      't.status',
      't.window_from',
      't.window_to',
      't.uscc',
      't.subject_id',
      's.name as subject_name',
      's.business_address',
      'v.visit_on',
      'v.checked_in_on',
    ])
    .select((eb) => {
      const taskCodes = eb
        .selectFrom('inspection_task_items as x')
        .select('x.item_code')
        .whereRef('x.task_id', '=', 't.id');
      const sampling = eb.selectFrom('sampling_items as si').select('si.id').where('si.code', 'in', taskCodes);
      return [
        jsonArrayFrom(
          eb
            .selectFrom('inspection_task_items as ti')
            .innerJoin('departments as d', 'd.id', 'ti.department_id')
            .select(['ti.department_id', 'd.name as department_name', 'ti.item_code', 'ti.item_name'])
            .whereRef('ti.task_id', '=', 't.id')
            .orderBy('ti.department_id')
            .orderBy('ti.item_code'),
        ).as('items'),
        jsonArrayFrom(
          eb
            .selectFrom('inspection_task_inspectors as tp')
            .innerJoin('inspectors as i', 'i.id', 'tp.inspector_id')
            .select(['tp.department_id', 'i.id', 'i.name', 'i.certificate_no'])
            .whereRef('tp.task_id', '=', 't.id')
            .orderBy('i.id'),
        ).as('inspectors'),
        jsonArrayFrom(
          eb
            .selectFrom('sampling_items as si')
            .select(['si.id', 'si.code', 'si.method'])
            .where('si.code', 'in', taskCodes)
            .orderBy('si.id'),
        ).as('sampling'),
        jsonArrayFrom(
          eb
            .selectFrom('sampling_item_check_items as sc')
            .innerJoin('check_items as ci', 'ci.id', 'sc.check_item_id')
            .select(['sc.sampling_item_id', 'ci.code', 'ci.content'])
            .where('sc.sampling_item_id', 'in', sampling)
            .where('ci.withdrawn_at', 'is', null)
            .orderBy('ci.sort_order')
            .orderBy('ci.id'),
        ).as('checks'),
        jsonArrayFrom(
          eb
            .selectFrom('annual_plan_entries as e')
            .innerJoin('annual_plans as p', 'p.id', 'e.plan_id')
            .select(['e.sampling_item_id', 'e.materials'])
            .where('e.sampling_item_id', 'in', sampling)
            .where('e.status', '=', '已采纳')
            .where('p.year', '=', sql<number>`extract(year from ${eb.ref('t.window_from')})::int`)
            .orderBy('e.id', 'desc'),
        ).as('plans'),
        jsonArrayFrom(
          eb.selectFrom('inspection_submissions as su').select('su.department_id').whereRef('su.task_id', '=', 't.id'),
        ).as('submitted'),
        jsonArrayFrom(
          eb
            .selectFrom('offsite_inspections as o')
            .select(['o.department_id', 'o.conducted_on'])
            .whereRef('o.task_id', '=', 't.id'),
        ).as('offsite'),
        jsonArrayFrom(
          eb.selectFrom('inspection_evaluations as ev').select('ev.department_id').whereRef('ev.task_id', '=', 't.id'),
        ).as('evaluated'),
      ];
    });

const snapshotStatement = preparedStatement(1, snapshotQuery);

export const findVerificationSnapshot = async (db: Db, tokenId: string) => (await snapshotStatement(db, tokenId))[0];

export type VerificationSnapshot = NonNullable<Awaited<ReturnType<typeof findVerificationSnapshot>>>;
