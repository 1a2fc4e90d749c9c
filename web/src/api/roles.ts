import type { RoleView } from '@server/roles/role.schemas';
import { http } from '@/api/http';

export const listRoles = () => http.get<{ items: RoleView[] }>('/api/roles').then((r) => r.items);
