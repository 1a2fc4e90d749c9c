import { sql } from 'kysely';
import type { Db } from '../db/database';
import { notFound } from '../shared/app-error';
import { tagNameMap } from './annual-plan.repository';
import { fullCheckDepartments } from './full-check';
import { ratioText, scopeText } from './plan-text';
import type { PublishedLine, SpecialPlanView } from './plan.schemas';
import type { SpecialPlanRow } from './plan.table';

type ItemRef = SpecialPlanView['samplingItems'][number];

export async function loadSpecialPlan(db: Db, id: number): Promise<SpecialPlanRow & { department_name: string }> {
  const plan = await db
    .selectFrom('special_plans as p')
    .innerJoin('departments as d', 'd.id', 'p.department_id')
    .selectAll('p')
    .select('d.name as department_name')
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!plan) throw notFound('专项检查方案');
  // bigint[] arrives as strings through the pg API (only scalar int8 is mapped to number).
  return { ...plan, subject_ids: plan.subject_ids.map(Number) };
}

export async function itemRefs(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, ItemRef & { method: string; ratio: string; departmentId: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sampling_items as s')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .select(['s.id', 's.code', 's.name', 's.method', 's.ratios', 's.department_id', 'd.name as department_name'])
    .where('s.id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        code: r.code,
        name: r.name,
        departmentName: r.department_name,
        method: r.method,
        ratio: ratioText(r.ratios),
        departmentId: r.department_id,
      },
    ]),
  );
}

const stateOf = (answer: string | null, overdue: boolean) =>
  answer === '参加' || answer === '不参加' ? answer : overdue ? '已逾期' : '待答复';

/** The plan as its department, the office and the consulted departments see it; `today` decides what is overdue. */
export async function specialPlanView(db: Db, id: number, today: string): Promise<SpecialPlanView> {
  const plan = await loadSpecialPlan(db, id);
  const consultations = await db
    .selectFrom('special_plan_consultations as c')
    .innerJoin('departments as d', 'd.id', 'c.department_id')
    .selectAll('c')
    .select('d.name as department_name')
    .where('c.plan_id', '=', id)
    .orderBy('c.department_id')
    .execute();
  const refs = await itemRefs(db, [...plan.sampling_item_ids, ...consultations.flatMap((c) => c.sampling_item_ids)]);
  const subjects = plan.subject_ids.length
    ? await db
        .selectFrom('subjects')
        .select(['id', 'uscc', 'name'])
        .where('id', 'in', plan.subject_ids)
        .orderBy('uscc')
        .execute()
    : [];
  const pick = (ids: number[]) =>
    ids.flatMap((i) => {
      const r = refs.get(i);
      return r ? [{ id: r.id, code: r.code, name: r.name, departmentName: r.departmentName }] : [];
    });
  const preview = plan.kind === '全项彻查' && ['草稿', '已报送', '已退回'].includes(plan.status);
  const matched = preview ? await fullCheckDepartments(db, plan.scope, plan.subject_ids) : [];
  return {
    id: plan.id,
    departmentId: plan.department_id,
    departmentName: plan.department_name,
    kind: plan.kind,
    title: plan.title,
    basis: plan.basis,
    scope: plan.scope,
    scopeText: scopeText(plan.scope, await tagNameMap(db), plan.subject_ids.length),
    subjects: subjects.map((s) => ({ id: Number(s.id), uscc: s.uscc, name: s.name })),
    periodFrom: plan.period_from,
    periodTo: plan.period_to,
    content: plan.content,
    materials: plan.materials,
    samplingItems: pick(plan.sampling_item_ids),
    status: plan.status,
    public: plan.public,
    returnReason: plan.return_reason,
    consultationStart: plan.consultation_start,
    consultationDeadline: plan.consultation_deadline,
    consultations: consultations.map((c) => {
      const overdue = c.answer === null && plan.consultation_deadline !== null && today > plan.consultation_deadline;
      return {
        departmentId: c.department_id,
        departmentName: c.department_name,
        pulledIn: c.pulled_in,
        answer: c.answer,
        reason: c.reason,
        samplingItems: pick(c.sampling_item_ids),
        answeredAt: c.answered_at?.toISOString() ?? null,
        answeredOn: c.answered_on,
        late: c.late,
        overdue,
        state: stateOf(c.answer, overdue),
      };
    }),
    fullCheckDepartments: matched
      .filter((d) => d.id !== plan.department_id)
      .map((d) => ({ id: d.id, name: d.name, items: d.items.map((i) => i.name) })),
    submittedAt: plan.submitted_at?.toISOString() ?? null,
    approvedAt: plan.approved_at?.toISOString() ?? null,
    publishedAt: plan.published_at?.toISOString() ?? null,
    published: plan.published_content,
  };
}

/** Published lines: the initiating department's items, then those of each department that joined. */
export function specialPlanLines(
  view: SpecialPlanView,
  refs: Map<number, { method: string; ratio: string }>,
): PublishedLine[] {
  const joined = view.consultations.filter((c) => c.answer === '参加');
  const joint = joined.length > 0;
  const items = [...view.samplingItems, ...joined.flatMap((c) => c.samplingItems)];
  return items.map((item) => ({
    jointItemName: joint ? view.title : null,
    initiatingDepartment: joint ? view.departmentName : null,
    cooperatingDepartments: joint ? joined.map((c) => c.departmentName) : [],
    departmentName: item.departmentName,
    itemCode: item.code,
    itemName: item.name,
    periodFrom: view.periodFrom,
    periodTo: view.periodTo,
    objectScope: view.scopeText,
    method: `${joint ? '跨部门联合' : ''}${refs.get(item.id)?.method ?? '双随机'}`,
    ratio: view.subjects.length ? '指定名单内对象全部检查' : (refs.get(item.id)?.ratio ?? ''),
    content: view.content,
    materials: view.materials,
  }));
}

/**
 * Plans the actor's department may see: its own (drafts included), those it is consulted on,
 * published ones; the office (scope all) sees every plan that has left its department's drafts.
 */
export async function visibleSpecialPlans(db: Db, departmentId: number, office: boolean, today: string) {
  return db
    .selectFrom('special_plans as p')
    .innerJoin('departments as d', 'd.id', 'p.department_id')
    .selectAll('p')
    .select('d.name as department_name')
    .select((eb) => [
      eb
        .selectFrom('special_plan_consultations as c')
        .whereRef('c.plan_id', '=', 'p.id')
        .where('c.answer', 'is', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('pending'),
      eb
        .selectFrom('special_plan_consultations as c')
        .whereRef('c.plan_id', '=', 'p.id')
        .where('c.answer', 'is', null)
        .where(sql<boolean>`p.consultation_deadline < ${today}::date`)
        .select(eb.fn.countAll<number>().as('n'))
        .as('overdue'),
    ])
    .where((eb) =>
      eb.or([
        eb('p.department_id', '=', departmentId),
        eb('p.status', '=', '已公布'),
        office
          ? eb('p.status', '!=', '草稿')
          : eb.exists(
              eb
                .selectFrom('special_plan_consultations as c')
                .whereRef('c.plan_id', '=', 'p.id')
                .where('c.department_id', '=', departmentId)
                .select('c.plan_id'),
            ),
      ]),
    )
    .orderBy('p.updated_at', 'desc')
    .execute();
}
