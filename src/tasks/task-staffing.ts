import { createHash } from 'node:crypto';
import {
  type CandidateInspector,
  type ItemRequirement,
  ineligibility,
  qualifies,
  requiredInspectors,
} from '../inspectors/inspector-eligibility';

/**
 * Staffing a task that no draw staffed (registrations, special plans, merges, later follow-ups):
 * the draw's rules (src/inspectors/inspector-eligibility.ts) and a seeded, recorded order, so
 * anyone holding the seed and the pool can recompute who was sent. Pure.
 */

export interface StaffingDepartment {
  departmentId: number;
  items: ItemRequirement[];
  /** Inspectors already on the task for this department (from absorbed tasks or the registration): kept. */
  keep: number[];
}

export interface StaffingInput {
  seed: string;
  uscc: string;
  window: { from: string; to: string };
  departments: StaffingDepartment[];
  inspectors: readonly CandidateInspector[];
  departmentNames?: Record<number, string>;
}

export interface StaffingPick {
  inspectorId: number;
  departmentId: number;
}

export interface StaffingResult {
  /** Every inspector on the task afterwards (kept ones first), each for one department. */
  picks: StaffingPick[];
  /** Inspectors that were on the task but may no longer be sent (a conflict declared since, a certificate that does not cover the window…). */
  dropped: (StaffingPick & { reason: string })[];
  /** Null when staffed; otherwise why not: the departments that could be staffed keep their inspectors, the task is not filled up. */
  unstaffedReason: string | null;
  /** Per department, the eligible inspectors in seeded order: the evidence of the selection. */
  pools: Record<number, number[]>;
}

/** The inspector's place in a task's seeded order: SHA-256 of seed and id, as hex (lower goes first). */
export const staffingKey = (seed: string, inspectorId: number): string =>
  createHash('sha256').update(`${seed}:${inspectorId}`).digest('hex');

function seededOrder(seed: string, ids: readonly number[]): number[] {
  const keys = new Map(ids.map((id) => [id, staffingKey(seed, id)]));
  return [...ids].sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : a - b));
}

export function staffTask(input: StaffingInput): StaffingResult {
  const byId = new Map(input.inspectors.map((i) => [i.id, i]));
  const name = (id: number) => input.departmentNames?.[id] ?? `部门 ${id}`;
  // A kept inspector is checked like any other, except capacity: this visit is already in their load.
  const dropped: StaffingResult['dropped'] = [];
  const departments = input.departments.map((d) => ({
    ...d,
    keep: d.keep.filter((inspectorId) => {
      const i = byId.get(inspectorId);
      const why = i
        ? ineligibility(
            { ...i, capacity: Math.max(i.capacity, 1) },
            { departmentId: d.departmentId, items: d.items, uscc: input.uscc, window: input.window },
          )
        : '不在执法检查人员名录库中';
      if (why) dropped.push({ inspectorId, departmentId: d.departmentId, reason: why });
      return why === null;
    }),
  }));
  const picks: StaffingPick[] = departments.flatMap((d) =>
    d.keep.map((inspectorId) => ({ inspectorId, departmentId: d.departmentId })),
  );
  const taken = new Set([...picks.map((p) => p.inspectorId), ...dropped.map((d) => d.inspectorId)]);
  const pools: Record<number, number[]> = {};
  const added: StaffingPick[] = [];
  const failures: string[] = [];
  for (const d of departments) {
    const task = { departmentId: d.departmentId, items: d.items, uscc: input.uscc, window: input.window };
    const own = input.inspectors.filter((i) => i.departmentId === d.departmentId);
    const eligible = own.filter((i) => ineligibility(i, task) === null).map((i) => i.id);
    pools[d.departmentId] = seededOrder(input.seed, eligible);
    const mine = [...d.keep];
    const uncovered = new Set(
      d.items.filter((it) => !mine.some((id) => qualifies(byId.get(id)!, it))).map((it) => it.code),
    );
    for (const id of pools[d.departmentId]!) {
      if (uncovered.size === 0 && mine.length > 0) break;
      if (taken.has(id)) continue;
      const inspector = byId.get(id)!;
      const covers = d.items.filter((it) => uncovered.has(it.code) && qualifies(inspector, it));
      if (covers.length === 0 && !(mine.length === 0 && uncovered.size === 0)) continue;
      for (const it of covers) uncovered.delete(it.code);
      mine.push(id);
      taken.add(id);
      added.push({ inspectorId: id, departmentId: d.departmentId });
    }
    if (uncovered.size > 0 || mine.length === 0) {
      const reasons = new Map<string, number>();
      for (const i of own) {
        const why = ineligibility(i, task);
        if (why) reasons.set(why.replace(/（.*）/, ''), (reasons.get(why.replace(/（.*）/, '')) ?? 0) + 1);
      }
      failures.push(
        `${name(d.departmentId)}：${uncovered.size ? `事项 ${[...uncovered].join('、')} ` : ''}无可选派的执法检查人员（本部门执法检查人员 ${own.length} 人，可选派 ${eligible.length} 人` +
          `${[...reasons].map(([why, n]) => `，${why} ${n} 人`).join('')}）`,
      );
    }
  }
  let failure: string | null = failures.length ? failures.join('；') : null;
  const required = requiredInspectors(departments.flatMap((d) => d.items));
  if (!failure && picks.length + added.length < required) {
    const union = seededOrder(input.seed, Object.values(pools).flat());
    const departmentOf = new Map(input.inspectors.map((i) => [i.id, i.departmentId]));
    for (const id of union) {
      if (picks.length + added.length >= required) break;
      if (taken.has(id)) continue;
      taken.add(id);
      added.push({ inspectorId: id, departmentId: departmentOf.get(id)! });
    }
    if (picks.length + added.length < required)
      failure = `可选派的持证执法检查人员合计 ${picks.length + added.length} 名，少于本任务要求的 ${required} 名`;
  }
  return { picks: [...picks, ...added], dropped, unstaffedReason: failure, pools };
}

/**
 * A department's own choice (指定): refused unless every chosen inspector is eligible and together
 * they cover the department's items. Returns the problems, one per inspector or item (empty: allowed).
 */
export function checkChoice(
  input: { departmentId: number; items: ItemRequirement[]; uscc: string; window: { from: string; to: string } },
  chosen: readonly CandidateInspector[],
): string[] {
  const problems = chosen.flatMap((i) => {
    const why = ineligibility(i, input);
    return why ? [`${i.name ?? `执法检查人员 ${i.id}`}：${why}`] : [];
  });
  if (chosen.length === 0) problems.push('每个参加检查的部门至少选派 1 名执法检查人员');
  const uncovered = input.items.filter((it) => !chosen.some((i) => qualifies(i, it)));
  if (uncovered.length) problems.push(`事项 ${uncovered.map((it) => it.code).join('、')} 没有具备资格的执法检查人员`);
  return problems;
}
