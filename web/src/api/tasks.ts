import type { Page } from '@server/shared/paging';
import type { TaskView } from '@server/tasks/task.schemas';
import { http } from '@/api/http';

/** GET /api/tasks as the address carries it (src/tasks/task.schemas.ts, taskQuery). */
export interface TaskQuery {
  page: number;
  pageSize: number;
  recordNo?: string;
  roundNo?: string;
  departmentId?: number;
  inspectorId?: number;
  mine?: 'true' | 'false';
  status?: TaskView['status'];
  source?: TaskView['source'];
  /** true: 未配齐人员; false: 已配齐人员. */
  unstaffed?: 'true' | 'false';
  specialPlanId?: number;
  keyword?: string;
  /** The check window overlaps [windowFrom, windowTo]. */
  windowFrom?: string;
  windowTo?: string;
  /** true: 已排期; false: 未排期. */
  scheduled?: 'true' | 'false';
  scheduledFrom?: string;
  scheduledTo?: string;
}

export const listTasks = (query: TaskQuery) => http.get<Page<TaskView>>('/api/tasks', { ...query });
