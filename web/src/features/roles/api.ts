import type { PermissionView, RoleCreate, RoleInput, RoleView } from '@server/roles/role.schemas';
import { http } from '@/api/http';

export type { PermissionView };

export const roleApi = {
  permissions: () => http.get<PermissionView[]>('/api/permissions'),
  create: (input: RoleCreate) => http.post<RoleView>('/api/roles', input),
  update: (code: string, input: RoleInput) => http.put<RoleView>(`/api/roles/${encodeURIComponent(code)}`, input),
};

export const dataScopeLabel: Record<RoleView['dataScope'], string> = { own_department: '本部门', all: '全部' };
