import { z } from 'zod';

/** Request and response shapes of the auth routes; pure, so the web app imports the same types. */
const dataScope = z.enum(['own_department', 'all']);

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名'),
  password: z.string().min(1, '请输入密码'),
});
export const passwordChangeBody = z.object({
  oldPassword: z.string().min(1, '请输入原密码'),
  newPassword: z.string().min(1, '请输入新密码'),
});

export const meView = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  permissions: z.array(z.string()),
  /** For each permission held: how far it reaches (a permission reaches all departments if any role granting it does). */
  scopes: z.record(z.string(), dataScope),
  sessionIdleMinutes: z.number(),
  /** The password was set by someone else: every other page waits until it is changed. */
  mustChangePassword: z.boolean(),
});
export type MeView = z.infer<typeof meView>;

/** Bearer tokens for system integration: they act as the user they are issued for, and never idle out. */
export const tokenCreate = z.object({
  userId: z.number().int().positive(),
  name: z.string().trim().min(2, '请说明令牌的用途（对接系统名称）').max(60),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type TokenCreate = z.infer<typeof tokenCreate>;

export const tokenView = z.object({
  id: z.string(),
  userId: z.number(),
  username: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string(),
});
export type TokenView = z.infer<typeof tokenView>;

/** A signed-in browser session as the online-sessions page (在线会话) shows it. */
export const onlineSessionView = z.object({
  id: z.string(),
  userId: z.number(),
  username: z.string(),
  name: z.string(),
  departmentName: z.string(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  loginAt: z.string(),
  lastSeenAt: z.string(),
  /** The administrator's own session, which they end by logging out. */
  current: z.boolean(),
});
export type OnlineSessionView = z.infer<typeof onlineSessionView>;
