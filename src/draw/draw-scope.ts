import { type Actor, departmentFilter } from '../auth/actor';
import { forbidden } from '../shared/app-error';
import type { DrawBundle } from './engine/verify';
import type { DrawMeasures, Frames, Task } from './engine/types';

/**
 * What a staff reader of a draw record sees (hardening finding 5). A draw covers every department's
 * sampling items, and its record holds each department's tasks, inspectors and strata (the strata are
 * credit classes, which are not public). A reader whose draw:round:read reaches all departments (the
 * joint-meeting office, the supervision office, the platform administrator) sees the whole record; a
 * department-scoped reader sees only tasks that include one of its department's items (so both
 * departments of a joint task see that task, with its inspectors), and only its department's items in
 * the frame, the measures and the self-check. The public verification material is not filtered: it never
 * held tasks, inspectors or strata.
 */

/** The department a reader is confined to, or null when the reader sees every department. */
export const readerDepartment = (actor: Actor): number | null => departmentFilter(actor, 'draw:round:read');

export const taskVisible = (task: Pick<Task, 'departmentIds'>, department: number | null): boolean =>
  department === null || task.departmentIds.includes(department);

/** Codes of the department's sampling items in the round's frame. */
export const departmentItemCodes = (frames: Pick<Frames, 'items'>, department: number): Set<string> =>
  new Set(frames.items.filter((i) => i.departmentId === department).map((i) => i.code));

/** The record's tasks and unstaffed tasks the reader may see. */
export function visibleResult<R extends Pick<DrawBundle['result'], 'tasks' | 'unstaffed'>>(
  result: R,
  department: number | null,
): Pick<R, 'tasks' | 'unstaffed'> {
  if (department === null) return result;
  const tasks = result.tasks.filter((t) => taskVisible(t, department));
  const keys = new Set(tasks.map((t) => t.key));
  return { tasks, unstaffed: result.unstaffed.filter((u) => keys.has(u.key)) };
}

/** The measures with the per-item figures (frame, selected and strata counts) of the reader's items only. */
export function visibleMeasures(measures: DrawMeasures, ownItems: ReadonlySet<string> | null): DrawMeasures {
  return ownItems === null ? measures : { ...measures, items: measures.items.filter((i) => ownItems.has(i.code)) };
}

/**
 * The bundle cut to the reader's department, for the frame and task CSV files: its items (with their
 * selections, kept in step), tasks, unstaffed tasks and inspectors. Such a bundle no longer recomputes.
 */
export function bundleForReader(bundle: DrawBundle, department: number | null): DrawBundle {
  if (department === null) return bundle;
  const keep = bundle.frames.items.map((i) => i.departmentId === department);
  return {
    ...bundle,
    frames: { ...bundle.frames, items: bundle.frames.items.filter((_, j) => keep[j]) },
    inspectors: bundle.inspectors.filter((i) => i.departmentId === department),
    result: {
      ...bundle.result,
      ...visibleResult(bundle.result, department),
      selections: bundle.result.selections.filter((_, j) => keep[j]),
    },
  };
}

/** The whole bundle (what `lianjian draw verify` recomputes) only for readers of every department. */
export function requireWholeRecordReader(department: number | null): void {
  if (department !== null)
    throw forbidden(
      '审计包含有各部门的对象框架、信用分类分层和检查人员，只有数据范围为全部部门的用户可以下载；本部门的对象框架和检查任务请下载 CSV，抽取记录是否一致可在公开核验页面重算',
    );
}
