import { inspectorNumber, taskDraw, taskKeyWords } from './prn';

/** Draws from a task's stream before falling back to scanning the pool by v. */
const REJECTION_TRIES = 24;
import { certificateCovers, qualifies, requiredInspectors } from '../../inspectors/inspector-eligibility';
import type { DrawInput, FrameItem, RoundInspector, Task, UnstaffedTask } from './types';

/** A selected subject before staffing: its items (by department, then code) and departments. */
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
  items: FrameItem[];
  /** Qualified for at least one of the department's items in the task. */
  qualified: readonly number[];
}

/**
 * Inspector assignment (docs/draw.md, 确切定义): per task and department, eligible =
 * active, certificate valid for the whole window, qualified for the department's items in the
 * task, no declared conflict with the subject, not its inspector last cycle, capacity left.
 * Eligible inspectors are taken uniformly at random (the task's seeded stream; see `best`) until every item of the department is covered
 * (so each department sends at least one), then the task is filled to max(2, the items'
 * minimum) from all its departments. Tasks with the fewest eligible inspectors go first.
 * A task that cannot be staffed keeps no inspector and gets the reason.
 */
export function assignInspectors(
  input: DrawInput,
  merged: readonly MergedTask[],
): { tasks: Task[]; unstaffed: UnstaffedTask[]; load: number[] } {
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
  // `open`: how many of the item's qualified inspectors still have capacity. When it is 0 for every item a department
  // still has to cover, no inspector can be picked for it, which is known without scanning the pool (a quarter of a
  // million-subject city's tasks end so once the inspectors are fully booked).
  const qualifiedByItem = new Map<string, { list: number[]; mask: Uint8Array; open: number }>();
  const itemsOf = Array.from({ length: count }, () => [] as { open: number }[]);
  for (const item of frames.items) {
    const mask = new Uint8Array(count);
    const list = (byDept.get(item.departmentId) ?? []).filter((n) => qualifies(inspectors[n]!, item));
    const entry = { list, mask, open: 0 };
    for (const n of list) {
      mask[n] = 1;
      if (inspectors[n]!.capacity > 0) entry.open += 1;
      itemsOf[n]!.push(entry);
    }
    qualifiedByItem.set(item.code, entry);
  }
  const conflicts = usccIndex(inspectors, (i) => i.conflicts);
  const lastCycle = usccIndex(inspectors, (i) => i.lastCycle);
  const capacity = inspectors.map((i) => i.capacity);
  const load = new Array<number>(count).fill(0);
  const stamp = new Int32Array(count);
  let stampNo = 0;

  const unions = new Map<string, number[]>();
  const departmentsOf = (task: MergedTask): Department[] =>
    task.departmentIds.map((departmentId) => {
      const items = task.items.filter((it) => it.departmentId === departmentId);
      if (items.length === 1) return { departmentId, items, qualified: qualifiedByItem.get(items[0]!.code)!.list };
      // Many tasks share a department's set of items: its union is built once.
      const key = items.map((it) => it.code).join(',');
      const known = unions.get(key);
      if (known) return { departmentId, items, qualified: known };
      stampNo += 1;
      const union: number[] = [];
      unions.set(key, union);
      for (const it of items) {
        for (const n of qualifiedByItem.get(it.code)!.list) {
          if (stamp[n] === stampNo) continue;
          stamp[n] = stampNo;
          union.push(n);
        }
      }
      return { departmentId, items, qualified: union };
    });

  const blockedCount = (qualified: readonly number[], blocked: Set<number> | undefined): number => {
    if (!blocked) return 0;
    let c = 0;
    for (const n of qualified) if (blocked.has(n)) c += 1;
    return c;
  };

  const prepared = merged.map((task) => {
    const uscc = frames.usccs[task.member]!;
    const conflicted = conflicts.get(uscc);
    const visited = lastCycle.get(uscc);
    const departments = departmentsOf(task);
    const difficulty = Math.min(
      ...departments.map(
        (d) => d.qualified.length - blockedCount(d.qualified, conflicted) - blockedCount(d.qualified, visited),
      ),
    );
    return { task, departments, conflicted, visited, difficulty };
  });
  prepared.sort((a, b) => a.difficulty - b.difficulty || (a.task.key < b.task.key ? -1 : 1));

  const tasks: Task[] = [];
  const unstaffed: UnstaffedTask[] = [];
  const v = new Float64Array(count);
  const vStamp = new Int32Array(count);
  const takenStamp = new Int32Array(count);
  let vNo = 0;
  for (const { task, departments, conflicted, visited } of prepared) {
    vNo += 1;
    const words = taskKeyWords(round.hash, seed, task.key);
    const numberOf = (n: number): number => {
      if (vStamp[n] !== vNo) {
        vStamp[n] = vNo;
        v[n] = inspectorNumber(words, inspectors[n]!.id);
      }
      return v[n]!;
    };
    let draws = 0;
    const open = (n: number) => capacity[n]! > 0 && takenStamp[n] !== vNo && !conflicted?.has(n) && !visited?.has(n);
    /**
     * An open inspector of `pool` that `accept` takes, uniformly at random, or -1: positions drawn
     * from the task's stream (taskDraw) until one is open — rejection sampling, O(1) expected when
     * most are open — and after REJECTION_TRIES misses the open one with the smallest v.
     */
    const best = (pool: readonly number[], accept: ((n: number) => boolean) | null): number => {
      for (let attempt = 0; attempt < REJECTION_TRIES && pool.length > 0; attempt += 1) {
        const n = pool[Math.floor(taskDraw(words, draws++) * pool.length)]!;
        if (open(n) && (!accept || accept(n))) return n;
      }
      let pick = -1;
      let pickV = 2;
      for (const n of pool) {
        if (!open(n) || (accept && !accept(n))) continue;
        const x = numberOf(n);
        if (x < pickV || (x === pickV && inspectors[n]!.id < inspectors[pick]!.id)) {
          pick = n;
          pickV = x;
        }
      }
      return pick;
    };
    const picked: number[] = [];
    let failure: string | null = null;
    for (const department of departments) {
      const uncovered = new Set(department.items.map((it) => it.code));
      while (uncovered.size > 0) {
        const single = department.items.length === 1;
        if (department.items.every((it) => !uncovered.has(it.code) || qualifiedByItem.get(it.code)!.open === 0)) break;
        const n = best(
          department.qualified,
          single
            ? null
            : (c) =>
                department.items.some((it) => uncovered.has(it.code) && qualifiedByItem.get(it.code)!.mask[c] === 1),
        );
        if (n < 0) break;
        for (const it of department.items) if (qualifiedByItem.get(it.code)!.mask[n] === 1) uncovered.delete(it.code);
        picked.push(n);
        takenStamp[n] = vNo;
      }
      if (uncovered.size > 0) {
        let conflict = 0;
        let rotation = 0;
        let full = 0;
        for (const n of department.qualified) {
          if (conflicted?.has(n)) conflict += 1;
          else if (visited?.has(n)) rotation += 1;
          else if (capacity[n]! <= 0) full += 1;
        }
        failure =
          `${deptName(department.departmentId)}：事项 ${[...uncovered].join('、')} 无可选派的执法检查人员` +
          `（本部门在岗且执法证在检查期内有效 ${validByDept.get(department.departmentId) ?? 0} 人，资格相符 ${department.qualified.length} 人，` +
          `其中利益冲突回避 ${conflict} 人、上一轮检查过该主体 ${rotation} 人、本期任务已满 ${full} 人）`;
        break;
      }
    }
    const required = requiredInspectors(task.items);
    if (!failure && picked.length < required) {
      const pool =
        departments.length === 1 ? departments[0]!.qualified : [...new Set(departments.flatMap((d) => d.qualified))];
      while (picked.length < required) {
        const n = best(pool, null);
        if (n < 0) break;
        picked.push(n);
        takenStamp[n] = vNo;
      }
      if (picked.length < required)
        failure = `可选派的持证执法检查人员合计 ${picked.length} 名，少于本任务要求的 ${required} 名`;
    }
    const base = {
      key: task.key,
      uscc: frames.usccs[task.member]!,
      subjectId: frames.subjectIds[task.member]!,
      itemCodes: task.items.map((it) => it.code),
      departmentIds: task.departmentIds,
    };
    if (failure) {
      unstaffed.push({ key: task.key, reason: failure });
      tasks.push({ ...base, inspectorIds: [] });
      continue;
    }
    for (const n of picked) {
      const before = capacity[n]!;
      capacity[n] = before - 1;
      load[n] = load[n]! + 1;
      if (before > 0 && before - 1 <= 0) for (const entry of itemsOf[n]!) entry.open -= 1;
    }
    tasks.push({ ...base, inspectorIds: picked.map((n) => inspectors[n]!.id) });
  }
  tasks.sort((a, b) => (a.key < b.key ? -1 : 1));
  unstaffed.sort((a, b) => (a.key < b.key ? -1 : 1));
  const taking = new Set(frames.items.map((it) => it.departmentId));
  return { tasks, unstaffed, load: load.filter((_, n) => valid[n] && taking.has(inspectors[n]!.departmentId)) };
}
