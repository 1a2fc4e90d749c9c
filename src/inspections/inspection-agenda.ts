import { addDays, weekday } from '../calendar/calendar-date';
import type { TaskStatus } from '../tasks/task-lifecycle';
import type { AgendaGroup } from './inspection.schemas';

/** The Sunday that ends the week (Monday to Sunday) of `today`. */
export function weekEndOf(today: string): string {
  return addDays(today, (7 - weekday(today)) % 7);
}

export interface AgendaTask {
  status: TaskStatus;
  window: { from: string; to: string };
  visitOn: string | null;
  /** The results deadline once checked in (null: not checked in, or unknown). */
  resultsDueOn: string | null;
  /** The inspector's own department has inspected it (submitted, or checked it off site). */
  mineInspected: boolean;
}

/**
 * Where a task stands for its inspector today. 逾期 (overdue): the inspection window has ended, the scheduled day
 * passed without check-in, or results are still being entered after their deadline. 今天: checked in and
 * recording, or scheduled for today. 本周: scheduled for a later day this week, or not scheduled with a window
 * ending this week. 以后: the rest still to do. 已完成: inspected by the inspector's department (a joint task
 * stays 检查中 until the other departments submit too, but nothing is left for this inspector to do).
 */
export function agendaGroup(task: AgendaTask, today: string, weekEnd: string): AgendaGroup {
  if (task.status === '已检查' || task.mineInspected) return 'done';
  if (task.status === '检查中') return task.resultsDueOn !== null && task.resultsDueOn < today ? 'overdue' : 'today';
  if (task.window.to < today) return 'overdue';
  if (task.visitOn !== null) {
    if (task.visitOn < today) return 'overdue';
    if (task.visitOn === today) return 'today';
    return task.visitOn <= weekEnd ? 'week' : 'later';
  }
  return task.window.to <= weekEnd ? 'week' : 'later';
}
