import type { z } from 'zod';
import type { dashboardView, todoView } from '@server/work-portal/work-portal.schemas';
import { http } from '@/api/http';

export type TodoView = z.infer<typeof todoView>;
export type TodoGroup = TodoView['groups'][number];
export type DashboardView = z.infer<typeof dashboardView>;
/** The dashboard's filters as the address and the request carry them. */
export interface DashboardQuery {
  year?: number;
  departmentId?: number;
  divisionCode?: string;
  from?: string;
  to?: string;
}

export const workPortalApi = {
  todos: () => http.get<TodoView>('/api/work-portal/todos'),
  dashboard: (q: DashboardQuery) => http.get<DashboardView>('/api/work-portal/dashboard', { ...q }),
};
