import { z } from 'zod';
import { pageQuery } from '../shared/paging';
import { idCardNumber, phoneNumber } from './person.schemas';

const idCard = idCardNumber;

const userFields = {
  name: z.string().trim().min(2, '姓名至少 2 个字').max(30, '姓名不超过 30 个字'),
  phone: phoneNumber,
  departmentId: z.number().int().positive({ message: '请选择部门' }),
  roleCodes: z.array(z.string()).min(1, '至少分配一个角色'),
};

export const userCreate = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名应为字母开头的 3–32 位字母、数字或 _ . -'),
  idCard,
  password: z.string(),
  ...userFields,
});
export type UserCreate = z.infer<typeof userCreate>;

export const userUpdate = z.object({
  ...userFields,
  status: z.enum(['active', 'disabled']),
  /** Only when correcting the number; otherwise the stored masked form stays. */
  idCard: idCard.optional(),
});
export type UserUpdate = z.infer<typeof userUpdate>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(30).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  roleCode: z.string().optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const passwordReset = z.object({ password: z.string() });

export const userView = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  idCardMasked: z.string(),
  phone: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  status: z.enum(['active', 'disabled']),
  /** Locked after too many failed logins from all addresses, until an administrator unlocks. */
  lockedAt: z.string().nullable(),
  /** The password was set by an administrator and must be changed at the next login. */
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;
