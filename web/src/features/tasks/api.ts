import type { Page } from '@server/shared/paging';
import type { TaskView } from '@server/tasks/task.schemas';
import { http } from '@/api/http';

export type { TaskView };

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
  keyword?: string;
}

export const taskApi = {
  list: (query: TaskQuery) => http.get<Page<TaskView>>('/api/tasks', { ...query }),
};
