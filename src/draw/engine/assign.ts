import { inspectorNumber, taskDraw, taskKeyWords } from './prn';

/** Draws from a task's stream before falling back to scanning the pool by v. */
const REJECTION_TRIES = 24;
import { certificateCovers, qualifies, requiredInspectors } from '../../inspectors/inspector-eligibility';
import type { StaffedTask } from './steps';
import type { DrawInput, FrameItem, RoundInspector, Task, UnstaffedTask } from './types';

export interface Assignment {
  tasks: Task[];
  unstaffed: UnstaffedTask[];
  load: number[];
}

/** A selected subject before staffing: its items (in frames order) and departments (ascending). */
export interface MergedTask {
  key: string;
  member: number;
  items: FrameItem[];
  departmentIds: number[];
}

function usccIndex(
  inspectors: readonly RoundInspector[],
  pick: (i: RoundInspector) => readonly string[],
): Map<string, Set<number>> {
  const index = new Map<string, Set<number>>();
  inspectors.forEach((inspector, n) => {
    for (const uscc of pick(inspector)) {
      const set = index.get(uscc) ?? new Set<number>();
      set.add(n);
      index.set(uscc, set);
    }
  });
  return index;
}

interface Department {
  departmentId: number;
  /** The department's items in the task, as positions in frames.items. */
  items: number[];
  /** Qualified for at least one of the department's items in the task. */
  qualified: readonly number[];
}

/** Whether the keys ascend strictly, as the merged tasks of a frame ordered by USCC do. */
function keysAscend(merged: readonly MergedTask[]): boolean {
  for (let k = 1; k < merged.length; k += 1) if (!(merged[k - 1]!.key < merged[k]!.key)) return false;
  return true;
}

/**
 * Task positions ordered by (difficulty, key). When the keys already ascend with the position, the position stands in
 * for the key and the pairs sort as numbers: difficulty·2³² + position, exact in a double for any city. Difficulty
 * may be negative (an inspector both in conflict with the subject and its inspector last cycle is counted twice), so
 * the position is recovered with a floored division, not with `%`.
 */
function staffingOrder(merged: readonly MergedTask[], difficulty: Int32Array, ascending: boolean): ArrayLike<number> {
  if (ascending) {
    const packed = new Float64Array(merged.length);
    for (let k = 0; k < merged.length; k += 1) packed[k] = difficulty[k]! * 2 ** 32 + k;
    packed.sort();
    const order = new Array<number>(merged.length);
    for (let k = 0; k < merged.length; k += 1) order[k] = packed[k]! - Math.floor(packed[k]! / 2 ** 32) * 2 ** 32;
    return order;
  }
  return Array.from(merged, (_, k) => k).sort(
    (a, b) => difficulty[a]! - difficulty[b]! || (merged[a]!.key < merged[b]!.key ? -1 : 1),
  );
}

/**
 * Inspector assignment (docs/draw.md, 确切定义): per task and department, eligible =
 * active, certificate valid for the whole window, qualified for the department's items in the
 * task, no declared conflict with the subject, not its inspector last cycle, capacity left.
 * Eligible inspectors are taken uniformly at random (the task's seeded stream; see `best`) until every item of the department is covered
 * (so each department sends at least one), then the task is filled to max(2, the items'
 * minimum) from all its departments. Tasks with the fewest eligible inspectors go first.
 * A task that cannot be staffed keeps no inspector and gets the reason. Step by step: each task is handed out as
 * soon as it is staffed (or found unstaffable), in staffing order, with its place in the result (steps.ts).
 */
