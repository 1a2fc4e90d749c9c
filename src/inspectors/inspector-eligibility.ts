/**
 * Who may inspect what: the rules every staffing applies — the draw's assignment (src/draw/engine/assign.ts),
 * the seeded staffing of other tasks and a choice made by staff (src/tasks/task-staffing.ts). Pure.
 */

/** An inspector as staffing sees it. */
export interface CandidateInspector {
  id: number;
  /** For readable refusals only. */
  name?: string;
  departmentId: number;
  active: boolean;
  certificateIssuedOn: string;
  certificateValidUntil: string;
  fields: string[];
  qualifiedItemCodes: string[];
  /** Inspections the inspector can still take in the window. */
  capacity: number;
  /** USCCs of subjects with a declared conflict of interest. */
  conflicts: string[];
  /** USCCs the inspector inspected in the previous cycle (rotation). */
  lastCycle: string[];
}

/** What an item asks of its inspectors. */
export interface ItemRequirement {
  code: string;
  /** Fields any of which qualifies an inspector (empty: any inspector of the department). */
  fields: string[];
  minInspectors: number;
}

/** Every inspection is carried out by at least two certified inspectors. */
export const MIN_INSPECTORS = 2;

/** Inspections an inspector can take in a window: the monthly capacity times the window's months (at least one). */
export function capacityIn(perMonth: number, window: { from: string; to: string }): number {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000 + 1;
  return perMonth * Math.max(1, Math.ceil(days / 30.44));
}

/** On duty, with an enforcement certificate issued by the window's start and valid through its end. */
export function certificateCovers(
  inspector: Pick<CandidateInspector, 'active' | 'certificateIssuedOn' | 'certificateValidUntil'>,
  window: { from: string; to: string },
): boolean {
  return (
    inspector.active && inspector.certificateIssuedOn <= window.from && inspector.certificateValidUntil >= window.to
  );
}

/** Qualified for the item: named for it, or holding one of its fields (an item without fields takes anyone). */
export function qualifies(
  inspector: Pick<CandidateInspector, 'qualifiedItemCodes' | 'fields'>,
  item: Pick<ItemRequirement, 'code' | 'fields'>,
): boolean {
  if (inspector.qualifiedItemCodes.includes(item.code)) return true;
  return item.fields.length === 0 || inspector.fields.some((f) => item.fields.includes(f));
}

/** Inspectors a task needs: at least two, more when an item asks for more. */
export function requiredInspectors(items: readonly Pick<ItemRequirement, 'minInspectors'>[]): number {
  return Math.max(MIN_INSPECTORS, ...items.map((it) => it.minInspectors));
}

/**
 * Why an inspector may not be sent for a department's items on a subject in a window, or null.
 * The order is the order a person reads the rules: department, duty and certificate, qualification,
 * conflict of interest, rotation, capacity.
 */
export function ineligibility(
  inspector: CandidateInspector,
  task: { departmentId: number; items: readonly ItemRequirement[]; uscc: string; window: { from: string; to: string } },
): string | null {
  if (inspector.departmentId !== task.departmentId) return '不是本部门的执法检查人员';
  if (!inspector.active) return '不在岗';
  if (!certificateCovers(inspector, task.window))
    return `执法证有效期（${inspector.certificateIssuedOn} 至 ${inspector.certificateValidUntil}）未覆盖检查期 ${task.window.from} 至 ${task.window.to}`;
  if (task.items.length > 0 && !task.items.some((it) => qualifies(inspector, it)))
    return '不具备本部门检查事项所需的执法领域或资格';
  if (inspector.conflicts.includes(task.uscc)) return '已申报与该检查对象存在利益冲突，须回避';
  if (inspector.lastCycle.includes(task.uscc)) return '上一轮已检查过该对象（轮换）';
  if (inspector.capacity <= 0) return '检查期内任务已满';
  return null;
}
