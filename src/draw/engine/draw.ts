import { ALGORITHM_VERSION } from './algorithm';
import { type MergedTask, staffing } from './assign';
import { finish, type StaffedTask } from './steps';
import { PPM } from './inclusion';
import { subjectNumbers } from './subject-numbers';
import { selectMembers, stratumTarget } from './selection';
import type { DrawInput, DrawMeasures, DrawResult, FrameItem, ItemMeasure } from './types';
import { strata } from './types';

function itemMeasure(item: FrameItem, selected: readonly number[]): ItemMeasure {
  const perStratum = strata.map((stratum) => ({ stratum, frame: 0, expected: 0, selected: 0 }));
  const piSums = strata.map(() => 0);
  const { members, stratum, piPpm } = item;
  for (let k = 0; k < members.length; k += 1) {
    const h = stratum[k]!;
    perStratum[h]!.frame += 1;
    piSums[h] += piPpm[k]!;
  }
  perStratum.forEach((s, h) => {
    s.expected = item.design === 'fixed' ? stratumTarget(piSums[h]!, s.frame) : piSums[h]! / PPM;
  });
  // Both lists ascend by member position: walk them together.
  let k = 0;
  for (const m of selected) {
    while (members[k]! < m) k += 1;
    perStratum[stratum[k]!]!.selected += 1;
  }
  return {
    code: item.code,
    frame: members.length,
    selected: selected.length,
    strata: perStratum.filter((s) => s.frame > 0),
  };
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The draw itself: numbers → selection per item → one task per subject → inspectors. */
export function runDraw(input: DrawInput): DrawResult {
  return finish(drawing(input));
}

/** runDraw step by step: each task as it is staffed (staffing in assign.ts), then the result. */
export function* drawing(input: DrawInput): Generator<StaffedTask, DrawResult> {
  const timingsMs: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timingsMs[phase] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };
  const { frames, round } = input;
  const u = subjectNumbers(round.hash, input.seed, frames.usccs, round.roundIndex, round.roundsInYear);
  lap('numbers');

  const selections = frames.items.map((item) => ({ code: item.code, members: selectMembers(item, u) }));
  lap('selection');

  const n = frames.usccs.length;
  const maxPi = new Float64Array(n);
  const missProduct = new Float64Array(n).fill(1);
  for (const item of frames.items) {
    const { members, piPpm } = item;
    for (let k = 0; k < members.length; k += 1) {
      const m = members[k]!;
      const pi = piPpm[k]! / PPM;
      if (pi > maxPi[m]!) maxPi[m] = pi;
      missProduct[m] = missProduct[m]! * (1 - pi);
    }
  }
  // Items selected per subject, as offsets into one array (items in frames order, i.e. by code).
  const start = new Int32Array(n + 1);
  for (const { members } of selections) for (const m of members) start[m + 1] += 1;
  for (let m = 0; m < n; m += 1) start[m + 1] += start[m]!;
  const fill = start.slice(0, n);
  const itemAt = new Int32Array(start[n]!);
  selections.forEach(({ members }, j) => {
    for (const m of members) itemAt[fill[m]++] = j;
  });
  const merged: MergedTask[] = [];
  const keyPrefix = `${round.year}-${round.roundIndex}-`;
  // Each item's department as a small number, so a subject's departments are gathered without a Set per subject.
  const departmentNumbers = new Map<number, number>();
  const departmentOf = Int32Array.from(frames.items, (item) => {
    let d = departmentNumbers.get(item.departmentId);
    if (d === undefined) departmentNumbers.set(item.departmentId, (d = departmentNumbers.size));
    return d;
  });
  const seenFor = new Int32Array(departmentNumbers.size).fill(-1);
  for (let m = 0; m < n; m += 1) {
    if (start[m] === start[m + 1]) continue;
    const items = new Array<FrameItem>(start[m + 1]! - start[m]!);
    const departmentIds: number[] = [];
    for (let at = start[m]!; at < start[m + 1]!; at += 1) {
      const j = itemAt[at]!;
      const item = frames.items[j]!;
      items[at - start[m]!] = item;
      if (seenFor[departmentOf[j]!] === m) continue;
      seenFor[departmentOf[j]!] = m;
      departmentIds.push(item.departmentId);
    }
    // Ascending; a subject has a few departments, sorted in place (Array#sort copies the array it sorts).
    for (let k = 1; k < departmentIds.length; k += 1)
      for (let i = k; i > 0 && departmentIds[i - 1]! > departmentIds[i]!; i -= 1) {
        const later = departmentIds[i]!;
        departmentIds[i] = departmentIds[i - 1]!;
        departmentIds[i - 1] = later;
      }
    merged.push({ key: keyPrefix + frames.usccs[m], member: m, items, departmentIds });
  }
  lap('merge');

  const { tasks, unstaffed, load } = yield* staffing(input, merged);
  lap('assignment');

  let lowerBound = 0;
  let independentExpected = 0;
  for (let m = 0; m < n; m += 1) {
    lowerBound += maxPi[m]!;
    independentExpected += 1 - missProduct[m]!;
  }
  const items = frames.items.map((item, j) => itemMeasure(item, selections[j]!.members));
  const tasksByDepartmentCount: number[] = [];
  for (const t of merged)
    tasksByDepartmentCount[t.departmentIds.length] = (tasksByDepartmentCount[t.departmentIds.length] ?? 0) + 1;
  const excluded: Record<string, number> = {};
  for (const e of frames.excluded) excluded[e.reason] = (excluded[e.reason] ?? 0) + 1;
  const sortedLoad = [...load].sort((a, b) => a - b);
  lap('measures');
  const measures: DrawMeasures = {
    frameSubjects: n,
    items,
    selections: selections.reduce((sum, s) => sum + s.members.length, 0),
    distinctVisits: merged.length,
    lowerBound: Math.round(lowerBound * 100) / 100,
    independentExpected: Math.round(independentExpected * 100) / 100,
    tasks: tasks.length,
    tasksByDepartmentCount: Array.from(tasksByDepartmentCount, (c) => c ?? 0),
    inspectorLoad: {
      inspectors: sortedLoad.length,
      min: sortedLoad[0] ?? 0,
      median: median(sortedLoad),
      max: sortedLoad.at(-1) ?? 0,
    },
    unstaffed: unstaffed.length,
    excluded,
    timingsMs,
  };
  return { algorithm: input.algorithm ?? ALGORITHM_VERSION, selections, tasks, unstaffed, measures };
}
