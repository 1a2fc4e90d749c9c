import { z } from 'zod';
import { pageQuery } from '../shared/paging';
import { checkUscc } from '../shared/uscc';
import { departmentKinds } from './department.table';

export const departmentInput = z.object({
  name: z.string().trim().min(2, '部门名称至少 2 个字').max(60, '部门名称不超过 60 个字'),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((code, ctx) => {
      const check = checkUscc(code);
      if (!check.valid) ctx.addIssue({ code: 'custom', message: `统一社会信用代码无效：${check.reason}` });
    }),
  kind: z.enum(departmentKinds, { message: '部门类别无效' }),
  divisionCode: z.string().regex(/^[0-9]{6}$/, '行政区划代码应为 6 位数字'),
  parentId: z.number().int().positive().nullable().default(null),
});
export type DepartmentInput = z.infer<typeof departmentInput>;

export const departmentUpdate = departmentInput.extend({ status: z.enum(['active', 'disabled']) });
export type DepartmentUpdate = z.infer<typeof departmentUpdate>;

export const departmentListQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  kind: z.enum(departmentKinds).optional(),
});
export type DepartmentListQuery = z.infer<typeof departmentListQuery>;

export const departmentView = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  kind: z.enum(departmentKinds),
  divisionCode: z.string(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  userCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DepartmentView = z.infer<typeof departmentView>;

export const departmentOption = z.object({ id: z.number(), name: z.string(), kind: z.enum(departmentKinds) });
export type DepartmentOption = z.infer<typeof departmentOption>;
