import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import { notFound } from '../shared/app-error';
import { ratioText, scopeText } from './plan-text';
import type { EntryView, JointItemView, PublishedLine } from './plan.schemas';
import type { AnnualPlanRow, AnnualPlanTable } from './plan.table';

export async function loadAnnualPlan(db: Db, id: number): Promise<AnnualPlanRow> {
  const plan = await db.selectFrom('annual_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!plan) throw notFound('年度计划');
  return plan;
}

/** Tag code → name, for scope descriptions. */
export async function tagNameMap(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('tags').select(['code', 'name']).execute()).map((t) => [t.code, t.name]));
}

/** The plan's entries with their department and sampling item, optionally of one department only. */
export async function entriesOf(db: Db, planId: number, departmentId: number | null = null): Promise<EntryView[]> {
  let q = db
    .selectFrom('annual_plan_entries as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('sampling_items as s', 's.id', 'e.sampling_item_id')
    .selectAll('e')
    .select([
      'd.name as department_name',
      's.code as item_code',
      's.name as item_name',
      's.method',
      's.ratios',
      's.scope',
    ])
    .where('e.plan_id', '=', planId);
  if (departmentId !== null) q = q.where('e.department_id', '=', departmentId);
  const rows = await q.orderBy('e.department_id').orderBy('s.code').execute();
  const tags = await tagNameMap(db);
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    samplingItemId: r.sampling_item_id,
    samplingItemCode: r.item_code,
    samplingItemName: r.item_name,
    method: r.method,
    ratios: r.ratios,
    ratioText: ratioText(r.ratios),
    scopeText: scopeText(r.scope, tags),
    periodFrom: r.period_from,
    periodTo: r.period_to,
    content: r.content,
    materials: r.materials,
    status: r.status,
    returnReason: r.return_reason,
    jointItemId: r.joint_item_id,
    submittedAt: r.submitted_at.toISOString(),
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
  }));
}

export async function jointItemsOf(db: Db, planId: number, entries: readonly EntryView[]): Promise<JointItemView[]> {
  const rows = await db
    .selectFrom('annual_plan_joint_items as j')
    .innerJoin('departments as d', 'd.id', 'j.initiating_department_id')
    .select(['j.id', 'j.name', 'j.initiating_department_id', 'd.name as department_name'])
    .where('j.plan_id', '=', planId)
    .orderBy('j.id')
    .execute();
  return rows.map((j) => {
    const own = entries.filter((e) => e.jointItemId === j.id);
    const cooperating = new Map(
      own.filter((e) => e.departmentId !== j.initiating_department_id).map((e) => [e.departmentId, e.departmentName]),
    );
    return {
      id: j.id,
      name: j.name,
      initiatingDepartment: { id: j.initiating_department_id, name: j.department_name },
      cooperatingDepartments: [...cooperating].map(([id, name]) => ({ id, name })),
      entryIds: own.map((e) => e.id),
    };
  });
}

/** The published lines: joint items first (initiator's entries first), then the other entries by department. */
export function publishedLines(entries: readonly EntryView[], jointItems: readonly JointItemView[]): PublishedLine[] {
  const accepted = entries.filter((e) => e.status === '已采纳');
  const line = (e: EntryView, joint: JointItemView | null): PublishedLine => ({
    jointItemName: joint?.name ?? null,
    initiatingDepartment: joint?.initiatingDepartment.name ?? null,
    cooperatingDepartments: joint?.cooperatingDepartments.map((d) => d.name) ?? [],
    departmentName: e.departmentName,
    itemCode: e.samplingItemCode,
    itemName: e.samplingItemName,
    periodFrom: e.periodFrom,
    periodTo: e.periodTo,
    objectScope: e.scopeText,
    method: joint ? `跨部门联合${e.method}` : e.method,
    ratio: e.ratioText,
    content: e.content,
    materials: e.materials,
  });
  const lines: PublishedLine[] = [];
  for (const joint of jointItems) {
    const own = accepted.filter((e) => e.jointItemId === joint.id);
    own.sort(
      (a, b) =>
        Number(b.departmentId === joint.initiatingDepartment.id) -
        Number(a.departmentId === joint.initiatingDepartment.id),
    );
    lines.push(...own.map((e) => line(e, joint)));
  }
  lines.push(...accepted.filter((e) => e.jointItemId === null).map((e) => line(e, null)));
  return lines;
}

/** Every revision of the plan of a year, in order. */
export const planRevisions = (db: Db, year: number) =>
  db
    .selectFrom('annual_plans')
    .select(['id', 'revision', 'status', 'revision_reason', 'published_at'])
    .where('year', '=', year)
    .orderBy('revision')
    .execute();

/** Every plan with its number of entries and of departments, newest year and revision first. */
export const plansWithCounts = (db: Db) =>
  db
    .selectFrom('annual_plans as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('annual_plan_entries as e')
        .whereRef('e.plan_id', '=', 'p.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('entry_count'),
      eb
        .selectFrom('annual_plan_entries as e')
        .whereRef('e.plan_id', '=', 'p.id')
        .select((sub) => sub.fn.count<number>('e.department_id').distinct().as('n'))
        .as('department_count'),
    ])
    .orderBy('p.year', 'desc')
    .orderBy('p.revision', 'desc')
    .execute();

export async function yearHasPlan(db: Db, year: number): Promise<boolean> {
  const row = await db.selectFrom('annual_plans').select('id').where('year', '=', year).executeTakeFirst();
  return row !== undefined;
}

export async function insertAnnualPlan(db: Db, values: Insertable<AnnualPlanTable>): Promise<number> {
  const { id } = await db.insertInto('annual_plans').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAnnualPlan(db: Db, id: number, values: Updateable<AnnualPlanTable>): Promise<void> {
  await db.updateTable('annual_plans').set(values).where('id', '=', id).execute();
}
