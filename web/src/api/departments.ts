import type { DepartmentOption } from '@server/departments/department.schemas';
import { http } from '@/api/http';

export type { DepartmentOption };

/** Every department by name, for pickers and filters. */
export const departmentOptions = () => http.get<DepartmentOption[]>('/api/departments/options');
