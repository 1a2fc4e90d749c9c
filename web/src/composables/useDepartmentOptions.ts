import { onMounted, shallowRef, type ShallowRef } from 'vue';
import { type DepartmentOption, departmentOptions } from '@/api/departments';

/** The departments the user may pick (the server limits a department-scoped user to their own). */
export function useDepartmentOptions(): ShallowRef<DepartmentOption[]> {
  const options = shallowRef<DepartmentOption[]>([]);
  onMounted(async () => {
    options.value = await departmentOptions().catch(() => []);
  });
  return options;
}
