import type { Page } from '@server/shared/paging';
import type { TaskView } from '@server/tasks/task.schemas';
import { http } from '@/api/http';

export interface TaskQuery {
  page: number;
  pageSize: number;
  recordNo?: string;
  departmentId?: number;
  inspectorId?: number;
  mine?: 'true' | 'false';
  status?: TaskView['status'];
  source?: TaskView['source'];
  unstaffed?: 'true' | 'false';
  specialPlanId?: number;
  keyword?: string;
}

export const listTasks = (query: TaskQuery) => http.get<Page<TaskView>>('/api/tasks', { ...query });
