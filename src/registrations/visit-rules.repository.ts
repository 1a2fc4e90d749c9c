import { sql } from 'kysely';
import type { Db } from '../db/database';
import { inspectedOnSql } from '../tasks/task-dates';
import { isItemBound, isRoutine, type PlannedVisit, type SubjectYear } from './visit-rules';
import type { RegistrationKind } from './registration.table';

export interface SubjectVisit extends PlannedVisit {
  subjectId: number;
}

const yearBounds = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** Once known, the inspection date (src/tasks/task-dates.ts) decides the year a task counts in; before, the start of its window does. */
const inspectedOn = inspectedOnSql;

/**
 * Everything planned or done in a year that the visit rules count: inspection tasks that are neither
 * void nor merged away, in the year they were inspected (or, not yet inspected, the year their window opens) (a draw task is routine; a merged task is routine when it absorbed a draw
 * task or a routine registration), and active registrations (routine when 日常检查; their items
 * count when the kind is bound by "same item once a year"). Restricted to `subjectIds` when given.
 */
export async function loadPlannedVisits(
  db: Db,
  year: number,
  subjectIds: readonly number[] | null,
): Promise<SubjectVisit[]> {
  if (subjectIds && subjectIds.length === 0) return [];
  const { from, to } = yearBounds(year);
  let tasks = db
    .selectFrom('inspection_tasks as t')
    .leftJoin('inspection_registrations as reg', 'reg.id', 't.registration_id')
    .select(['t.subject_id', 't.task_no', 'reg.kind as registered_kind'])
    .select('t.routine')
    .select(
      sql<
        string[]
      >`coalesce((SELECT array_agg(ti.item_code ORDER BY ti.item_code) FROM inspection_task_items ti WHERE ti.task_id = t.id), '{}')`.as(
        'item_codes',
      ),
    )
    .select(sql<string | null>`${inspectedOn}`.as('inspected_on'))
    .where('t.status', 'not in', ['已作废', '已合并'])
    .where(sql<string>`coalesce(${inspectedOn}, t.window_from)`, '>=', from)
    .where(sql<string>`coalesce(${inspectedOn}, t.window_from)`, '<=', to);
  let registrations = db
    .selectFrom('inspection_registrations')
    .select(['subject_id', 'registration_no', 'kind', 'items'])
    .where('status', '=', '有效')
    .where('year', '=', year);
  if (subjectIds) {
    tasks = tasks.where('t.subject_id', 'in', [...subjectIds]);
    registrations = registrations.where('subject_id', 'in', [...subjectIds]);
  }
  const [taskRows, registrationRows] = await Promise.all([
    tasks.orderBy('t.id').execute(),
    registrations.orderBy('id').execute(),
  ]);
  return [
    // A task confirmed from a registration counts its items as the registration did (only kinds bound by "same item once a year").
    ...taskRows.map((t) => ({
      subjectId: Number(t.subject_id),
      ref: `任务 ${t.task_no}${t.inspected_on ? `（${t.inspected_on} 已检查）` : ''}`,
      routine: t.routine,
      itemCodes: t.registered_kind && !isItemBound(t.registered_kind as RegistrationKind) ? [] : t.item_codes,
    })),
    ...registrationRows.map((r) => ({
      subjectId: Number(r.subject_id),
      ref: `登记 ${r.registration_no}`,
      routine: isRoutine(r.kind as RegistrationKind),
      itemCodes: isItemBound(r.kind as RegistrationKind) ? r.items.map((i) => i.code) : [],
    })),
  ];
}

/** The subjects' years as the rules see them, keyed by subject id. */
export async function loadSubjectYears(
  db: Db,
  year: number,
  subjects: readonly { id: number; uscc: string; name: string; whitelisted: boolean }[],
): Promise<Map<number, SubjectYear>> {
  const visits = await loadPlannedVisits(
    db,
    year,
    subjects.map((s) => s.id),
  );
  return new Map(
    subjects.map((s) => [
      s.id,
      {
        uscc: s.uscc,
        name: s.name,
        whitelisted: s.whitelisted,
        year,
        visits: visits.filter((v) => v.subjectId === s.id),
      },
    ]),
  );
}

/**
 * The draw's history maps (src/draw/engine/types.ts FrameRegisters): routine visits per subject,
 * and the round's sampling item ids each subject already has planned or done this year (task and
 * registration items carry codes; `itemIdOfCode` maps the round's codes to ids).
 */
export async function loadDrawHistory(
  db: Db,
  year: number,
  itemIdOfCode: ReadonlyMap<string, number>,
): Promise<{ routineVisits: Map<number, number>; inspectedItems: Map<number, Set<number>> }> {
  const routineVisits = new Map<number, number>();
  const inspectedItems = new Map<number, Set<number>>();
  for (const visit of await loadPlannedVisits(db, year, null)) {
    if (visit.routine) routineVisits.set(visit.subjectId, (routineVisits.get(visit.subjectId) ?? 0) + 1);
    for (const code of visit.itemCodes) {
      const id = itemIdOfCode.get(code);
      if (id === undefined) continue;
      const set = inspectedItems.get(visit.subjectId) ?? new Set<number>();
      set.add(id);
      inspectedItems.set(visit.subjectId, set);
    }
  }
  return { routineVisits, inspectedItems };
}
