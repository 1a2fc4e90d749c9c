import type { PageQuery } from '@server/shared/paging';
import type { TaskView } from '@server/tasks/task.schemas';
import type { TaskQuery } from '@/api/tasks';

/** The search form of the 检查任务单 page: the query's fields, the two periods as date ranges, 只看本人任务 as a box. */
export interface TaskFilters {
  keyword: string;
  roundNo?: string;
  specialPlanId?: number;
  departmentId?: number;
  source?: TaskView['source'];
  status?: TaskView['status'];
  /** The check window overlaps this period. */
  window: [string, string] | null;
  scheduled?: 'true' | 'false';
  /** The visit date lies in this period. */
  visit: [string, string] | null;
  unstaffed?: 'true' | 'false';
  mine: boolean;
}

export const schedulingOptions = [
  { value: 'true', label: '已排期' },
  { value: 'false', label: '未排期' },
] as const;
/** `unstaffed` is the question asked: true means short of inspectors. */
export const staffingOptions = [
  { value: 'false', label: '已配齐人员' },
  { value: 'true', label: '未配齐人员' },
] as const;

export const blankTaskFilters = (): TaskFilters => ({ keyword: '', window: null, visit: null, mine: false });

export function toTaskQuery({ keyword, window, visit, mine, ...rest }: TaskFilters & PageQuery): TaskQuery {
  return {
    ...rest,
    keyword: keyword.trim() || undefined,
    windowFrom: window?.[0],
    windowTo: window?.[1],
    scheduledFrom: visit?.[0],
    scheduledTo: visit?.[1],
    mine: mine ? 'true' : undefined,
  };
}
