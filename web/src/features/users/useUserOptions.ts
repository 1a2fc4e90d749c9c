import type { RoleView } from '@server/roles/role.schemas';
import { shallowRef } from 'vue';
import { notifyError } from '@/api/notify';
import { useAuthStore } from '@/stores/auth';
import { type DepartmentOption, departmentOptions } from '@/api/departments';
import { listRoles } from '@/api/roles';

/** Departments and roles for the user filters and the user dialog, loaded once per page. */
export function useUserOptions() {
  const auth = useAuthStore();
  const departments = shallowRef<DepartmentOption[]>([]);
  const roles = shallowRef<RoleView[]>([]);

  async function loadOptions(): Promise<void> {
    try {
      const [allDepartments, allRoles] = await Promise.all([
        departmentOptions(),
        auth.can('system:role:read') ? listRoles() : Promise.resolve([]),
      ]);
      const own = auth.scopeOf('system:user:write') === 'own_department';
      departments.value = own ? allDepartments.filter((d) => d.id === auth.me?.departmentId) : allDepartments;
      roles.value = allRoles;
    } catch (error) {
      notifyError(error);
    }
  }

  return { departments, roles, loadOptions };
}
