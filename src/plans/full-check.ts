import type { Db } from '../db/database';
import { loadFrameRegisters, loadRoundItems } from '../draw/draw-frame-lookup.service';
import { frameParamsOf } from '../draw/draw.service';
import { buildFrames } from '../draw/engine/frame';
import type { RoundItem } from '../draw/engine/types';
import type { SamplingScope } from '../items/sampling-item.table';
import { departmentNames, publishedItemIds } from './full-check.repository';

export interface MatchedDepartment {
  id: number;
  name: string;
  items: { id: number; code: string; name: string }[];
}

/**
 * 全项彻查 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十五条): every department with a published, active sampling item whose
 * object scope covers at least one subject of the plan. The plan's scope is evaluated exactly as a
 * draw frame is (src/draw/engine/frame.ts), as one more "item" next to the published ones, so
 * scope semantics cannot drift; like a frame, it leaves out whitelisted subjects (no proactive visits).
 */
export async function fullCheckDepartments(
  db: Db,
  scope: SamplingScope,
  subjectIds: readonly number[],
): Promise<MatchedDepartment[]> {
  const items = await loadRoundItems(db, await publishedItemIds(db), 'poisson');
  if (items.length === 0) return [];
  const plan: RoundItem = {
    id: 0,
    code: '',
    departmentId: 0,
    scope,
    ratios: { A: 100, B: 100, C: 100, D: 100 },
    design: 'poisson',
    keyTargetsCertain: true,
    fields: [],
    minInspectors: 2,
  };
  const registers = await loadFrameRegisters(
    db,
    [plan, ...items],
    undefined,
    subjectIds.length ? subjectIds : undefined,
  );
  const frames = buildFrames(registers, await frameParamsOf(db));
  const planMembers = new Set(frames.items.find((f) => f.id === 0)?.members ?? []);
  const matched = new Set(
    frames.items.filter((f) => f.id !== 0 && f.members.some((m) => planMembers.has(m))).map((f) => f.id),
  );
  const departments = new Map<number, MatchedDepartment>();
  const names = await departmentNames(db);
  for (const item of items.filter((i) => matched.has(i.id))) {
    const entry = departments.get(item.departmentId) ?? {
      id: item.departmentId,
      name: names.get(item.departmentId) ?? '',
      items: [],
    };
    entry.items.push({ id: item.id, code: item.code, name: item.name });
    departments.set(item.departmentId, entry);
  }
  return [...departments.values()].sort((a, b) => a.id - b.id);
}
