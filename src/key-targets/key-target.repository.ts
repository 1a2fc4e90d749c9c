import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { KeyTargetRow, KeyTargetTable } from './key-target.table';

export type NewKeyTarget = Omit<Insertable<KeyTargetTable>, 'id'>;

export async function insertKeyTargets(trx: Db, rows: readonly NewKeyTarget[]): Promise<KeyTargetRow[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto('key_targets')
    .values([...rows])
    .returningAll()
    .execute();
}

export const findKeyTarget = (db: Db, id: number): Promise<KeyTargetRow | undefined> =>
  db.selectFrom('key_targets').selectAll().where('id', '=', id).executeTakeFirst();

/** Listings (lifted or not) that came from these sources: a source lists a subject once, even after a lift by hand. */
export async function listingsOfSources(trx: Db, refs: readonly string[]): Promise<KeyTargetRow[]> {
  if (refs.length === 0) return [];
  return trx
    .selectFrom('key_targets')
    .selectAll()
    .where('source_ref', 'in', [...refs])
    .execute();
}

/** Lifts listings not yet lifted; returns the rows lifted. */
export async function liftKeyTargets(
  trx: Db,
  ids: readonly number[],
  lift: { at: Date; by: number | null; reason: string },
): Promise<KeyTargetRow[]> {
  if (ids.length === 0) return [];
  return trx
    .updateTable('key_targets')
    .set({ lifted_at: lift.at, lifted_by: lift.by, lift_reason: lift.reason })
    .where('id', 'in', [...ids])
    .where('lifted_at', 'is', null)
    .returningAll()
    .execute();
}

/** The credit records listings are derived from (the table belongs to src/credit-records; read only). */
export async function creditRecordsForListing(trx: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('credit_records as r')
    .leftJoin('departments as d', 'd.name', 'r.department_name')
    .select([
      'r.id',
      'r.record_no',
      'r.subject_id',
      'r.kind',
      'r.severity',
      'r.source',
      'r.status',
      'r.title',
      'r.department_name',
      'r.occurred_on',
      'r.counts_until',
    ])
    .select((eb) => eb.fn.coalesce('r.sender_department_id', 'd.id').as('department_id'))
    .where('r.id', 'in', [...ids])
    .orderBy('r.id')
    .execute();
}

/**
 * D-class subjects of a run become key targets, set-based (a run holds up to a million subjects): one listing per
 * subject without a 信用评价D类 listing in force (a subject still D keeps the listing of the run that first found it).
 * Returns the subjects listed.
 */
export async function listRunDClass(
  trx: Db,
  run: { id: number; runNo: string; listedOn: string; now: Date; by: number | null },
): Promise<number[]> {
  const { rows } = await sql<{ subject_id: number }>`
    INSERT INTO key_targets (subject_id, reason_kind, reason, source_ref, department_id, listed_on, expires_on,
                             created_by, created_at)
    SELECT r.subject_id, '信用评价D类',
           ${`公共信用综合评价 ${run.runNo} 评为 D 类（`} || trim(to_char(r.score, 'FM99990.99')) || '分'
             || CASE WHEN r.veto IS NOT NULL THEN '，' || r.veto ELSE '' END || '）',
           ${`credit_run:${run.id}`}, NULL, ${run.listedOn}::date, NULL, ${run.by}, ${run.now}
      FROM credit_run_results r
     WHERE r.run_id = ${run.id} AND r.credit_class = 'D'
       AND NOT EXISTS (SELECT 1 FROM key_targets k
                        WHERE k.subject_id = r.subject_id AND k.reason_kind = '信用评价D类' AND k.lifted_at IS NULL)
    RETURNING subject_id`.execute(trx);
  return rows.map((r) => Number(r.subject_id));
}

/** Lifts the D-class listings of earlier runs whose subject this run did not class D. Returns the subjects lifted. */
export async function liftRunDClassNoLongerD(
  trx: Db,
  run: { id: number; runNo: string; now: Date; by: number | null },
): Promise<number[]> {
  const { rows } = await sql<{ subject_id: number }>`
    UPDATE key_targets k
       SET lifted_at = ${run.now}, lifted_by = ${run.by},
           lift_reason = ${`公共信用综合评价 ${run.runNo} 评为 `} || coalesce(r.credit_class, '—') || ' 类，不再为 D 类'
      FROM key_targets k2 LEFT JOIN credit_run_results r ON r.run_id = ${run.id} AND r.subject_id = k2.subject_id
     WHERE k.id = k2.id AND k.reason_kind = '信用评价D类' AND k.lifted_at IS NULL
       AND k.source_ref IS DISTINCT FROM ${`credit_run:${run.id}`}
       AND (r.credit_class IS NULL OR r.credit_class <> 'D')
    RETURNING k.subject_id`.execute(trx);
  return rows.map((r) => Number(r.subject_id));
}

/** By USCC: the subject's id and the reasons of its listings in force on `today`. */
export async function listingsInForce(
  trx: Db,
  usccs: readonly string[],
  today: string,
): Promise<Map<string, { id: number; reasons: string[] }>> {
  const rows = await trx
    .selectFrom('subjects as s')
    .leftJoin('key_targets as k', (j) =>
      j
        .onRef('k.subject_id', '=', 's.id')
        .on('k.lifted_at', 'is', null)
        .on('k.listed_on', '<=', today)
        .on((eb) => eb.or([eb('k.expires_on', 'is', null), eb('k.expires_on', '>=', today)])),
    )
    .select(['s.id', 's.uscc', 'k.reason', 's.key_target_reason'])
    .where('s.uscc', 'in', [...usccs])
    .execute();
  const out = new Map<string, { id: number; reasons: string[] }>();
  for (const r of rows) {
    // The register's own reason counts too (a flag carried over from before listings existed).
    const entry = out.get(r.uscc) ?? { id: r.id, reasons: r.key_target_reason ? [r.key_target_reason] : [] };
    if (r.reason !== null) entry.reasons.push(r.reason);
    out.set(r.uscc, entry);
  }
  return out;
}

/**
 * Register flags set before listings existed (a register loaded with them) become 人工列入 listings with the
 * register's reason, set-based; returns how many. The platform's own rows came over in the foundation's migration.
 */
export async function carryOverRegisterFlags(
  trx: Db,
  c: { departmentId: number | null; today: string; now: Date },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO key_targets (subject_id, reason_kind, reason, source_ref, department_id, listed_on, expires_on, created_at)
    SELECT s.id, '人工列入', coalesce(nullif(s.key_target_reason, ''), '原名录库中列为重点抽查对象'), NULL,
           ${c.departmentId}, ${c.today}::date - (s.id % 200)::int, NULL, ${c.now}
      FROM subjects s
     WHERE s.key_target
       AND NOT EXISTS (SELECT 1 FROM key_targets k WHERE k.subject_id = s.id AND k.lifted_at IS NULL)
    RETURNING id`.execute(trx);
  return rows.length;
}

/** The run a push names (the table belongs to src/credit-evaluation; read only). */
export const findCreditRun = (db: Db, id: number) =>
  db.selectFrom('credit_runs').select(['id', 'run_no', 'pushed_at']).where('id', '=', id).executeTakeFirst();
