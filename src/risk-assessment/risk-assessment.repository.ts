import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { RiskLevel } from '../draw/engine/types';
import { likeContains, offsetOf } from '../shared/paging';
import type { AssessmentListQuery, ResultQuery } from './risk-assessment.schemas';
import type { RiskAssessmentResultTable, RiskAssessmentTable } from './risk-assessment.table';

const withDepartment = (db: Db) =>
  db
    .selectFrom('risk_assessments as a')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .select('d.name as department_name');

export const findAssessment = (db: Db, id: number) =>
  withDepartment(db).selectAll('a').where('a.id', '=', id).executeTakeFirst();

/** The row locked for a change (the transaction's first statement on it). */
export const lockAssessment = (db: Db, id: number) =>
  withDepartment(db).selectAll('a').where('a.id', '=', id).forUpdate('a').executeTakeFirst();

export const findAssessmentByNo = (db: Db, no: string) =>
  withDepartment(db).selectAll('a').where('a.assessment_no', '=', no).executeTakeFirst();

export async function insertAssessment(db: Db, values: Insertable<RiskAssessmentTable>): Promise<number> {
  const row = await db.insertInto('risk_assessments').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateAssessment(db: Db, id: number, values: Updateable<RiskAssessmentTable>): Promise<void> {
  await db.updateTable('risk_assessments').set(values).where('id', '=', id).execute();
}

/** The next FXPG<year>-NNNN number (the caller holds the transaction). */
export async function nextAssessmentNo(db: Db, year: number): Promise<string> {
  const prefix = `FXPG${year}-`;
  const row = await db
    .selectFrom('risk_assessments')
    .select(sql<string | null>`max(assessment_no)`.as('last'))
    .where('assessment_no', 'like', `${prefix}%`)
    .executeTakeFirst();
  const last = row?.last ? Number(row.last.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}

export async function listAssessments(db: Db, query: AssessmentListQuery, departmentId: number | null) {
  const base = db
    .selectFrom('risk_assessments as a')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .$if(departmentId !== null, (q) => q.where('a.department_id', '=', departmentId!))
    .$if(query.status !== undefined, (q) => q.where('a.status', '=', query.status!))
    .$if(!!query.keyword, (q) =>
      q.where((eb) =>
        eb.or([
          eb('a.name', 'like', likeContains(query.keyword!)),
          eb('a.assessment_no', 'like', likeContains(query.keyword!)),
        ]),
      ),
    );
  const [rows, total] = await Promise.all([
    base
      .select([
        'a.id',
        'a.assessment_no',
        'a.name',
        'd.name as department_name',
        'a.reason_kind',
        'a.assessor_kind',
        'a.method',
        'a.status',
        'a.subject_count',
        'a.created_at',
        'a.issued_at',
      ])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Replaces the assessment's results with `rows` (a run or an import of the whole set), 1000 rows per statement. */
export async function replaceResults(db: Db, assessmentId: number, rows: Insertable<RiskAssessmentResultTable>[]) {
  await db.deleteFrom('risk_assessment_results').where('assessment_id', '=', assessmentId).execute();
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('risk_assessment_results')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** Adds or replaces the given subjects' results (an imported batch). */
export async function upsertResults(db: Db, rows: Insertable<RiskAssessmentResultTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('risk_assessment_results')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['assessment_id', 'subject_id']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        level: eb.ref('excluded.level'),
        points: eb.ref('excluded.points'),
        note: eb.ref('excluded.note'),
      })),
    )
    .execute();
}

export async function levelCounts(db: Db, assessmentId: number): Promise<Map<RiskLevel, number>> {
  const rows = await db
    .selectFrom('risk_assessment_results')
    .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
    .where('assessment_id', '=', assessmentId)
    .groupBy('level')
    .execute();
  return new Map(rows.map((r) => [r.level, Number(r.n)]));
}

export async function pageResults(db: Db, assessmentId: number, query: ResultQuery) {
  const base = db
    .selectFrom('risk_assessment_results')
    .where('assessment_id', '=', assessmentId)
    .$if(query.level !== undefined, (q) => q.where('level', '=', query.level!))
    .$if(!!query.keyword, (q) =>
      q.where((eb) =>
        eb.or([
          eb('subject_name', 'like', likeContains(query.keyword!)),
          eb('uscc', 'like', likeContains(query.keyword!)),
        ]),
      ),
    );
  const [rows, total] = await Promise.all([
    base
      .select(['subject_id', 'uscc', 'subject_name', 'score', 'level', 'points', 'note'])
      .orderBy(sql`array_position(ARRAY['高','较高','一般','低'], level)`)
      .orderBy('score', (ob) => ob.desc().nullsLast())
      .orderBy('uscc')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Every result of an assessment (issuing and the report), ordered by level (high first) and score. */
export const allResults = (db: Db, assessmentId: number) =>
  db
    .selectFrom('risk_assessment_results')
    .select(['subject_id', 'uscc', 'subject_name', 'score', 'level', 'note'])
    .where('assessment_id', '=', assessmentId)
    .orderBy(sql`array_position(ARRAY['高','较高','一般','低'], level)`)
    .orderBy('score', (ob) => ob.desc().nullsLast())
    .orderBy('uscc')
    .execute();

export const reportOf = (db: Db, id: number) =>
  db
    .selectFrom('risk_assessments')
    .select(['assessment_no', 'name', 'department_id', 'report_pdf'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Per department, the latest issued assessment holding a result for the subject. */
export const issuedResultsOf = (db: Db, subjectId: number) =>
  db
    .selectFrom('risk_assessment_results as r')
    .innerJoin('risk_assessments as a', 'a.id', 'r.assessment_id')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .distinctOn('a.department_id')
    .select(['d.name as department', 'a.assessment_no', 'a.name', 'a.issued_at', 'r.level', 'r.score'])
    .where('r.subject_id', '=', subjectId)
    .where('a.status', '=', '已发布')
    .orderBy('a.department_id')
    .orderBy('a.issued_at', 'desc')
    .execute();
