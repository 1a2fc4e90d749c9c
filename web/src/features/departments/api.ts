import type {
  DepartmentInput,
  DepartmentOption,
  DepartmentListQuery,
  DepartmentUpdate,
  DepartmentView,
} from '@server/departments/department.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export type { DepartmentOption };

export const departmentApi = {
  list: (query: DepartmentListQuery) => http.get<Page<DepartmentView>>('/api/departments', query),
  options: () => http.get<DepartmentOption[]>('/api/departments/options'),
  create: (input: DepartmentInput) => http.post<DepartmentView>('/api/departments', input),
  update: (id: number, input: DepartmentUpdate) => http.put<DepartmentView>(`/api/departments/${id}`, input),
};
