import type {
  DepartmentInput,
  DepartmentListQuery,
  DepartmentUpdate,
  DepartmentView,
} from '@server/departments/department.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export const departmentApi = {
  list: (query: DepartmentListQuery) => http.get<Page<DepartmentView>>('/api/departments', query),
  create: (input: DepartmentInput) => http.post<DepartmentView>('/api/departments', input),
  update: (id: number, input: DepartmentUpdate) => http.put<DepartmentView>(`/api/departments/${id}`, input),
};
