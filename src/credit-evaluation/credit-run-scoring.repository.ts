import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { CreditClass } from '../subjects/subject.table';
import type { ScoredRecord } from './credit-scoring';
import type { CreditRunResultRow } from './credit-run.table';

export interface SubjectInputs {
  subjectId: number;
  records: ScoredRecord[];
}

/**
 * The next subjects' inputs after `afterSubjectId`, about `limit` records at a time and never splitting a subject
 * (keyset paging on the primary key: constant cost per batch however large the register).
 */
export async function inputsBatch(
  db: Db,
  runId: number,
  afterSubjectId: number,
  limit: number,
): Promise<SubjectInputs[]> {
  const rows = await db
    .selectFrom('credit_run_inputs')
    .select(['subject_id', 'record_id', 'kind', 'severity', 'occurred_on'])
    .where('run_id', '=', runId)
    .where('subject_id', '>', afterSubjectId)
    .orderBy('subject_id')
    .orderBy('record_id')
    .limit(limit)
    .execute();
  if (rows.length === limit) {
    const last = rows[rows.length - 1]!.subject_id;
    const complete = rows.filter((r) => r.subject_id !== last);
    const lastRows =
      complete.length > 0
        ? []
        : await db
            .selectFrom('credit_run_inputs')
            .select(['subject_id', 'record_id', 'kind', 'severity', 'occurred_on'])
            .where('run_id', '=', runId)
            .where('subject_id', '=', last)
            .orderBy('record_id')
            .execute();
    return group([...complete, ...lastRows]);
  }
  return group(rows);
}

type InputRow = {
  subject_id: number;
  record_id: number;
  kind: ScoredRecord['kind'];
  severity: ScoredRecord['severity'];
  occurred_on: string;
};

function group(rows: readonly InputRow[]): SubjectInputs[] {
  const out: SubjectInputs[] = [];
  for (const r of rows) {
    let cur = out[out.length - 1];
    if (cur?.subjectId !== r.subject_id) out.push((cur = { subjectId: r.subject_id, records: [] }));
    cur.records.push({ id: r.record_id, kind: r.kind, severity: r.severity, occurredOn: r.occurred_on });
  }
  return out;
}

export interface ResultRow {
  subjectId: number;
  score: number;
  creditClass: CreditClass;
  veto: string | null;
  contributions: string | null;
}

/** The previous class comes from the previous pushed run, or before the first push from the register. */
const previousClass = (previousRunId: number | null) =>
  previousRunId === null
    ? sql`(SELECT s.credit_class FROM subjects s WHERE s.id = u.subject_id)`
    : sql`(SELECT p.credit_class FROM credit_run_results p WHERE p.run_id = ${previousRunId} AND p.subject_id = u.subject_id)`;

/** Inserts a batch of scored subjects in one statement (arrays unnested), whatever the batch size. */
export async function insertResults(db: Db, runId: number, previousRunId: number | null, rows: readonly ResultRow[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO credit_run_results (run_id, subject_id, score, credit_class, previous_class, veto, contributions)
    SELECT ${runId}, u.subject_id, u.score, u.credit_class, ${previousClass(previousRunId)}, u.veto, u.contributions::jsonb
      FROM unnest(${rows.map((r) => r.subjectId)}::int[], ${rows.map((r) => r.score)}::numeric[],
                  ${rows.map((r) => r.creditClass)}::text[], ${rows.map((r) => r.veto)}::text[],
                  ${rows.map((r) => r.contributions)}::text[])
        AS u(subject_id, score, credit_class, veto, contributions)`.execute(db);
}

/** Every 存续 subject the run has not scored gets the base score and its class, set-based. */
export async function insertBaseResults(
  db: Db,
  runId: number,
  previousRunId: number | null,
  base: { score: number; creditClass: CreditClass },
) {
  const previous =
    previousRunId === null
      ? sql`s.credit_class`
      : sql`(SELECT p.credit_class FROM credit_run_results p WHERE p.run_id = ${previousRunId} AND p.subject_id = s.id)`;
  await sql`
    INSERT INTO credit_run_results (run_id, subject_id, score, credit_class, previous_class, veto, contributions)
    SELECT ${runId}, s.id, ${base.score}, ${base.creditClass}, ${previous}, NULL, NULL
      FROM subjects s
     WHERE s.status = '存续'
       AND NOT EXISTS (SELECT 1 FROM credit_run_results r WHERE r.run_id = ${runId} AND r.subject_id = s.id)`.execute(
    db,
  );
}

export type StoredResult = Pick<CreditRunResultRow, 'subject_id' | 'score' | 'credit_class' | 'veto'>;

/** The stored results after `afterSubjectId`, in subject order (for verification). */
export async function resultsBatch(
  db: Db,
  runId: number,
  afterSubjectId: number,
  limit: number,
): Promise<StoredResult[]> {
  return db
    .selectFrom('credit_run_results')
    .select(['subject_id', 'score', 'credit_class', 'veto'])
    .where('run_id', '=', runId)
    .where('subject_id', '>', afterSubjectId)
    .orderBy('subject_id')
    .limit(limit)
    .execute();
}

export async function inputsOf(db: Db, runId: number, subjectIds: readonly number[]): Promise<SubjectInputs[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db
    .selectFrom('credit_run_inputs')
    .select(['subject_id', 'record_id', 'kind', 'severity', 'occurred_on'])
    .where('run_id', '=', runId)
    .where('subject_id', 'in', subjectIds)
    .orderBy('subject_id')
    .orderBy('record_id')
    .execute();
  return group(rows);
}