export function* staffing(input: DrawInput, merged: readonly MergedTask[]): Generator<StaffedTask, Assignment> {
  const { inspectors, round, seed, frames } = input;
  const names = input.departmentNames ?? {};
  const deptName = (id: number) => names[id] ?? `部门 ${id}`;
  const count = inspectors.length;
  const valid = inspectors.map((i) => certificateCovers(i, round.window));
  const validByDept = new Map<number, number>();
  inspectors.forEach((i, n) => {
    if (valid[n]) validByDept.set(i.departmentId, (validByDept.get(i.departmentId) ?? 0) + 1);
  });
  const byDept = new Map<number, number[]>();
  inspectors.forEach((i, n) => {
    if (!valid[n]) return;
    const list = byDept.get(i.departmentId) ?? [];
    list.push(n);
    byDept.set(i.departmentId, list);
  });
  // Per item (its position in frames.items): its qualified inspectors, as a list and as a mask, and `open`: how many
  // of them still have capacity. When `open` is 0 for every item a department still has to cover, no inspector can be
  // picked for it, which is known without scanning the pool (a quarter of a million-subject city's tasks end so once
  // the inspectors are fully booked).
  const itemCount = frames.items.length;
  const qualifiedOf: number[][] = [];
  const maskOf: Uint8Array[] = [];
  const open = new Int32Array(itemCount);
  const itemsOf = Array.from({ length: count }, () => [] as number[]);
  frames.items.forEach((item, j) => {
    const mask = new Uint8Array(count);
    const list = (byDept.get(item.departmentId) ?? []).filter((n) => qualifies(inspectors[n]!, item));
    for (const n of list) {
      mask[n] = 1;
      if (inspectors[n]!.capacity > 0) open[j] += 1;
      itemsOf[n]!.push(j);
    }
    qualifiedOf.push(list);
    maskOf.push(mask);
  });
  const conflicts = usccIndex(inspectors, (i) => i.conflicts);
  const lastCycle = usccIndex(inspectors, (i) => i.lastCycle);
  const capacity = inspectors.map((i) => i.capacity);
  const load = new Array<number>(count).fill(0);
  const stamp = new Int32Array(count);
  let stampNo = 0;

  // A department's part of a task (its items there and the inspectors qualified for any of them) is the same for every
  // task with the same items of that department: one object each, shared by those tasks, not one per task and
  // department (about 700,000 in a city's round, all kept until staffing ends).
  const singles: (Department | undefined)[] = new Array<Department | undefined>(itemCount);
  const shared = new Map<string, Department>();
  const positionOf = new Map(frames.items.map((item, j) => [item, j]));
  // The department's items in the task being looked at, as positions (a buffer reused for every task).
  const positions = new Int32Array(itemCount);
  const departmentsOf = (task: MergedTask): Department[] => {
    const departments: Department[] = [];
    for (const departmentId of task.departmentIds) {
      let count = 0;
      for (const item of task.items) if (item.departmentId === departmentId) positions[count++] = positionOf.get(item)!;
      if (count === 1) {
        const j = positions[0]!;
        departments.push((singles[j] ??= { departmentId, items: [j], qualified: qualifiedOf[j]! }));
        continue;
      }
      const items = positions.subarray(0, count);
      const key = items.join(',');
      let department = shared.get(key);
      if (!department) {
        stampNo += 1;
        const union: number[] = [];
        for (const j of items) {
          for (const n of qualifiedOf[j]!) {
            if (stamp[n] === stampNo) continue;
            stamp[n] = stampNo;
            union.push(n);
          }
        }
        department = { departmentId, items: Array.from(items), qualified: union };
        shared.set(key, department);
      }
      departments.push(department);
    }
    return departments;
  };

  const blockedCount = (qualified: readonly number[], blocked: Set<number> | undefined): number => {
    if (!blocked) return 0;
    let c = 0;
    for (const n of qualified) if (blocked.has(n)) c += 1;
    return c;
  };

  const departmentsByTask: Department[][] = [];
  const conflictedByTask: (Set<number> | undefined)[] = [];
  const visitedByTask: (Set<number> | undefined)[] = [];
  const difficulty = new Int32Array(merged.length);
  merged.forEach((task, k) => {
    const uscc = frames.usccs[task.member]!;
    const conflicted = conflicts.get(uscc);
    const visited = lastCycle.get(uscc);
    const departments = departmentsOf(task);
    let least = Infinity;
    for (const d of departments)
      least = Math.min(
        least,
        d.qualified.length - blockedCount(d.qualified, conflicted) - blockedCount(d.qualified, visited),
      );
    departmentsByTask.push(departments);
    conflictedByTask.push(conflicted);
    visitedByTask.push(visited);
    difficulty[k] = least;
  });
  const ascending = keysAscend(merged);
  const order = staffingOrder(merged, difficulty, ascending);

  // The task being staffed: its stream, its blocked inspectors and who it has taken (takenStamp === vNo).
  const v = new Float64Array(count);
  const vStamp = new Int32Array(count);
  const takenStamp = new Int32Array(count);
  let vNo = 0;
  let words: [number, number, number] = [0, 0, 0];
  let draws = 0;
  let conflicted: Set<number> | undefined;
  let visited: Set<number> | undefined;
  const numberOf = (n: number): number => {
    if (vStamp[n] !== vNo) {
      vStamp[n] = vNo;
      v[n] = inspectorNumber(words, inspectors[n]!.id);
    }
    return v[n]!;
  };
  const isOpen = (n: number) => capacity[n]! > 0 && takenStamp[n] !== vNo && !conflicted?.has(n) && !visited?.has(n);
  // The department being covered: its items and which of them no pick covers yet.
  let coverItems: readonly number[] = [];
  // Flags of coverItems, in one buffer grown to the largest department seen (not one array per department and task).
  let uncovered = new Uint8Array(16);
  const coversAny = (c: number): boolean => {
    for (let i = 0; i < coverItems.length; i += 1)
      if (uncovered[i] === 1 && maskOf[coverItems[i]!]![c] === 1) return true;
    return false;
  };
  /**
   * An open inspector of `pool` that `accept` takes, uniformly at random, or -1: positions drawn
   * from the task's stream (taskDraw) until one is open — rejection sampling, O(1) expected when
   * most are open — and after REJECTION_TRIES misses the open one with the smallest v.
   */
  const best = (pool: readonly number[], accept: ((n: number) => boolean) | null): number => {
    for (let attempt = 0; attempt < REJECTION_TRIES && pool.length > 0; attempt += 1) {
      const n = pool[Math.floor(taskDraw(words, draws++) * pool.length)]!;
      if (isOpen(n) && (!accept || accept(n))) return n;
    }
    let pick = -1;
    let pickV = 2;
    for (const n of pool) {
      if (!isOpen(n) || (accept && !accept(n))) continue;
      const x = numberOf(n);
      if (x < pickV || (x === pickV && inspectors[n]!.id < inspectors[pick]!.id)) {
        pick = n;
        pickV = x;
      }
    }
    return pick;
  };

  // The result lists the tasks in key order: the merged order when it ascends already.
  const byKey = ascending
    ? null
    : Array.from(merged, (_, k) => k).sort((a, b) => (merged[a]!.key < merged[b]!.key ? -1 : 1));
  const indexOf = new Int32Array(merged.length);
  for (let at = 0; at < merged.length; at += 1) indexOf[byKey ? byKey[at]! : at] = at;
  const staffed: Task[] = new Array<Task>(merged.length);
  const reasons: (string | undefined)[] = new Array<string | undefined>(merged.length);
  const poolStamp = new Int32Array(count);
  for (let at = 0; at < order.length; at += 1) {
    const k = order[at]!;
    const task = merged[k]!;
    const departments = departmentsByTask[k]!;
    conflicted = conflictedByTask[k];
    visited = visitedByTask[k];
    vNo += 1;
    words = taskKeyWords(round.hash, seed, task.key);
    draws = 0;
    const picked: number[] = [];
    let failure: string | null = null;
    for (const department of departments) {
      coverItems = department.items;
      if (coverItems.length > uncovered.length) uncovered = new Uint8Array(coverItems.length * 2);
      uncovered.fill(1, 0, coverItems.length);
      let left = coverItems.length;
      const single = coverItems.length === 1;
      while (left > 0) {
        let coverable = false;
        for (let i = 0; i < coverItems.length && !coverable; i += 1)
          coverable = uncovered[i] === 1 && open[coverItems[i]!]! > 0;
        if (!coverable) break;
        const n = best(department.qualified, single ? null : coversAny);
        if (n < 0) break;
        for (let i = 0; i < coverItems.length; i += 1)
          if (uncovered[i] === 1 && maskOf[coverItems[i]!]![n] === 1) {
            uncovered[i] = 0;
            left -= 1;
          }
        picked.push(n);
        takenStamp[n] = vNo;
      }
      if (left > 0) {
        let conflict = 0;
        let rotation = 0;
        let full = 0;
        for (const n of department.qualified) {
          if (conflicted?.has(n)) conflict += 1;
          else if (visited?.has(n)) rotation += 1;
          else if (capacity[n]! <= 0) full += 1;
        }
        const codes = coverItems.filter((_, i) => uncovered[i] === 1).map((j) => frames.items[j]!.code);
        failure =
          `${deptName(department.departmentId)}：事项 ${codes.join('、')} 无可选派的执法检查人员` +
          `（本部门在岗且执法证在检查期内有效 ${validByDept.get(department.departmentId) ?? 0} 人，资格相符 ${department.qualified.length} 人，` +
          `其中利益冲突回避 ${conflict} 人、上一轮检查过该主体 ${rotation} 人、本期任务已满 ${full} 人）`;
        break;
      }
    }
    const required = requiredInspectors(task.items);
    if (!failure && picked.length < required) {
      let pool = departments[0]!.qualified;
      if (departments.length > 1) {
        // Every department's qualified inspectors, each once, in first-seen order.
        const union: number[] = [];
        for (const d of departments)
          for (const n of d.qualified)
            if (poolStamp[n] !== vNo) {
              poolStamp[n] = vNo;
              union.push(n);
            }
        pool = union;
      }
      while (picked.length < required) {
        const n = best(pool, null);
        if (n < 0) break;
        picked.push(n);
        takenStamp[n] = vNo;
      }
      if (picked.length < required)
        failure = `可选派的持证执法检查人员合计 ${picked.length} 名，少于本任务要求的 ${required} 名`;
    }
    if (failure) picked.length = 0;
    for (const n of picked) {
      const before = capacity[n]!;
      capacity[n] = before - 1;
      load[n] = load[n]! + 1;
      if (before > 0 && before - 1 <= 0) for (const j of itemsOf[n]!) open[j] -= 1;
    }
    reasons[k] = failure ?? undefined;
    staffed[k] = {
      key: task.key,
      uscc: frames.usccs[task.member]!,
      subjectId: frames.subjectIds[task.member]!,
      itemCodes: task.items.map((it) => it.code),
      departmentIds: task.departmentIds,
      inspectorIds: picked.map((n) => inspectors[n]!.id),
    };
    yield { index: indexOf[k]!, task: staffed[k], reason: reasons[k] };
  }
  const tasks: Task[] = [];
  const unstaffed: UnstaffedTask[] = [];
  for (let at = 0; at < merged.length; at += 1) {
    const k = byKey ? byKey[at]! : at;
    tasks.push(staffed[k]!);
    if (reasons[k] !== undefined) unstaffed.push({ key: merged[k]!.key, reason: reasons[k]! });
  }
  const taking = new Set(frames.items.map((it) => it.departmentId));
  return { tasks, unstaffed, load: load.filter((_, n) => valid[n] && taking.has(inspectors[n]!.departmentId)) };
}
