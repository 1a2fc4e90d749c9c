import type { DepartmentKind } from '@server/departments/department.table';
import { http } from '@/api/http';

export interface DepartmentOption {
  id: number;
  name: string;
  kind: DepartmentKind;
}

/** Every department by name, for pickers and filters. */
export const departmentOptions = () => http.get<DepartmentOption[]>('/api/departments/options');
