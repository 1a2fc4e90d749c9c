import type { DataScope } from '@server/roles/role.table';

/**
 * The signed-in user as GET /api/auth/me and POST /api/auth/login return it.
 * Mirrors `meView` in src/auth/auth.routes.ts, which the server does not export yet.
 */
export interface Me {
  id: number;
  username: string;
  name: string;
  departmentId: number;
  departmentName: string;
  roles: { code: string; name: string }[];
  permissions: string[];
  userScope: DataScope | null;
  sessionIdleMinutes: number;
}
