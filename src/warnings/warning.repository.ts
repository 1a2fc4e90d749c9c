import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { RuleCode, WarningEventTable, WarningRuleTable, WarningRunTable, WarningTable } from './warning.table';

export const listRules = (db: Db) => db.selectFrom('warning_rules').selectAll().orderBy('sort').execute();

export const findRule = (db: Db, code: RuleCode) =>
  db.selectFrom('warning_rules').selectAll().where('code', '=', code).executeTakeFirst();

/** Locks the rule for its run: two runs of one rule (the timer and the button) wait for each other. */
export const lockRule = (trx: Db, code: RuleCode) =>
  trx.selectFrom('warning_rules').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();

export async function updateRule(db: Db, code: RuleCode, values: Updateable<WarningRuleTable>): Promise<void> {
  await db.updateTable('warning_rules').set(values).where('code', '=', code).execute();
}

export const insertRun = async (db: Db, values: Insertable<WarningRunTable>): Promise<number> =>
  Number((await db.insertInto('warning_runs').values(values).returning('id').executeTakeFirstOrThrow()).id);

export async function finishRun(db: Db, id: number, values: { finished_at: Date; hits: number; created: number }) {
  await db.updateTable('warning_runs').set(values).where('id', '=', id).execute();
}

export const recentRuns = (db: Db, limit: number) =>
  db
    .selectFrom('warning_runs as r')
    .leftJoin('users as u', 'u.id', 'r.run_by')
    .select(['r.id', 'r.rule_code', 'r.trigger', 'r.started_at', 'r.finished_at', 'r.hits', 'r.created', 'u.name'])
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();

/** Per rule: closed (confirmed) and false-positive warnings, for the hit rate; open ones. */
export const ruleOutcomes = (db: Db) =>
  db
    .selectFrom('warnings')
    .select('rule_code')
    .select(sql<number>`count(*) FILTER (WHERE status = '已关闭')::int`.as('confirmed'))
    .select(sql<number>`count(*) FILTER (WHERE status = '误报')::int`.as('false_positives'))
    .select(sql<number>`count(*) FILTER (WHERE status NOT IN ('已关闭', '误报'))::int`.as('open'))
    .groupBy('rule_code')
    .execute();

/** The warnings of a rule that stop a hit from becoming a new one: open, or on the same facts. */
export const blockingWarnings = (db: Db, code: RuleCode) =>
  db
    .selectFrom('warnings')
    .select(['subject_id', 'department_id', 'fact_key', 'status'])
    .where('rule_code', '=', code)
    .execute();

/** The next number of the year's series, taken under a lock (two runs at once must not take the same one). */
export async function lastWarningNo(trx: Db, year: number): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('warning_no'))`.execute(trx);
  const prefix = `YJ${year}-`;
  const row = await trx
    .selectFrom('warnings')
    .select((eb) => eb.fn.max('warning_no').as('last'))
    .where('warning_no', 'like', `${prefix}%`)
    .executeTakeFirst();
  return row?.last ? Number(String(row.last).slice(prefix.length)) : 0;
}

export async function insertWarnings(db: Db, rows: Insertable<WarningTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('warnings')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export const lockWarning = (trx: Db, id: number) =>
  trx.selectFrom('warnings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function updateWarning(db: Db, id: number, values: Updateable<WarningTable>): Promise<void> {
  await db.updateTable('warnings').set(values).where('id', '=', id).execute();
}

export async function insertEvent(db: Db, values: Insertable<WarningEventTable>): Promise<void> {
  await db.insertInto('warning_events').values(values).execute();
}

export const eventsOf = (db: Db, warningId: number) =>
  db.selectFrom('warning_events').selectAll().where('warning_id', '=', warningId).orderBy('at').orderBy('id').execute();

/** The joint office: it takes the warnings whose facts name no department. */
export async function jointOfficeId(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('kind', '=', '联席会议办公室')
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Active users of the departments who may dispose of warnings (they are told of new ones). */
export async function handlers(db: Db, departmentIds: readonly number[]): Promise<{ id: number; dept: number }[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.department_id'])
    .where('u.department_id', 'in', [...departmentIds])
    .where('u.status', '=', 'active')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND 'warning:handle' = ANY(r.permissions))`,
    )
    .execute();
  return rows.map((r) => ({ id: Number(r.id), dept: Number(r.department_id) }));
}

/** The warnings whose 预警核查 task is `taskId` or was merged into it. */
export async function warningsOfTask(db: Db, taskId: number) {
  return db
    .selectFrom('warnings')
    .select(['id', 'warning_no', 'department_id', 'status'])
    .where((eb) =>
      eb.or([
        eb('task_id', '=', taskId),
        eb('task_id', 'in', eb.selectFrom('inspection_tasks').select('id').where('merged_into_task_id', '=', taskId)),
      ]),
    )
    .where('task_inspected_on', 'is', null)
    .execute();
}

/** A department's sampling items in force, with their scope, for the 预警核查 task. */
export const departmentItems = (db: Db, departmentId: number) =>
  db
    .selectFrom('sampling_items')
    .select(['code', 'name', 'scope'])
    .where('department_id', '=', departmentId)
    .where('status', '=', '有效')
    .orderBy('code')
    .execute();

export const userName = async (db: Db, id: number): Promise<string | null> =>
  (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
