import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { CreditRunResultTable } from './credit-run.table';
import type { CreditClass, SubjectTable } from '../subjects/subject.table';

export interface ResultFilter {
  creditClass?: CreditClass;
  movement?: '上升' | '下降' | '变动';
  division?: string;
  industry?: string;
  q?: string;
}

type Q = SelectQueryBuilder<Database & { r: CreditRunResultTable; s: SubjectTable }, 'r' | 's', object>;

function filtered(q: Q, f: ResultFilter): Q {
  if (f.creditClass) q = q.where('r.credit_class', '=', f.creditClass);
  if (f.movement === '上升')
    q = q.where(sql<boolean>`r.previous_class IS NOT NULL AND r.credit_class < r.previous_class`);
  if (f.movement === '下降')
    q = q.where(sql<boolean>`r.previous_class IS NOT NULL AND r.credit_class > r.previous_class`);
  if (f.movement === '变动') q = q.where(sql<boolean>`r.credit_class IS DISTINCT FROM r.previous_class`);
  if (f.division) q = q.where('s.division_code', 'like', `${f.division}%`);
  if (f.industry) q = q.where(sql<boolean>`s.industry_scope @> ARRAY[${f.industry.toUpperCase()}]::text[]`);
  if (f.q)
    q = q.where((eb) => eb.or([eb('s.uscc', '=', f.q!), eb('s.name', 'like', `%${f.q!.replace(/[\\%_]/g, '\\$&')}%`)]));
  return q;
}

const base = (db: Db, runId: number) =>
  db
    .selectFrom('credit_run_results as r')
    .innerJoin('subjects as s', 's.id', 'r.subject_id')
    .where('r.run_id', '=', runId);

export async function pageResults(db: Db, runId: number, f: ResultFilter, limit: number, offset: number) {
  const q = filtered(base(db, runId), f);
  const [items, total] = await Promise.all([
    q
      .select([
        'r.subject_id',
        's.uscc',
        's.name',
        's.division_code',
        's.industry_codes',
        'r.score',
        'r.credit_class',
        'r.previous_class',
        'r.veto',
        'r.contributions',
      ])
      .orderBy(sql`CASE WHEN r.credit_class IS DISTINCT FROM r.previous_class THEN 0 ELSE 1 END`)
      .orderBy('r.credit_class', 'desc')
      .orderBy('r.score')
      .orderBy('r.subject_id')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function contributionsOf(db: Db, runId: number, subjectIds: readonly number[]) {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('credit_run_results')
    .select(['subject_id', 'contributions', 'credit_class', 'score'])
    .where('run_id', '=', runId)
    .where('subject_id', 'in', subjectIds)
    .execute();
}

export async function recordTitles(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.selectFrom('credit_records').select(['id', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Subjects per class, and per previous class → class. */
export async function classMatrix(db: Db, runId: number) {
  return db
    .selectFrom('credit_run_results')
    .select(['previous_class', 'credit_class', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['previous_class', 'credit_class'])
    .execute();
}

/** Subjects per class in each industry section (门类, one letter). */
export async function classesByIndustry(db: Db, runId: number) {
  const { rows } = await sql<{ key: string; credit_class: CreditClass; n: number }>`
    SELECT code AS key, r.credit_class, count(*)::int AS n
      FROM credit_run_results r JOIN subjects s ON s.id = r.subject_id, unnest(s.industry_scope) AS code
     WHERE r.run_id = ${runId} AND length(code) = 1
     GROUP BY code, r.credit_class ORDER BY code`.execute(db);
  return rows;
}

export async function classesByDivision(db: Db, runId: number) {
  const { rows } = await sql<{ key: string; credit_class: CreditClass; n: number }>`
    SELECT s.division_code AS key, r.credit_class, count(*)::int AS n
      FROM credit_run_results r JOIN subjects s ON s.id = r.subject_id
     WHERE r.run_id = ${runId}
     GROUP BY s.division_code, r.credit_class ORDER BY s.division_code`.execute(db);
  return rows;
}

/** Subjects per class in every pushed run, oldest first (the quarterly movement). */
export async function classesPerPushedRun(db: Db) {
  const { rows } = await sql<{ run_id: number; run_no: string; period: string; credit_class: CreditClass; n: number }>`
    SELECT c.id AS run_id, c.run_no, c.period, r.credit_class, count(*)::int AS n
      FROM credit_runs c JOIN credit_run_results r ON r.run_id = c.id
     WHERE c.status = '已推送'
     GROUP BY c.id, c.run_no, c.period, r.credit_class ORDER BY c.id`.execute(db);
  return rows;
}

/** A subject's result in every pushed run, newest first. */
export async function historyOfSubject(db: Db, subjectId: number) {
  return db
    .selectFrom('credit_run_results as r')
    .innerJoin('credit_runs as c', 'c.id', 'r.run_id')
    .select([
      'c.id as run_id',
      'c.run_no',
      'c.period',
      'c.as_of',
      'c.pushed_at',
      'r.score',
      'r.credit_class',
      'r.veto',
      'r.contributions',
    ])
    .where('r.subject_id', '=', subjectId)
    .where('c.status', '=', '已推送')
    .orderBy('c.pushed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}
