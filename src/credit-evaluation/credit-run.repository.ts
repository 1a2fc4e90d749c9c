import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { CreditRunRow } from './credit-run.table';

export async function findRun(db: Db, id: number): Promise<CreditRunRow | undefined> {
  return db.selectFrom('credit_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRunByNo(db: Db, runNo: string): Promise<CreditRunRow | undefined> {
  return db.selectFrom('credit_runs').selectAll().where('run_no', '=', runNo).executeTakeFirst();
}

export async function latestPushedRun(db: Db): Promise<CreditRunRow | undefined> {
  return db
    .selectFrom('credit_runs')
    .selectAll()
    .where('status', '=', '已推送')
    .orderBy('pushed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function modelVersionOf(db: Db, modelId: number): Promise<number> {
  const row = await db
    .selectFrom('credit_models')
    .select('version')
    .where('id', '=', modelId)
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function listRuns(db: Db): Promise<(CreditRunRow & { model_version: number })[]> {
  return db
    .selectFrom('credit_runs as r')
    .innerJoin('credit_models as m', 'm.id', 'r.model_id')
    .selectAll('r')
    .select('m.version as model_version')
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

export async function runsOfPeriod(db: Db, period: string): Promise<CreditRunRow[]> {
  return db.selectFrom('credit_runs').selectAll().where('period', '=', period).orderBy('id').execute();
}

export interface NewRun {
  runNo: string;
  modelId: number;
  period: string;
  asOf: string;
  trigger: '定时' | '手动';
  previousRunId: number | null;
  startedBy: number | null;
  now: Date;
}

export async function insertRun(db: Db, r: NewRun): Promise<CreditRunRow> {
  return db
    .insertInto('credit_runs')
    .values({
      run_no: r.runNo,
      model_id: r.modelId,
      period: r.period,
      as_of: r.asOf,
      trigger: r.trigger,
      status: '运行中',
      subject_count: 0,
      record_count: 0,
      upgraded: 0,
      downgraded: 0,
      previous_run_id: r.previousRunId,
      started_by: r.startedBy,
      started_at: r.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Copies the records that count at `asOf` for every 存续 subject into the run's inputs, in one statement: a
 * record counts from counts_from to counts_until while 有效. Returns how many.
 */
export async function snapshotInputs(db: Db, runId: number, asOf: string): Promise<number> {
  const result = await sql`
    INSERT INTO credit_run_inputs (run_id, record_id, subject_id, kind, severity, occurred_on, version, status)
    SELECT ${runId}, c.id, c.subject_id, c.kind, c.severity, c.occurred_on, c.version, c.status
      FROM credit_records c JOIN subjects s ON s.id = c.subject_id AND s.status = '存续'
     WHERE c.status = '有效' AND c.counts_from <= ${asOf}::date
       AND (c.counts_until IS NULL OR c.counts_until >= ${asOf}::date)
       AND c.occurred_on <= ${asOf}::date`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** SHA-256 over the model version, the date and the sorted (record id, version, status) list of the inputs. */
export async function inputsDigest(db: Db, runId: number, modelVersion: number, asOf: string): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    SELECT encode(sha256(convert_to(${`model:${modelVersion};as_of:${asOf};`} || coalesce(
      (SELECT string_agg(record_id || ':' || version || ':' || status, ';' ORDER BY record_id)
         FROM credit_run_inputs WHERE run_id = ${runId}), ''), 'UTF8')), 'hex') AS digest`.execute(db);
  return rows[0]!.digest;
}

/** SHA-256 over the results sorted by subject: subject id, score, class, veto. */
export async function resultsDigest(db: Db, runId: number): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    SELECT encode(sha256(convert_to(coalesce(
      (SELECT string_agg(subject_id || ':' || score || ':' || credit_class || ':' || coalesce(veto, ''), ';'
                         ORDER BY subject_id)
         FROM credit_run_results WHERE run_id = ${runId}), ''), 'UTF8')), 'hex') AS digest`.execute(db);
  return rows[0]!.digest;
}

/** Subjects, those that moved to a better class, and to a worse one (A best, D worst). */
export async function movementCounts(db: Db, runId: number) {
  const { rows } = await sql<{ subjects: number; upgraded: number; downgraded: number }>`
    SELECT count(*)::int AS subjects,
           count(*) FILTER (WHERE previous_class IS NOT NULL AND credit_class < previous_class)::int AS upgraded,
           count(*) FILTER (WHERE previous_class IS NOT NULL AND credit_class > previous_class)::int AS downgraded
      FROM credit_run_results WHERE run_id = ${runId}`.execute(db);
  return rows[0]!;
}

export async function finishRun(
  db: Db,
  runId: number,
  values: {
    inputsDigest: string;
    resultsDigest: string;
    subjects: number;
    records: number;
    upgraded: number;
    downgraded: number;
    now: Date;
  },
): Promise<CreditRunRow> {
  return db
    .updateTable('credit_runs')
    .set({
      status: '待推送',
      inputs_digest: values.inputsDigest,
      results_digest: values.resultsDigest,
      subject_count: values.subjects,
      record_count: values.records,
      upgraded: values.upgraded,
      downgraded: values.downgraded,
      finished_at: values.now,
    })
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A run that failed keeps its row and error; its partial results and inputs go. */
export async function failRun(db: Db, runId: number, error: string, now: Date): Promise<void> {
  await db.deleteFrom('credit_run_results').where('run_id', '=', runId).execute();
  await db.deleteFrom('credit_run_inputs').where('run_id', '=', runId).execute();
  await db
    .updateTable('credit_runs')
    .set({ status: '失败', error, finished_at: now })
    .where('id', '=', runId)
    .execute();
}

export async function markPushed(db: Db, runId: number, userId: number | null, now: Date): Promise<CreditRunRow> {
  return db
    .updateTable('credit_runs')
    .set({ status: '已推送', pushed_by: userId, pushed_at: now })
    .where('id', '=', runId)
    .where('status', '=', '待推送')
    .returningAll()
    .executeTakeFirstOrThrow();
}
