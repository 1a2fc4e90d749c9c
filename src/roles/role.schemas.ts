import { z } from 'zod';

export const roleInput = z.object({
  name: z.string().trim().min(2, '角色名称至少 2 个字').max(30, '角色名称不超过 30 个字'),
  description: z.string().trim().max(200).default(''),
  dataScope: z.enum(['own_department', 'all'], { message: '数据范围无效' }),
  permissions: z.array(z.string()).max(200),
});
export type RoleInput = z.infer<typeof roleInput>;

export const roleCreate = roleInput.extend({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '角色编码应为小写字母开头的字母、数字、下划线，2–40 位'),
});
export type RoleCreate = z.infer<typeof roleCreate>;

export const roleView = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  dataScope: z.enum(['own_department', 'all']),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
  userCount: z.number(),
});
export type RoleView = z.infer<typeof roleView>;

export const permissionView = z.object({ code: z.string(), module: z.string(), name: z.string() });
export type PermissionView = z.infer<typeof permissionView>;
