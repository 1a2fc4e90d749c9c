import { onMounted, shallowRef, type ShallowRef } from 'vue';
import { type DepartmentOption, departmentApi } from '@/features/departments/api';

/** The departments the user may pick (the server limits a department-scoped user to their own). */
export function useDepartmentOptions(): ShallowRef<DepartmentOption[]> {
  const options = shallowRef<DepartmentOption[]>([]);
  onMounted(async () => {
    options.value = await departmentApi.options().catch(() => []);
  });
  return options;
}
