import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../shared/paging';
import type { CreditMeasureTable, CreditMeasureVersionTable, MeasureKind, MeasureStatus } from './credit-measure.table';

export const insertMeasure = async (db: Db, values: Insertable<CreditMeasureTable>): Promise<number> =>
  Number((await db.insertInto('credit_measures').values(values).returning('id').executeTakeFirstOrThrow()).id);

export const updateMeasure = (db: Db, id: number, values: Updateable<CreditMeasureTable>) =>
  db.updateTable('credit_measures').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const findMeasure = (db: Db, id: number) =>
  db.selectFrom('credit_measures').selectAll().where('id', '=', id).executeTakeFirst();

/** The measure, locked for a change in this transaction. */
export const lockMeasure = (db: Db, id: number) =>
  db.selectFrom('credit_measures').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertMeasureVersion = (db: Db, values: Insertable<CreditMeasureVersionTable>) =>
  db.insertInto('credit_measure_versions').values(values).execute();

export const measureVersions = (db: Db, measureId: number) =>
  db
    .selectFrom('credit_measure_versions as v')
    .leftJoin('users as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.status', 'v.note', 'v.changed_at', 'u.name as changed_by_name'])
    .where('v.measure_id', '=', measureId)
    .orderBy('v.version', 'desc')
    .execute();

interface MeasureFilter {
  kind?: MeasureKind;
  status?: MeasureStatus;
  keyword?: string;
  publicOnly?: boolean;
  limit: number;
  offset: number;
}

export async function pageMeasures(db: Db, f: MeasureFilter) {
  let q = db.selectFrom('credit_measures as m');
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.publicOnly) q = q.where('m.status', '=', '已发布').where('m.is_public', '=', true);
  if (f.keyword) {
    const like = likeContains(f.keyword);
    q = q.where((eb) =>
      eb.or([eb('m.matter', 'like', like), eb('m.target', 'like', like), eb('m.means', 'like', like)]),
    );
  }
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q
      .selectAll('m')
      .select(
        sql<string>`(SELECT count(*) FROM credit_measure_cases c WHERE c.measure_id = m.id AND c.status = '实施中')`.as(
          'active_cases',
        ),
      )
      .orderBy('m.kind', 'desc')
      .orderBy('m.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

export const countActiveCases = async (db: Db, measureId: number, today: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('credit_measure_cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('measure_id', '=', measureId)
        .where('status', '=', '实施中')
        .where('valid_to', '>=', today)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const departmentNameMap = async (db: Db): Promise<Map<number, string>> =>
  new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [Number(d.id), d.name]));

export const existingDepartmentIds = async (db: Db, ids: readonly number[]): Promise<Set<number>> =>
  new Set(
    ids.length === 0
      ? []
      : (
          await db
            .selectFrom('departments')
            .select('id')
            .where('id', 'in', [...ids])
            .execute()
        ).map((d) => Number(d.id)),
  );
